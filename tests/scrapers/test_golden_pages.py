"""Every real saved page (other than the 2022 product details, see test_golden_product_detail)
against EXPECTED.jsonl: every field, every offer of every search page."""

from __future__ import annotations

import pytest

from scrapers.pages import parse_page
from scrapers.values import parse_years
from tests.helpers.paths import read_page

LIST_VIEW = "2022-02_product-search_list-view_art.html"
GALLERY = "2022-09_product-search_gallery_p1.html"
SUPPLIER_SEARCH = "2024-09_supplier-search_plastic-nets.html"
EMPTY_SEARCH = "2024-09_supplier-search_no-results.html"
PROFILE = "2024-09_supplier-profile_apdingtai.html"
FRAGMENT_2026 = "2026-02_product-detail-fragment_zhenbenchina_1600691082191.html"
PUNISH = "2024-09_blocked_captcha-punish.html"
FRAGMENT_URL = "https://www.alibaba.com/product-detail/_1600691082191.html"


def _parse(real_pages, name, url=None):
    return parse_page(read_page(real_pages / name), url or f"https://www.alibaba.com/{name}")


def _signals(obs):
    return {s.name: s for s in obs.signals}


def _value(signals, name):
    return signals[name].value if name in signals else None


@pytest.mark.parametrize(
    ("name", "parser"),
    [
        pytest.param(LIST_VIEW, "product-search-2022", id="list-view-2022-02"),
        pytest.param(GALLERY, "product-search-2022", id="gallery-2022-09"),
    ],
)
def test_product_search_every_offer(real_pages, expected, name, parser):
    offers = expected[name]["offers"]
    result = _parse(real_pages, name)
    assert result.capture.outcome == "ok"
    assert result.capture.parser == parser and result.capture.parser_version >= 1
    by_id = {obs.supplier_id: obs for obs in result.suppliers}
    assert len(result.suppliers) == len(by_id) == len({o["company_id"] for o in offers})
    assert len(result.listings) == len(offers)
    for offer, listing in zip(offers, result.listings, strict=True):
        assert listing.supplier_id == offer["company_id"]
        obs = by_id[offer["company_id"]]
        got = _signals(obs)
        assert obs.name == offer["company_name"]
        assert _value(got, "gold_supplier") is offer["gold_supplier"]
        assert _value(got, "years_on_alibaba") == int(offer["years"])
        assert _value(got, "verified") is offer["verified"]
        assert _value(got, "trade_assurance") is offer["trade_assurance"]
        assert listing.product_id.isdigit() and listing.price_min is not None


def test_supplier_search_every_offer(real_pages, expected):
    offers = expected[SUPPLIER_SEARCH]["offers"]
    result = _parse(real_pages, SUPPLIER_SEARCH)
    assert (result.capture.outcome, result.capture.parser) == ("ok", "supplier-search-2024")
    assert [obs.supplier_id for obs in result.suppliers] == [o["company_id"] for o in offers]
    for offer, obs in zip(offers, result.suppliers, strict=True):
        got = _signals(obs)
        assert obs.name == offer["company_name"]
        assert got["gold_years"].raw == offer["gold_years"]
        assert got["gold_years"].value == parse_years(offer["gold_years"])
        assert _value(got, "verified") is offer["verified"]
        assert _value(got, "verified_pro") is offer["verified_pro"]
        assert "trade_assurance" not in got  # the supplier search does not say: unknown
    assert {listing.supplier_id for listing in result.listings} <= {o["company_id"] for o in offers}


def test_empty_supplier_search_is_ok_with_no_suppliers(real_pages, expected):
    assert expected[EMPTY_SEARCH]["offers"] == []
    result = _parse(real_pages, EMPTY_SEARCH)
    assert result.capture.outcome == "ok"  # a recognised page that says "no results"
    assert result.capture.kind == "supplier-search"
    assert result.suppliers == [] and result.listings == []


