"""The 2022 product-detail parser against the real saved pages and EXPECTED.jsonl."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scrapers.pages import parse_page
from tests.helpers.paths import read_page

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


QZDIHAO = "2022-09_product-detail_qzdihao_1600534966193.html"
QZDIHAO_URL = "https://www.alibaba.com/product-detail/x_1600534966193.html"


def test_dom_fallback_on_the_rendered_supplier_card(real_pages, expected):
    """Without detailData the rendered card still gives the facts it shows, keyed by subdomain."""
    want = expected[QZDIHAO]
    html = read_page(real_pages / QZDIHAO).replace("window.detailData", "window.removed")
    result = parse_page(html, QZDIHAO_URL)
    assert (result.capture.outcome, result.capture.message) == ("ok", "DOM fallback")
    assert (result.capture.parser, result.capture.parser_version) == ("product-detail-2022-card", 1)
    [obs] = result.suppliers
    got = {s.name: s for s in obs.signals}
    assert obs.supplier_id == want["subdomain"].split(".")[0]
    assert obs.name == want["company_name"]
    assert got["trade_assurance"].value is want["trade_assurance"]
    assert got["verified"].value is want["verified"]
    assert got["years_on_alibaba"].value == int(want["years_on_alibaba"])
    assert got["rating"].value == float(want["rating"])
    assert "ta_limit" not in got and "gold_supplier" not in got  # the card does not say
    assert all(s.extractor.startswith("product-detail-2022-card:dom:") for s in obs.signals)
    assert [x.product_id for x in result.listings] == ["1600534966193"]


def test_json_route_wins_over_the_rendered_card(real_pages, expected):
    """The card renders "≤5h"; the JSON (and EXPECTED) say "≤7h": JSON comes first."""
    result = parse_page(read_page(real_pages / QZDIHAO), QZDIHAO_URL)
    got = {s.name: s for s in result.suppliers[0].signals}
    assert got["response_time"].raw == expected[QZDIHAO]["response_time"] == "≤7h"
    assert result.capture.message is None


@pytest.mark.parametrize(
    "prefix",
    [
        pytest.param("", id="card-only-page"),
        pytest.param("<script>window.detailData = {broken</script>", id="broken-detail-json"),
    ],
)
def test_card_without_ta_class_leaves_ta_unknown(prefix):
    html = prefix + (
        '<div data-role="widget-supplier-card" class="widget-supplier-card">'
        '<a class="company-name" href="https://demo-lighting.en.alibaba.com/x" title="Demo">'
        "Demo</a></div>"
    )
    result = parse_page(html, "https://www.alibaba.com/product-detail/_1.html")
    assert result.capture.parser == "product-detail-2022-card"
    [obs] = result.suppliers
    assert obs.supplier_id == "demo-lighting"
    assert {s.name for s in obs.signals} == set()  # no has-ta: unknown, never False


def test_verified_card_facts_and_listing_from_the_json(real_pages):
    """Beyond EXPECTED: facts the page's JSON states (seller.authCards, product.price)."""
    result = parse_page(read_page(real_pages / QZDIHAO), QZDIHAO_URL)
    got = {s.name: s for s in result.suppliers[0].signals}
    assert got["on_time_delivery"].value == 95.2 and got["on_time_delivery"].raw == "95.2%"
    assert got["floor_area"].value == "4600m²"
    assert got["staff"].value == "77"
    assert got["on_time_delivery"].extractor.endswith("authCards[onTimeDeliveryRate]")
    [listing] = result.listings
    assert (str(listing.price_min), str(listing.price_max), listing.currency) == (
        "3.50",
        "6.50",
        "USD",
    )
    assert (listing.moq, listing.moq_unit) == (1, "pieces")


def test_pages_without_those_facts_leave_them_unknown(real_pages):
    name = "2022-09_product-detail_honestvalue_1600312248685.html"
    result = parse_page(read_page(real_pages / name), f"https://www.alibaba.com/{name}")
    names = {s.name for s in result.suppliers[0].signals}
    assert not names & {"on_time_delivery", "floor_area", "staff"}
    assert result.listings[0].price_min is None  # no price ladder on this page
