"""The AI-mode supplier search cards, on minimal cards of our own reproducing the structure the
real ones use: hashed class names (never read), the identity in an HTML-entity-encoded
``data-dot-params`` JSON, the rating as two text nodes (``<span>4.7</span>/5``), the review count
in a storefront link between bracket text nodes, slots in ``data-supplier-card-*`` attributes,
and label/value pairs on lines of their own.

The values below are fictional; the attribute names and the nesting are the real cards'
(described in the parser and the AI-mode capture's README)."""

from __future__ import annotations

import html as htmllib
import json

import pytest

from scrapers.pages import parse_page

URL = "https://www.alibaba.com/search/page?SearchScene=suppliers&SearchText=caps"


def dot_params(company_id, **extra):
    """The attribute as the page writes it: JSON, entity-encoded inside double quotes."""
    return htmllib.escape(json.dumps({"companyId": company_id, **extra}), quote=True)


def metric(label, value):
    return (
        f'<div class="Lq2vD"><div class="c8Hn1">{label}</div><div class="Pz0aR">{value}</div></div>'
    )


def card(company_id, name, host, *, rating="4.7", reviews="31 reviews", years="9 yrs",
         factory="", metrics="", place=("Fujian,", "CN")):  # fmt: skip
    review = (
        f'<div class="jN4eA"><div><span class="Rt8Uq">{rating}</span>/5</div>'
        f'<div>(<a class="uV1xC" href="https://{host}/company_profile/feedback.html" '
        'target="_blank" data-supplier-card-reviews="true" '
        f'data-dot-params="{dot_params(company_id, targetFrom="reviews")}">{reviews}</a>)</div>'
        "</div>"
        if rating
        else ""
    )
    shown = htmllib.escape(name)
    return (
        f'<div class="Hq7Zc K_p2w" data-supplier-card="true" '
        f'data-dot-params="{dot_params(company_id, isFactory=bool(factory), area="card")}" '
        'data-card-version="1.2.33">'
        '<div class="aM3kE"><div class="Wd9Po"><div class="Zr0Lk">'
        '<img class="b7Tqe" src="logo.png" alt="supplierLogo"></div>'
        '<div class="Fo2Xn"><div class="Ty6Vb">'
        '<img class="_Qw4r" src="badge.png" alt="">'
        f'<span dir="auto" class="Uc1Mm" title="{shown}">{shown}</span>'
        f'<div class="_k2Lp"><span class="Ej7Hs">{place[0]}</span>'
        f'<img class="Nn_3w" src="flag.png" alt="countryFlag"><span class="Ox5Ga">{place[1]}</span>'
        f"</div>{review}</div>"
        f'<div class="Vt3Fd">{factory}'
        '<div class="Sg8Rk" data-supplier-card-gold-years="true">'
        f'<img src="gold.png" alt=""><span class="Yq1Bn">{years}</span></div>'
        "</div></div></div>"
        '<div class="Ck9Ud"><button class="Rm4Tz">AI negotiate</button>'
        '<button class="Rm4Tz">Chat now</button></div>'
        f'<div class="Bv6Wq">{metrics}</div>'
        '<a class="Gz2Ji" data-supplier-card-product="true" '
        'href="https://www.alibaba.com/product-detail/x_1600000000001.html">'
        '<span title="A product, not the supplier">Cap</span>'
        '<div class="Xa1Qp">US$1.20-2.40</div><div>Min. order: 50 pieces</div>'
        "<div>On-time delivery</div><div>1%</div></a>"  # inside a product tile: never read
        "</div></div>"
    )


FACTORY = (
    '<div class="Pm5Hc">Custom Manufacturer</div>'
    '<div class="Pm5Hc">80+ staff</div><div class="Pm5Hc">2,500+ m²</div>'
)
METRICS = (
    metric("On-time delivery", "97.5%")
    + metric("Reorder rate", "-")
    + metric("Response time", "≤4h")
    + metric("Online revenue", "$10K − $50K")
)


def _signals(obs):
    return {s.name: s.value for s in obs.signals}


def _page(*cards):
    return parse_page(
        "<html><body><div class='Wq1'>" + "".join(cards) + "</div></body></html>", URL
    )


