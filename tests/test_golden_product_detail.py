"""The 2022 product-detail parser against the real saved pages and EXPECTED.jsonl."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scrapers.pages import parse_page
from tests.conftest import read_page

PRODUCT_DETAIL_2022 = [
    "2022-09_product-detail_dinghongcraft_60345754188.html",
    "2022-09_product-detail_honestvalue_1600312248685.html",
    "2022-09_product-detail_jinqisportswear_1600336045319.html",
    "2022-09_product-detail_qzdihao_1600534966193.html",
]


@pytest.mark.parametrize("name", PRODUCT_DETAIL_2022)
def test_product_detail_matches_expected(real_pages, expected, name):
    want = expected[name]
    result = parse_page(read_page(real_pages / name), f"https://www.alibaba.com/{name}")
    assert result.capture.outcome == "ok"
    assert result.capture.parser == "product-detail-2022"
    [obs] = result.suppliers
    got = {s.name: s for s in obs.signals}
    assert obs.supplier_id == want["company_id"]
    assert obs.name == want["company_name"]
    assert want["subdomain"] in obs.aliases
    assert got["gold_supplier"].value is want["gold_supplier"]
    assert got["years_on_alibaba"].value == int(want["years_on_alibaba"])
    assert got["verified"].value is want["verified"]
    assert got["trade_assurance"].value is want["trade_assurance"]
    assert got["ta_limit"].value.amount == Decimal(str(want["ta_limit_usd"]))
    assert got["ta_limit"].value.currency == "USD"
    assert got["business_type"].value == want["business_type"]
    assert got["response_time"].raw == want["response_time"]
    assert got["rating"].value == float(want["rating"])
    for sig in obs.signals:
        assert sig.extractor.startswith("product-detail-2022:")
        assert sig.source_url and sig.observed_at


def test_punish_page_is_blocked(real_pages):
    result = parse_page(read_page(real_pages / "2024-09_blocked_captcha-punish.html"), "https://x")
    assert result.capture.outcome == "blocked"
    assert result.suppliers == [] and result.listings == []
