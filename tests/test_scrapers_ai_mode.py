"""The AI-mode supplier search cards, on minimal cards of our own reproducing the structure the
real ones use (hashed classes; identity and metrics in data attributes, titles and labels).

The values below are fictional; the attribute names are the real cards' (see the parser)."""

from __future__ import annotations

from scrapers.pages import parse_page

URL = "https://www.alibaba.com/search/page?SearchScene=suppliers&SearchText=caps"


def card(company_id, name, extra="", link="//examplecaps.en.alibaba.com/company_profile.html"):
    return (
        f'<div class="Xk3p9" data-supplier-card="true" '
        f'data-dot-params=\'{{"companyId":"{company_id}","isFactory":"true"}}\'>'
        f'<a class="Qe7" href="{link}"><span class="aB1" title="{name}">{name}</span></a>'
        '<div class="zz1">Fujian,<img alt="countryFlag" src="x.png"><span>CN</span></div>'
        '<div class="k9">4.7/5</div><span data-supplier-card-reviews="true">(31 reviews)</span>'
        '<div data-supplier-card-gold-years="true"><span class="WDsPi">9 yrs</span></div>'
        f"{extra}"
        '<a data-supplier-card-product="true" href="//www.alibaba.com/product-detail/x_1.html">'
        '<span title="A product title">US$1.00</span></a></div>'
    )


METRICS = (
    "<div>Custom Manufacturer</div><div>80+ staff</div><div>2,500+ m²</div>"
    "<div>On-time delivery</div><div>97.5%</div><div>Response time</div><div>≤4h</div>"
    "<div>Online revenue</div><div>$10K − $50K</div>"
)


def _signals(obs):
    return {s.name: s.value for s in obs.signals}


def test_ai_mode_cards_give_each_supplier_its_facts():
    html = "<html><body>" + card("910000001", "Example Caps Co., Ltd.", METRICS)
    html += card("910000002", "Other Caps Ltd.", link="//pk123.trustpass.alibaba.com/") + "</body>"
    result = parse_page(html, URL)
    assert (result.capture.outcome, result.capture.parser) == ("ok", "supplier-search-ai-2026")
    first, second = result.suppliers
    assert (first.supplier_id, first.name) == ("910000001", "Example Caps Co., Ltd.")
    assert first.aliases == {"examplecaps": "subdomain"}
    assert _signals(first) == {
        "gold_years": 9,
        "review_count": 31,
        "rating": 4.7,
        "business_type": "Custom Manufacturer",
        "verified": True,
        "staff": "80+ staff",
        "floor_area": "2,500+ m²",
        "on_time_delivery": 97.5,
        "response_time": 4.0,
        "revenue_band": "$10K − $50K",
        "location": "Fujian,CN",
    }
    # A card whose only supplier link is a trustpass storefront still has its identity.
    assert second.aliases == {"pk123": "trustpass"}
    assert "trade_assurance" not in _signals(second)  # the cards never state TA: unknown
    assert "verified" not in _signals(second)  # not stated on this card: unknown, not false


def test_a_card_without_a_company_id_is_not_a_supplier():
    html = card("910000001", "Kept") + card("not-a-number", "Dropped").replace("910", "x")
    broken = html.replace('{"companyId":"not-a-number"', '{"companyId":"abc"')
    result = parse_page(f"<html><body>{broken}</body></html>", URL)
    assert [obs.supplier_id for obs in result.suppliers] == ["910000001"]


def test_cards_with_no_usable_identity_are_unparseable():
    html = card("1", "x").replace('data-dot-params=\'{"companyId":"1","isFactory":"true"}\'', "")
    result = parse_page(f"<html><body>{html}</body></html>", URL)
    assert result.capture.outcome == "unparseable" and "data-dot-params" in result.capture.message