def test_supplier_profile(real_pages, expected):
    want = expected[PROFILE]
    result = _parse(real_pages, PROFILE, "https://apdingtai.en.alibaba.com/company_profile.html")
    assert (result.capture.outcome, result.capture.parser) == ("ok", "supplier-profile-2024")
    [obs] = result.suppliers
    got = _signals(obs)
    assert obs.supplier_id == want["company_id"]
    assert obs.name == want["company_name"]
    assert obs.aliases.get("apdingtai") == "subdomain"
    assert got["gold_supplier"].value is want["gold_supplier"]
    assert got["years_on_alibaba"].value == int(want["years_on_alibaba"])
    assert got["verified"].value is want["verified"]
    assert got["trade_assurance"].value is want["trade_assurance"]
    assert got["business_type"].value == want["business_type"]
    assert got["rating"].value == float(want["rating"])
    assert "ta_limit" not in got  # the 2024 profile shows the TA mark but no limit
    assert got["verifier"].value == "SGS Group" and got["onsite_check"].value is True
    assert got["on_time_delivery"].value == 96.7 and got["on_time_delivery"].raw == "96.7%"


def test_2026_fragment_dom_only(real_pages, expected):
    want = expected[FRAGMENT_2026]
    result = _parse(real_pages, FRAGMENT_2026, FRAGMENT_URL)
    assert (result.capture.outcome, result.capture.parser) == ("ok", "product-detail-2026")
    [obs] = result.suppliers
    got = _signals(obs)
    assert want["company_id"] is None
    assert obs.supplier_id == want["subdomain"].split(".")[0]  # keyed by subdomain
    assert obs.name == want["company_name"]
    assert got["years_on_alibaba"].value == int(want["years_on_alibaba"])
    assert got["business_type"].value == want["business_type"]
    assert got["response_time"].raw == want["response_time"]
    assert got["on_time_delivery"].raw == want["on_time_delivery"]
    for unknown in ("gold_supplier", "verified", "trade_assurance", "ta_limit", "rating"):
        assert want.get(unknown.replace("ta_limit", "ta_limit_usd")) is None
        assert unknown not in got, f"{unknown} must stay unknown on the 2026 fragment"
    for sig in obs.signals:
        assert sig.extractor.startswith("product-detail-2026:dom:")
    [listing] = result.listings
    assert listing.product_id == "1600691082191" and listing.supplier_id == obs.supplier_id


def test_2026_fragment_stores_under_subdomain(real_pages, store):
    store.record(_parse(real_pages, FRAGMENT_2026, FRAGMENT_URL))
    supplier = store.get("zhenbenchina.en.alibaba.com")
    assert supplier.supplier_id == "zhenbenchina"
    assert supplier.value("trade_assurance") is None


def test_punish_page_is_blocked_and_writes_nothing(real_pages, expected, store):
    assert expected[PUNISH]["kind"] == "blocked"
    result = _parse(real_pages, PUNISH)
    assert result.capture.outcome == "blocked"
    store.record(result)
    assert store.count_suppliers() == 0
    assert store.db.execute("SELECT count(*) FROM signals").fetchone()[0] == 0
    assert [c["outcome"] for c in store.captures()] == ["blocked"]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(LIST_VIEW, id="list-view"),
        pytest.param(GALLERY, id="gallery"),
        pytest.param(SUPPLIER_SEARCH, id="supplier-search"),
        pytest.param(PROFILE, id="profile"),
        pytest.param(FRAGMENT_2026, id="fragment-2026"),
    ],
)
def test_every_signal_has_provenance(real_pages, name):
    result = _parse(real_pages, name, FRAGMENT_URL if name == FRAGMENT_2026 else None)
    for obs in result.suppliers:
        for sig in obs.signals:
            assert sig.value is not None
            assert sig.extractor and sig.extractor.startswith(result.capture.parser + ":")
            assert sig.source_url and sig.observed_at and sig.page_kind == result.capture.kind


def test_gallery_dom_fallback_without_json(real_pages, expected):
    """With the JSON blob gone, the rendered cards still give every offer's supplier and price."""
    html = read_page(real_pages / GALLERY).replace("window.__page__data__config", "window.x")
    result = parse_page(html, "https://www.alibaba.com/trade/search?SearchText=x")
    assert result.capture.outcome == "ok" and result.capture.message == "DOM fallback"
    offers = expected[GALLERY]["offers"]
    assert [x.supplier_id for x in result.listings] == [o["company_id"] for o in offers]
    years = {o["company_id"]: int(o["years"]) for o in offers}
    for obs in result.suppliers:
        assert _signals(obs)["years_on_alibaba"].value == years[obs.supplier_id]
        assert all(":dom:" in s.extractor for s in obs.signals)
