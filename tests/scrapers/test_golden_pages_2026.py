"""Every 2025-2026 capture in ../shared/alibaba-pages-2026 against its EXPECTED.jsonl rows: every
field of every supplier, unknown stays unknown.

Most captures are the JSON blob a page embeds: the JSON-reading half is tested on the blob as
it is, the blob-locating half by wrapping it in the inline-script assignment its page uses
(README.md of the captures), exactly as the real page carries it. No value is invented.
"""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal

import pytest

from scrapers.ids import subdomain_of
from scrapers.pages import parse_page
from scrapers.values import parse_hours, parse_number, parse_percent
from tests.helpers.captures_2026 import (
    AI_MODE,
    DETAIL,
    GONE,
    PRODUCT_SEARCH,
    REVIEWS,
    STORE,
    SUPPLIER_SEARCH,
    wrap_modules,
    wrap_script,
)
from vetting.store import normalise_alias

# How each page carries its blob (README.md of the captures), and a URL of that page kind.
WRAPS = {
    DETAIL: ("window.detailData", "https://www.alibaba.com/product-detail/x_1601302079515.html"),
    PRODUCT_SEARCH: (
        "window.__page__data_sse10._offer_list",
        "https://www.alibaba.com/catalog/x_cid44",
    ),
    SUPPLIER_SEARCH: (
        "window._PAGE_DATA_",
        "https://www.alibaba.com/trade/search?SearchText=bluetooth+speaker&tab=supplier",
    ),
}
PARSERS = {
    DETAIL: "product-detail-data-2026",
    PRODUCT_SEARCH: "product-search-2026",
    SUPPLIER_SEARCH: "supplier-search-2026",
    STORE: "supplier-profile-2024",
}
BOOLS = ("trade_assurance", "gold_supplier", "verified", "verified_pro", "onsite_check")
INTS = ("years_on_alibaba", "gold_years", "review_count")
TEXTS = ("verifier", "business_type", "location", "staff", "floor_area")


def _page(root, name):
    text = (root / name).read_text(encoding="utf-8")
    if name in WRAPS:
        marker, url = WRAPS[name]
        return parse_page(wrap_script(marker, text), url, source="import")
    if name == STORE:
        url = "https://eptusbchina.en.alibaba.com/company_profile/feedback.html"
        return parse_page(wrap_modules(json.loads(text)), url, source="import")
    return parse_page(text, f"https://www.alibaba.com/{name}", source="import")


def _numbers(text: str) -> set[Decimal]:
    return {n for n in (parse_number(m) for m in re.findall(r"\d[\d,.]*", text)) if n is not None}


def check_supplier(obs, row) -> None:
    """Every EXPECTED field of one supplier; ``None`` means the signal must be absent."""
    got = {s.name: s for s in obs.signals}
    assert obs.supplier_id == row["company_id"]
    assert obs.name == row["name"]
    subs = {a for a, kind in obs.aliases.items() if kind in ("subdomain", "trustpass")}
    want_sub = row["subdomain"] and normalise_alias(subdomain_of(row["subdomain"]))
    assert subs == ({want_sub} if want_sub else set())
    members = {a for a, kind in obs.aliases.items() if kind == "member_id"}
    assert members == ({row["member_id"]} if row["member_id"] else set())

    def value(name):
        return got[name].value if name in got else None

    for name in BOOLS:
        assert value(name) is row[name], name
    for name in INTS + TEXTS:
        assert value(name) == row[name], name
    assert value("rating") == row["rating"]
    assert value("response_time") == parse_hours(row["response_time"])
    assert value("on_time_delivery") == parse_percent(row["on_time_delivery"])
    limit = value("ta_limit")
    if row["ta_limit_usd"] is None:
        assert limit is None
    else:
        assert (limit.amount, limit.currency) == (Decimal(row["ta_limit_usd"]), "USD")
    revenue = value("transactions")
    if row["revenue"] is None:
        assert revenue is None and "revenue_band" not in got
    else:
        stated = _numbers(row["revenue"])
        assert revenue is not None
        assert Decimal(str(revenue["amount"])) in stated
        assert revenue["count"] is None or Decimal(revenue["count"]) in stated


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(DETAIL, id="product-detail"),
        pytest.param(PRODUCT_SEARCH, id="product-search"),
        pytest.param(SUPPLIER_SEARCH, id="supplier-search"),
        pytest.param(STORE, id="store-modules"),
    ],
)
def test_every_supplier_every_field(real_pages_2026, expected_2026, name):
    rows = expected_2026[name]
    result = _page(real_pages_2026, name)
    assert (result.capture.outcome, result.capture.parser) == ("ok", PARSERS[name])
    assert [obs.supplier_id for obs in result.suppliers] == [r["company_id"] for r in rows]
    for obs, row in zip(result.suppliers, rows, strict=True):
        check_supplier(obs, row)
    for obs in result.suppliers:
        for sig in obs.signals:
            assert sig.extractor.startswith(result.capture.parser + ":")


