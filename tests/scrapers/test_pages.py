"""Parser fallbacks and edge cases on small hand-written pages (structures of the real ones)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers.pages import PARSERS, parse_page
from tests.helpers.fictional_pages import OFFER

URL = "https://www.alibaba.com/trade/search?SearchText=x"


def _search_2022(offers: list, cards: str = "") -> str:
    blob = json.dumps({"props": {"offerResultData": {"offerList": offers}}})
    return (
        f"<html><body>{cards}<script>window.__page__data__config = {blob};</script></body></html>"
    )


CARD = (
    '<div data-content="productItem" data-pid="1600900000011" data-supplierid="900000001" '
    'data-year="6"><h2 data-e2e-name="title" title="Example Tote (fictional)"></h2>'
    '<span class="elements-offer-price-normal__price">US $1.20-$2.40</span>'
    '<span class="element-offer-minorder-normal__value">100 Pieces</span>'
    '<a href="//example-textiles.en.alibaba.com/company_profile.html">Supplier</a></div>'
)


def test_unknown_page_is_unparseable_not_an_empty_supplier():
    result = parse_page("<html><body><h1>Hello</h1></body></html>", URL)
    assert result.capture.outcome == "unparseable"
    assert result.suppliers == [] and result.capture.parser is None


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            '<script>location="https://login.alibaba.com/newlogin/x"</script>', id="login"
        ),
        pytest.param('<script>var url="/_____tmd_____/punish?x5secdata=1"</script>', id="punish"),
    ],
)
def test_interstitials_are_blocked_before_any_parser(html):
    result = parse_page(html + _search_2022([OFFER]), URL)
    assert result.capture.outcome == "blocked" and result.suppliers == []


def test_search_2022_json_route():
    result = parse_page(_search_2022([OFFER, OFFER]), URL)
    assert result.capture.outcome == "ok" and result.capture.message is None
    [obs] = result.suppliers  # one observation per distinct supplier
    got = {s.name: s for s in obs.signals}
    assert got["trade_assurance"].value is True
    assert got["response_rate"].value == 97.5 and got["response_rate"].raw == "97.5%"
    assert got["rating"].value == 4.5 and got["review_count"].value == 12
    assert obs.aliases == {"example-textiles": "subdomain"}
    assert len(result.listings) == 2
    assert result.listings[0].moq == 100 and str(result.listings[0].price_max) == "2.40"


def test_search_2022_missing_flags_stay_unknown():
    offer = {**OFFER, "company": {}, "reviews": {}}
    [obs] = parse_page(_search_2022([offer]), URL).suppliers
    names = {s.name for s in obs.signals}
    assert "trade_assurance" not in names and "rating" not in names


def test_search_2022_empty_offer_list_is_ok():
    result = parse_page(_search_2022([]), URL)
    assert result.capture.outcome == "ok" and result.suppliers == []


def test_search_2022_dom_fallback_when_json_is_broken():
    html = (
        f"<html><body>{CARD}<script>window.__page__data__config = {{broken</script></body></html>"
    )
    result = parse_page(html, URL)
    assert result.capture.outcome == "ok" and result.capture.message == "DOM fallback"
    [obs] = result.suppliers
    assert obs.supplier_id == "900000001" and obs.aliases == {"example-textiles": "subdomain"}
    assert [s.extractor.split(":", 1)[1] for s in obs.signals] == [
        "dom:[data-content=productItem].@data-year"
    ]
    [listing] = result.listings
    assert (listing.moq, listing.title, str(listing.price_min)) == (
        100,
        "Example Tote (fictional)",
        "1.20",
    )


def test_detail_2022_without_company_id_is_unparseable():
    html = '<script>window.detailData = {"globalData": {"seller": {}}};</script>'
    assert parse_page(html, URL).capture.outcome == "unparseable"


def _module(name: str, data: dict, quote_char: str = "'") -> str:
    payload = quote(json.dumps({"gdc": {}, "mds": {"moduleData": {"data": data}}}))
    return f'<div module-name="{name}" module-data={quote_char}{payload}{quote_char}></div>'


PROFILE_DATA = {
    "companyId": 900000002,
    "companyName": "Demo Lighting Trading Ltd. (fictional)",
    "accountIsPaidMember": False,
    "companyJoinYears": "2",
    "companyHasPassAssessment": False,
    "companyBusinessType": {"authenticated": True, "value": "Trading Company"},
    "averageStar": {"fieldName": "averageStar", "value": "4.1"},
}


@pytest.mark.parametrize(
    ("quote_char", "route"),
    [pytest.param("'", "regex", id="regex-route"), pytest.param('"', "dom", id="dom-fallback")],
)
def test_profile_2024_routes(quote_char, route):
    html = "<html><body>" + _module("icbu-pc-shopSign", PROFILE_DATA, quote_char) + "</body></html>"
    result = parse_page(html, "https://demo-lighting.en.alibaba.com/company_profile.html")
    assert result.capture.parser == "supplier-profile-2024"
    [obs] = result.suppliers
    got = {s.name: s for s in obs.signals}
    assert got["gold_supplier"].value is False  # stated false is false ...
    assert "gold_years" not in got  # ... and years of a non-member are not Gold years
    assert got["business_type"].value == "Trading Company"
    assert got["rating"].value == 4.1
    assert f"module-data[{route}]" in got["rating"].extractor


def _fragment_2026(depth: int) -> str:
    company = (
        '<div data-module-name="module_company"><span class="company-name">'
        '<a href="https://demo-lighting.en.alibaba.com/index.html" title="Demo Lighting">'
        'Demo Lighting</a></span><span class="company-life">2 yrs</span>'
        '<span class="register-country">CN</span></div>'
    )
    return "<main>" + "<div>" * depth + company + "</div>" * depth + "</main>"


@pytest.mark.parametrize(
    "depth",
    [pytest.param(3, id="shallow"), pytest.param(1000, id="deeper-than-libxml2-limit")],
)
def test_2026_dom_route_survives_deep_nesting(depth):
    result = parse_page(_fragment_2026(depth), "https://www.alibaba.com/product-detail/_1.html")
    assert result.capture.outcome == "ok"
    [obs] = result.suppliers
    got = {s.name: s.value for s in obs.signals}
    assert obs.supplier_id == "demo-lighting"
    assert got == {"years_on_alibaba": 2, "location": "CN"}


def test_2026_falls_back_to_html_parser_when_lxml_loses_the_modules():
    # Deeper than libxml2 reads even with huge_tree (2,048 levels): lxml loses the modules.
    result = parse_page(_fragment_2026(3000), "https://www.alibaba.com/product-detail/_1.html")
    assert result.capture.message == "DOM only (html.parser)"
    assert result.suppliers[0].supplier_id == "demo-lighting"
    assert {s.name: s.value for s in result.suppliers[0].signals} == {
        "years_on_alibaba": 2,
        "location": "CN",
    }


def test_2026_falls_back_to_html_parser_when_lxml_fails_on_the_page(monkeypatch):
    # libxml2's XPath gives up past 10 million nodes ("unknown error", a 50 MB page in the slow
    # hostile corpus): that is lxml not reading the page, not a crash.
    import lxml.etree

    from scrapers.pages import product_detail_2026

    real, calls = product_detail_2026._FIND_MODULES, []

    def fails_on_the_whole_page(root):  # the modules found by html.parser are few nodes
        calls.append(root)
        if len(calls) == 1:
            raise lxml.etree.XPathEvalError("unknown error")
        return real(root)

    monkeypatch.setattr(product_detail_2026, "_FIND_MODULES", fails_on_the_whole_page)
    result = parse_page(_fragment_2026(3), "https://www.alibaba.com/product-detail/_1.html")
    assert result.capture.message == "DOM only (html.parser)"
    assert result.suppliers[0].supplier_id == "demo-lighting"


def test_2026_without_supplier_link_is_unparseable():
    html = '<main><div data-module-name="module_title"><h1>x</h1></div></main>'
    assert parse_page(html, URL).capture.outcome == "unparseable"


def test_every_parser_is_versioned_and_named_uniquely():
    names = [p.name for p in PARSERS]
    assert len(names) == len(set(names))
    assert all(p.version >= 1 and p.kind for p in PARSERS)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    ["supplier", "company", "reviews", "tradePrice", "information", "record", "supplierName"]
)
_ids = st.integers(1, 10**12) | st.from_regex(r"\A[0-9]{1,12}\Z")
_supplier = st.fixed_dictionaries({"supplierId": _ids}, optional={"x": _json}).flatmap(
    lambda base: st.dictionaries(_keys, _json, max_size=3).map(lambda extra: {**extra, **base})
)
_offer = st.fixed_dictionaries(
    {},
    optional={
        "supplier": _supplier | _json,
        "company": _json,
        "reviews": _json,
        "tradePrice": _json,
        "information": _json,
        "companyId": _ids,
        "goldYears": _json,
        "productList": _json,
        "transactions": _json,
    },
)


@settings(max_examples=150, deadline=None)
@given(offers=st.lists(_offer | _json, max_size=3))
def test_odd_json_never_crashes_a_parser(offers):
    """Whatever shape the embedded JSON has, the result is a capture, never an exception."""
    for blob in (
        _search_2022(offers),
        "<script>window._PAGE_DATA_ = "
        + json.dumps({"offerResultData": {"offerList": offers}})
        + ";</script>",
        '<script>window.detailData = {"globalData": {"seller": '
        + json.dumps(
            {**offers[0], "companyId": 7} if offers and isinstance(offers[0], dict) else None
        )
        + "}};</script>",
    ):
        result = parse_page(blob, URL)
        assert result.capture.outcome in ("ok", "unparseable")
        for obs in result.suppliers:
            assert obs.supplier_id
            assert all(s.value is not None for s in obs.signals)
