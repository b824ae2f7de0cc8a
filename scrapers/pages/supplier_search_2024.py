"""2024 supplier search: ``window._PAGE_DATA_.offerResultData.offerList`` (one entry a supplier).

The cards are rendered client-side, so the saved HTML has no DOM to fall back on: without the
JSON the page is unparseable. An empty ``offerList`` is a real answer (no results), not a failure.
"""

from __future__ import annotations

from scrapers.embedded import dig, json_after
from scrapers.ids import product_id_of, product_url, subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink, offer_listing
from scrapers.values import (
    clean_text,
    parse_flag,
    parse_hours,
    parse_money,
    parse_number,
    parse_years,
)
from vetting.model import Listing, ParseResult, SupplierObservation

MARKER = "window._PAGE_DATA_"
RESULTS = "offerResultData"


def recognises(html: str) -> bool:
    return MARKER in html and f'"{RESULTS}"' in html


def _signals(offer: dict, ctx: PageContext) -> list:
    out = SignalSink(ctx, "offerList[]")
    gold = offer.get("goldYears")  # raw text kept as written ("1  yr")
    out.add("gold_years", parse_years(clean_text(gold)), "goldYears", gold)
    out.add("verified", parse_flag(offer.get("isAssessedSupplier")), "isAssessedSupplier")
    out.add("verified_pro", parse_flag(offer.get("verifiedSupplierPro")), "verifiedSupplierPro")
    reply = clean_text(offer.get("replyAvgTime"))
    out.add("response_time", parse_hours(reply), "replyAvgTime", reply)
    count = offer.get("reviewCount")
    has_reviews = isinstance(count, int) and not isinstance(count, bool)
    if has_reviews:
        out.add("review_count", count, "reviewCount")
    score = clean_text(offer.get("reviewScore"))
    # "0.0" with no reviews is "no rating yet", not a bad one
    if has_reviews and isinstance(count, int) and count > 0:
        value = parse_number(score)
        out.add("rating", None if value is None else float(value), "reviewScore", score)
    out.add("staff", clean_text(offer.get("staff")), "staff")
    out.add("floor_area", clean_text(offer.get("area")), "area")
    trade = clean_text(offer.get("transactions"))
    money = parse_money(trade)
    if money is not None:
        total = {"amount": float(money.amount), "currency": money.currency, "count": None}
        out.add("transactions", {**total, "window_months": None}, "transactions", trade)
    products = [p.strip() for p in (clean_text(offer.get("provideProducts")) or "").split(",")]
    out.add("main_products", [p for p in products if p] or None, "provideProducts")
    return out.signals


def _listings(offer: dict, sid: str) -> list[Listing]:
    out = []
    for item in offer.get("productList") or []:
        if not isinstance(item, dict):
            continue
        pid = clean_text(item.get("productId")) or product_id_of(item.get("action"))
        if not pid:
            continue
        out.append(
            offer_listing(
                pid,
                sid,
                product_url(pid),
                price_text=clean_text(item.get("price")),
                moq_text=clean_text(item.get("moq")),
                moq_unit=clean_text(item.get("unit")),
            )
        )
    return out


def parse(html: str, ctx: PageContext) -> ParseResult:
    offers = dig(json_after(html, MARKER), RESULTS, "offerList")
    if not isinstance(offers, list):
        return ParseResult(ctx.capture("unparseable", "_PAGE_DATA_ has no offerResultData"))
    suppliers: dict[str, SupplierObservation] = {}
    listings: list[Listing] = []
    for offer in offers:
        sid = str(offer.get("companyId") or "") if isinstance(offer, dict) else ""
        if not sid.isdigit():
            continue
        if sid not in suppliers:
            sub = subdomain_of(offer.get("action"))
            suppliers[sid] = SupplierObservation(
                supplier_id=sid,
                name=clean_text(offer.get("companyName")),
                aliases={sub: "subdomain"} if sub else {},
                signals=_signals(offer, ctx),
            )
        listings.extend(_listings(offer, sid))
    message = None if offers else "no results"
    return ParseResult(ctx.capture("ok", message), list(suppliers.values()), listings)


PARSER = PageParser(
    name="supplier-search-2024",
    kind="supplier-search",
    version=1,
    recognises=recognises,
    parse=parse,
)