def test_product_search_one_listing_per_offer(real_pages_2026):
    blob = json.loads((real_pages_2026 / PRODUCT_SEARCH).read_text(encoding="utf-8"))
    offers = blob["offerResultData"]["offers"]
    result = _page(real_pages_2026, PRODUCT_SEARCH)
    assert [x.product_id for x in result.listings] == [str(o["productId"]) for o in offers]
    assert [x.supplier_id for x in result.listings] == [str(o["companyId"]) for o in offers]
    first = result.listings[0]
    assert (first.currency, first.moq, first.moq_unit) == ("INR", 20, "pieces")  # "₹882.75-..."
    assert (first.price_min, first.price_max) == (Decimal("882.75"), Decimal("1226.03"))


def test_product_detail_listing_and_date(real_pages_2026):
    result = _page(real_pages_2026, DETAIL)
    [listing] = result.listings
    assert listing.product_id == "1601302079515" and listing.supplier_id == "230860282"
    assert (listing.price_min, listing.price_max, listing.currency) == (
        Decimal("2.61"),
        Decimal("3.38"),
        "EUR",  # "€2.61-3.38": the page's display currency, never relabelled as US$
    )
    assert (listing.moq, listing.moq_unit) == (6, "pieces")
    # serverTime 1789387902851 ms: the page's own capture time, not the import time.
    assert result.capture.observed_at.startswith("2026-09-14")
    assert result.capture.observed_from == "page:globalData.global.serverTime"
    assert {s.observed_at for s in result.suppliers[0].signals} == {result.capture.observed_at}


def test_supplier_search_service_date(real_pages_2026):
    result = _page(real_pages_2026, SUPPLIER_SEARCH)
    assert result.capture.observed_at == "2026-09-14T00:00:00+00:00"
    assert result.capture.observed_from == "page:topBannerData.serviceDate"


def test_product_search_states_no_date(real_pages_2026):
    """The offer blob states no service date: imported without one, the date is unknown."""
    result = _page(real_pages_2026, PRODUCT_SEARCH)
    assert result.capture.observed_at is None and result.capture.fetched_at


def test_removed_product_is_not_found_and_writes_nothing(real_pages_2026, expected_2026, store):
    [row] = expected_2026[GONE]
    assert row["company_id"] is None
    result = _page(real_pages_2026, GONE)
    assert (result.capture.outcome, result.capture.kind) == ("not_found", "product-detail")
    assert result.suppliers == [] and result.listings == []
    store.record(result)
    assert store.count_suppliers() == 0


def test_review_api_answer_is_not_a_page(real_pages_2026):
    result = _page(real_pages_2026, REVIEWS)
    assert result.capture.outcome == "unparseable" and result.suppliers == []


CUT_MARK = "\n…[truncated]"  # what the capture tool appended where it cut a sample


def close_cut(sample: str) -> str:
    """A sample cut inside a tag, closed where the tool cut it (its marker removed, the open
    attribute value and tag ended), so the elements the sample holds in full are elements.
    The parser then sees what the sample contains and nothing more."""
    html = sample.removesuffix(CUT_MARK)
    tail = html[html.rfind("<") :]
    if ">" not in tail:  # cut inside a start tag
        html += '"' * (tail.count('"') % 2) + ">"
    return html