def test_ai_mode_card_gives_every_field():
    result = _page(
        card(
            "910000001",
            "Example Caps & Co., Ltd.",
            "examplecaps.en.alibaba.com",
            factory=FACTORY,
            metrics=METRICS,
        )  # fmt: skip
    )
    assert (result.capture.outcome, result.capture.parser) == ("ok", "supplier-search-ai-2026")
    [obs] = result.suppliers
    assert (obs.supplier_id, obs.name) == ("910000001", "Example Caps & Co., Ltd.")
    assert obs.aliases == {"examplecaps": "subdomain"}
    assert _signals(obs) == {
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
    got = {s.name: s for s in obs.signals}
    assert got["rating"].raw == "4.7/5" and got["gold_years"].raw == "9 yrs"
    assert got["gold_years"].extractor.endswith("[data-supplier-card-gold-years]")


def test_trustpass_storefront_card_states_less_and_the_rest_stays_unknown():
    """Its only supplier link is a trustpass storefront; "-" values, no factory facts, no TA."""
    trading = metric("On-time delivery", "100%") + metric("Reorder rate", "-")
    trading += metric("Response time", "≤9h") + metric("Online revenue", "-")
    result = _page(
        card(
            "14000000001",
            "small caps",
            "pk1234567890abcd.trustpass.alibaba.com",
            rating="5.0",
            reviews="1 review",
            years="1 yr",
            metrics=trading,
            place=("Sindh,", "PK"),
        )  # fmt: skip
    )
    [obs] = result.suppliers
    assert obs.aliases == {"pk1234567890abcd": "trustpass"}
    assert _signals(obs) == {
        "gold_years": 1,
        "review_count": 1,
        "rating": 5.0,
        "on_time_delivery": 100.0,
        "response_time": 9.0,
        "location": "Sindh,PK",
    }  # no revenue ("-"), no verified / staff / area / business type / TA: unknown, not false


def test_a_card_without_rating_or_reviews_leaves_them_unknown():
    result = _page(card("910000003", "New Caps", "newcaps.en.alibaba.com", rating=None))
    [obs] = result.suppliers
    assert "rating" not in _signals(obs) and "review_count" not in _signals(obs)
    assert "on_time_delivery" not in _signals(obs)  # the product tile's "1%" is not the card's
    assert obs.aliases == {}  # the storefront link sits in the reviews block here


@pytest.mark.parametrize(
    ("company", "kept"),
    [
        pytest.param("910000001", ["910000001"], id="digits"),
        pytest.param(910000001, ["910000001"], id="a-number"),
        pytest.param("abc", [], id="not-digits"),
        pytest.param(True, [], id="a-bool"),
    ],
)
def test_only_a_numeric_company_id_is_a_supplier(company, kept):
    html = card("910000009", "Kept", "kept.en.alibaba.com")
    html = html.replace(dot_params("910000009", isFactory=False, area="card"),
                        dot_params(company, isFactory=False, area="card"))  # fmt: skip
    result = _page(card("910000002", "Always", "always.en.alibaba.com"), html)
    assert [obs.supplier_id for obs in result.suppliers] == ["910000002", *kept]


def test_cards_with_no_usable_identity_are_unparseable():
    html = card("1", "x", "x.en.alibaba.com").replace(
        f'data-dot-params="{dot_params("1", isFactory=False, area="card")}" ', ""
    )
    result = _page(html)
    assert result.capture.outcome == "unparseable" and "data-dot-params" in result.capture.message


def test_hostile_card_json_is_refused_not_raised():
    deep = htmllib.escape("[" * 100_000, quote=True)
    html = card("1", "x", "x.en.alibaba.com").replace(
        f'data-dot-params="{dot_params("1", isFactory=False, area="card")}"',
        f'data-dot-params="{deep}"',
    )
    assert _page(html).capture.outcome == "unparseable"


def test_deeply_nested_card_text_is_read_without_recursion():
    nested = "<span>" * 5000 + "4.5" + "</span>" * 5000 + "/5"
    html = card("910000004", "Deep", "deep.en.alibaba.com", rating=None, metrics=nested)
    [obs] = _page(html).suppliers
    assert _signals(obs)["rating"] == 4.5


def test_the_extension_fixture_card_reads_the_same_here():
    # tests/extension/test_local.py asserts the extension remembers exactly these values.
    from tests.helpers.fictional_pages import AI_CARD, AI_CARD_STATES

    result = parse_page(f"<html><body>{AI_CARD}</body></html>", URL)
    [obs] = result.suppliers
    assert obs.supplier_id == "987654321"
    assert {s.name: s.value for s in obs.signals} == AI_CARD_STATES
