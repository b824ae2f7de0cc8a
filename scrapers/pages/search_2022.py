"""2022 product search (list and gallery views): ``window.__page__data__config``.

The offers are ``props.offerResultData.offerList``; each carries its supplier (``supplier.*``) and
the supplier's card data (``company.*``, ``reviews.*``). The rendered cards
(``[data-content=productItem]``) are the DOM fallback; in the list view only the first few are
rendered server-side, so the fallback sees fewer offers and fewer signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from bs4 import BeautifulSoup, SoupStrainer

from scrapers.embedded import dig, json_after
from scrapers.ids import product_id_of, product_url, subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink, offer_listing
from scrapers.values import (
    clean_text,
    parse_flag,
    parse_hours,
    parse_number,
    parse_percent,
    parse_years,
)
from vetting.model import Listing, ParseResult, SupplierObservation

MARKER = "window.__page__data__config"
OFFERS = ("props", "offerResultData", "offerList")
CARD_ATTR = "data-content"
CARD_VALUE = "productItem"


def recognises(html: str) -> bool:
    return MARKER in html or f'{CARD_ATTR}="{CARD_VALUE}"' in html


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _transactions(record: dict) -> tuple[dict | None, Any]:
    trade = record.get("transaction")
    if not isinstance(trade, dict):
        return None, None
    amount = parse_number(clean_text(trade.get("conducted")))
    count = parse_number(clean_text(trade.get("num")))
    if amount is None and count is None:
        return None, None
    value = {
        "amount": None if amount is None else _float(amount),
        "currency": "USD",
        "count": None if count is None else int(count),
        "window_months": None,  # the card does not say over which period
    }
    return value, trade.get("conducted")


def _supplier_signals(offer: dict, ctx: PageContext) -> list:
    sup = offer.get("supplier") or {}
    company = offer.get("company") or {}
    record = company.get("record")
    record = record if isinstance(record, dict) else {}
    reviews = offer.get("reviews") or {}
    out = SignalSink(ctx, "offerList[]")
    gold = parse_flag(sup.get("goldSupplier"))
    out.add("gold_supplier", gold, "supplier.goldSupplier")
    years = parse_years(clean_text(sup.get("supplierYear")))
    out.add("years_on_alibaba", years, "supplier.supplierYear", sup.get("supplierYear"))
    if gold:
        out.add("gold_years", years, "supplier.supplierYear", sup.get("supplierYear"))
    out.add("verified", parse_flag(sup.get("assessedSupplier")), "supplier.assessedSupplier")
    out.add("trade_assurance", parse_flag(company.get("tradeAssurance")), "company.tradeAssurance")
    # The country code, as the 2022 product page states it (companyRegisterCountry "CN").
    country = clean_text(dig(sup, "supplierCountry", "id"))
    out.add("location", country, "supplier.supplierCountry.id")
    rate = clean_text(record.get("responseRate"))
    out.add("response_rate", parse_percent(rate), "company.record.responseRate", rate)
    rtime = clean_text(record.get("responseTime"))
    out.add("response_time", parse_hours(rtime), "company.record.responseTime", rtime)
    trade, raw = _transactions(record)
    out.add("transactions", trade, "company.record.transaction", raw)
    score = clean_text(reviews.get("reviewScore"))
    out.add("rating", _float(parse_number(score)), "reviews.reviewScore", score)
    count = reviews.get("reviewCount")
    if isinstance(count, int) and not isinstance(count, bool):
        out.add("review_count", count, "reviews.reviewCount")
    staff = clean_text(sup.get("employeesTotals"))
    out.add("staff", staff, "supplier.employeesTotals")
    area = clean_text(sup.get("companyBuildingTotalSize"))
    out.add("floor_area", f"{area} m²" if area else None, "supplier.companyBuildingTotalSize", area)
    gmv = parse_number(clean_text(sup.get("gMV")))
    band = f"US$ {gmv:,.0f}" if gmv is not None else None
    out.add("revenue_band", band, "supplier.gMV", sup.get("gMV"))
    products = [p.strip() for p in (clean_text(sup.get("provideProducts")) or "").split(",")]
    out.add("main_products", [p for p in products if p] or None, "supplier.provideProducts")
    return out.signals


def _listing(offer: dict, sid: str) -> Listing | None:
    info = offer.get("information") or {}
    pid = offer.get("id") or info.get("id") or product_id_of(info.get("productUrl"))
    if not pid:
        return None
    trade = offer.get("tradePrice") or {}
    return offer_listing(
        pid,
        sid,
        product_url(pid),
        title=clean_text(info.get("puretitle")),
        price_text=clean_text(trade.get("price")),
        moq_text=clean_text(trade.get("minOrder")),
    )


def from_offers(offers: Iterable[Any], ctx: PageContext) -> ParseResult:
    """One observation per distinct supplier (first offer wins) plus one listing per offer."""
    suppliers: dict[str, SupplierObservation] = {}
    listings: list[Listing] = []
    for offer in offers:
        sup = offer.get("supplier") if isinstance(offer, dict) else None
        sid = str(dig(sup, "supplierId") or "")
        if not sid.isdigit() or not isinstance(sup, dict):  # a supplierId means a dict
            continue
        if sid not in suppliers:
            sub = subdomain_of(sup.get("supplierHomeHref") or sup.get("supplierHref"))
            suppliers[sid] = SupplierObservation(
                supplier_id=sid,
                name=clean_text(sup.get("supplierName")),
                aliases={sub: "subdomain"} if sub else {},
                signals=_supplier_signals(offer, ctx),
            )
        listing = _listing(offer, sid)
        if listing:
            listings.append(listing)
    return ParseResult(ctx.capture("ok"), list(suppliers.values()), listings)


def _dom_cards(html: str, ctx: PageContext) -> ParseResult:
    """Fallback: the rendered cards. Fewer signals: years, country, price, MOQ, links."""
    soup = BeautifulSoup(html, "lxml", parse_only=SoupStrainer(attrs={CARD_ATTR: CARD_VALUE}))
    suppliers: dict[str, SupplierObservation] = {}
    listings: list[Listing] = []
    for card in soup.find_all(None, attrs={CARD_ATTR: CARD_VALUE}):
        sid, pid = card.get("data-supplierid", ""), card.get("data-pid", "")
        if not (isinstance(sid, str) and sid.isdigit() and isinstance(pid, str) and pid):
            continue
        if sid not in suppliers:
            out = SignalSink(ctx, f"dom:[{CARD_ATTR}={CARD_VALUE}]")
            year = card.get("data-year")
            out.add("years_on_alibaba", parse_years(str(year)), "@data-year", year)
            link = card.find("a", href=lambda h: bool(subdomain_of(h)))
            sub = subdomain_of(str(link["href"])) if link else None
            suppliers[sid] = SupplierObservation(
                sid, aliases={sub: "subdomain"} if sub else {}, signals=out.signals
            )
        title = card.find(None, attrs={"data-e2e-name": "title"})
        price = card.select_one(".elements-offer-price-normal__price")
        moq_el = card.select_one(".element-offer-minorder-normal__value")
        listings.append(
            offer_listing(
                pid,
                sid,
                product_url(pid),  # already absolute
                title=clean_text(title.get("title")) if title else None,
                price_text=price.get_text() if price else None,
                moq_text=moq_el.get_text() if moq_el else None,
            )
        )
    if not suppliers:
        return ParseResult(ctx.capture("unparseable", "no offer JSON and no rendered offer cards"))
    return ParseResult(ctx.capture("ok", "DOM fallback"), list(suppliers.values()), listings)


def parse(html: str, ctx: PageContext) -> ParseResult:
    offers = dig(json_after(html, MARKER), *OFFERS)
    if isinstance(offers, list):
        return from_offers(offers, ctx)
    return _dom_cards(html, ctx)


PARSER = PageParser(
    name="product-search-2022", kind="product-search", version=1, recognises=recognises, parse=parse
)
