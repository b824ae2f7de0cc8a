"""The shared ID vectors (tests/vectors/ids.json) against vetting.ids; the extension's
src/lib/ids.js runs the same file (extension/test/ids-vectors.test.js)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import VECTORS
from vetting.ids import RESERVED_SUBDOMAINS, is_company_id, subdomain_of

VECTORS = json.loads((VECTORS / "ids.json").read_text("utf-8"))


def test_reserved_subdomains_are_the_shared_list():
    assert sorted(RESERVED_SUBDOMAINS) == VECTORS["reserved_subdomains"]


@pytest.mark.parametrize("case", VECTORS["company_ids"], ids=lambda c: c["id"])
def test_company_id_rule(case):
    assert is_company_id(case["text"]) is case["company_id"]


@pytest.mark.parametrize("case", VECTORS["subdomains"], ids=lambda c: c["id"])
def test_storefront_subdomain(case):
    assert subdomain_of(case["url"]) == case["subdomain"]


@pytest.mark.parametrize("label", VECTORS["reserved_subdomains"])
def test_every_reserved_label_is_refused_on_every_storefront_host(label):
    for suffix in (".en.", ".m.en.", ".trustpass.", ".m.trustpass."):
        assert subdomain_of(f"https://{label}{suffix}alibaba.com/") is None