def stated_in(text: str, row: dict) -> set[str]:
    """The EXPECTED fields whose visible form (as the cards' innerText shows them, see the
    capture's candidates[].raw) is in ``text``: those a cut sample actually contains."""
    forms = {
        "rating": row["rating"] is not None and f"{row['rating']:.1f}/5",
        "review_count": row["review_count"] is not None and f"({row['review_count']} review",
        "gold_years": row["gold_years"] is not None and f"{row['gold_years']} yr",
        "location": row["location"],
        "staff": row["staff"],
        "floor_area": row["floor_area"],
        "business_type": row["business_type"],
        "verified": row["business_type"],  # "Custom Manufacturer" is what states it
        "on_time_delivery": row["on_time_delivery"] and f"delivery{row['on_time_delivery']}",
        "response_time": row["response_time"] and f"Response time{row['response_time']}",
        "revenue": row["revenue"] and f"Online revenue{row['revenue']}",
    }
    return {name for name, form in forms.items() if form and form in text}


def test_ai_mode_card_samples(real_pages_2026, expected_2026):
    """The AI-mode capture's raw card HTML (``cardSamples``), when the capture holds it: each
    sample on its own (each is cut at 4,000 characters); every EXPECTED field the cut sample
    contains is read exactly, every other one stays unknown."""
    from bs4 import BeautifulSoup

    capture = json.loads((real_pages_2026 / AI_MODE).read_text(encoding="utf-8"))
    samples = capture.get("cardSamples")
    if not samples:
        pytest.skip(
            f"{AI_MODE} holds no cardSamples (raw card HTML) to parse: only another tool's "
            "text summaries, which are not page markup (see tests/scrapers/test_ai_mode.py)"
        )
    rows = {r["company_id"]: r for r in expected_2026[AI_MODE]}
    for sample in samples:
        html = close_cut(sample if isinstance(sample, str) else sample["html"])
        result = parse_page(f"<html><body>{html}</body></html>", capture["url"], source="import")
        assert (result.capture.outcome, result.capture.parser) == (
            "ok",
            "supplier-search-ai-2026",
        )
        [obs] = result.suppliers
        row = rows[obs.supplier_id]
        text = "".join(BeautifulSoup(html, "lxml").stripped_strings)
        stated = stated_in(text, row)
        assert {"rating", "location"} <= stated  # both samples show them before the cut
        cut_row = {
            k: (v if k in stated or k not in (*BOOLS, *INTS, *TEXTS, *OPTIONAL) else None)
            for k, v in row.items()
        }
        # "Online revenue" is a band (revenue_band), not a transactions total: checked apart.
        band = {s.name: s.value for s in obs.signals}.get("revenue_band")
        assert band == cut_row.pop("revenue")
        others = [s for s in obs.signals if s.name != "revenue_band"]
        check_supplier(dataclasses.replace(obs, signals=others), {**cut_row, "revenue": None})


# Fields of an AI-mode row beyond BOOLS/INTS/TEXTS that a cut sample may lack.
OPTIONAL = ("rating", "response_time", "on_time_delivery", "revenue")


def test_store_reading_spec_matches_the_parser(real_pages_2026, expected_2026):
    """The store-modules entry of readspec.json (what the extension reads) gives the EXPECTED
    values too: the spec and the Python store parser cannot drift apart."""
    from scrapers.pages.base import PageParser, new_context
    from scrapers.pages.jsonpage import parse_blob
    from scrapers.pages.readspec import kind_spec
    from scrapers.pages.supplier_profile_2024 import modules

    html = wrap_modules(json.loads((real_pages_2026 / STORE).read_text(encoding="utf-8")))
    mods, _ = modules(html)
    spec = kind_spec("store-modules-2026")
    reader = PageParser("store-modules-2026", spec.page_kind, 1, lambda h: True, lambda h, c: None)
    url = "https://eptusbchina.en.alibaba.com/company_profile/feedback.html"
    result = parse_blob(mods, spec, new_context(html, url, reader, source="import"))
    [row] = expected_2026[STORE]
    [obs] = result.suppliers
    check_supplier(obs, row)
