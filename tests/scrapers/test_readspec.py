"""readspec.json, the reading spec shared with the extension: it loads, every path compiles,
every value kind is one both sides know, and the path grammar reads what it documents."""

from __future__ import annotations

import pytest

from scrapers.pages.readspec import SPEC, compile_path, convert, each, get, kind_spec
from tests.helpers.vectors import CASES

VALUE_KINDS = {c["kind"] for c in CASES} | {
    "text", "id", "host", "present", "transactions", "epoch_ms", "yyyymmdd"
}  # fmt: skip


def test_spec_is_documented_and_versioned():
    assert SPEC["format"] == 1 and SPEC["_doc"]
    assert set(SPEC["kinds"]) >= {
        "product-detail-2026",
        "product-search-2026",
        "supplier-search-2026",
        "store-modules-2026",
        "supplier-search-ai-2026",
    }


@pytest.mark.parametrize("name", sorted(SPEC["kinds"]))
def test_every_kind_compiles_with_known_value_kinds(name):
    spec = kind_spec(name)
    assert spec.page_kind and spec.locate
    fields = [*spec.identity.values(), *spec.signals, *spec.listing_fields.values()]
    assert "company_id" in spec.identity
    for f in fields:
        assert f.kind in VALUE_KINDS, (name, f.name, f.kind)


BLOB = {
    "a": {"b": [{"k": "x", "v": 1}, {"k": "yes please", "v": 2}], "n": 7},
    "list": [{"id": 1}, "junk", {"id": 2}],
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("a.n", 7, id="keys"),
        pytest.param("a.b[k=x].v", 1, id="match-equals"),
        pytest.param("a.b[k~please].v", 2, id="match-contains"),
        pytest.param("a.b[k=zzz].v", None, id="no-match"),
        pytest.param("a.n.deeper", None, id="through-a-number"),
        pytest.param("missing.path", None, id="missing"),
        pytest.param("a.b", BLOB["a"]["b"], id="a-list"),
    ],
)
def test_path_grammar(path, value):
    assert get(BLOB, compile_path(path)) == value


def test_each_skips_what_is_not_a_record():
    assert each(BLOB, compile_path("list[]")) == [{"id": 1}, {"id": 2}]
    assert each({"list": {"id": 1}}, compile_path("list[]")) == []


def test_unwrap_reads_field_value_wrappers():
    mods = {"m": {"x": {"fieldName": "x", "value": "≤2h"}}}
    assert get(mods, compile_path("m.x"), unwrap=True) == "≤2h"


@pytest.mark.parametrize("bad", ["a..b", "a[", "a[k=v", "a]"])
def test_a_bad_path_is_refused_at_load(bad):
    with pytest.raises(ValueError):
        compile_path(bad)


@pytest.mark.parametrize(
    ("kind", "raw", "options", "value"),
    [
        pytest.param(
            "text",
            "Verified by <b>TüV</b>",
            {"strip_tags": True, "strip_prefix": "Verified by"},
            "TüV",
            id="verifier-text",
        ),
        pytest.param("id", 230860282, {}, "230860282", id="id-int"),
        pytest.param("id", "٢٣", {}, None, id="id-other-digits"),
        pytest.param("id", True, {}, None, id="id-bool"),
        pytest.param("host", "//hh2025.en.alibaba.com/", {}, "hh2025.en.alibaba.com", id="host"),
        pytest.param("host", "//evil.example.com/", {}, None, id="host-not-alibaba"),
        pytest.param("present", "Intertek", {}, True, id="present"),
        pytest.param("present", "", {}, None, id="absent-is-unknown"),
        pytest.param("epoch_ms", 1789387902851, {}, "2026-09-14T12:11:42+00:00", id="epoch"),
        pytest.param("yyyymmdd", "20260914", {}, "2026-09-14T00:00:00+00:00", id="service"),
        pytest.param("yyyymmdd", "2026-09-14", {}, None, id="service-other-format"),
    ],
)
def test_spec_only_kinds(kind, raw, options, value):
    assert convert(kind, raw, options)[0] == value
