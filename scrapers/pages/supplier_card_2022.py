"""DOM fallback for 2022 product pages: the rendered supplier card
(``[data-role=widget-supplier-card]``), used only when ``window.detailData`` is missing or broken
(the product-detail-2022 parser hands such pages over; a page with the card and no detailData
marker at all comes here directly). A parser of its own, so captures say which route was used.

The card names no companyId, so the supplier is keyed by its subdomain. It shows fewer facts
than the JSON, and sometimes different ones (one saved page renders "≤5h" where its JSON says
"≤7h"), which is why the JSON route always comes first. The card's ``has-ta`` class and its
"verified suppliers" logo only ever say *yes*: their absence is not read as "no".
"""

from __future__ import annotations

from bs4 import BeautifulSoup, SoupStrainer, Tag

from scrapers.ids import product_id_of, product_url, subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink
from scrapers.values import (
    clean_text,
    parse_hours,
    parse_money,
    parse_number,
    parse_percent,
    parse_years,
)
from vetting.model import Listing, ParseResult, SupplierObservation

CARD_ROLE = "widget-supplier-card"
MARKER = f'data-role="{CARD_ROLE}"'
SEL = f"dom:[data-role={CARD_ROLE}]"  # the extractor prefix of every signal read here
VERIFIED_LOGO = "verifiedsuppliers"


def _rating(text: str | None) -> float | None:
    value = parse_number((text or "").split("/")[0])  # "4.9/5"
    return None if value is None else float(value)


def _transactions(text: str | None) -> dict | None:
    money = parse_money(text)
    if money is None:
        return None
    amount = float(money.amount)
    return {"amount": amount, "currency": money.currency, "count": None, "window_months": None}


# "Company overview" items: title → (signal, parser).
ATTRS = {
    "store score": ("rating", _rating),
    "on-time delivery rate": ("on_time_delivery", parse_percent),
    "response time": ("response_time", parse_hours),
    "response rate": ("response_rate", parse_percent),
    "transactions": ("transactions", _transactions),
    "floorspace": ("floor_area", clean_text),
    "staff": ("staff", clean_text),
}


def find_card(html: str) -> Tag | None:
    if MARKER not in html:
        return None
    soup = BeautifulSoup(html, "lxml", parse_only=SoupStrainer(attrs={"data-role": CARD_ROLE}))
    card = soup.find(None, attrs={"data-role": CARD_ROLE})
    return card if isinstance(card, Tag) else None


def observe(card: Tag, ctx: PageContext) -> SupplierObservation | None:
    link = card.select_one("a.company-name")
    sub = subdomain_of(str(link.get("href", ""))) if link else None
    if link is None or sub is None:
        return None
    out = SignalSink(ctx, SEL)
    if "has-ta" in (card.get("class") or []):
        out.add("trade_assurance", True, ".has-ta")
    logo = card.select_one(".card-central-logo a")
    if logo is not None and VERIFIED_LOGO in str(logo.get("href", "")):
        out.add("verified", True, ".card-central-logo a[href*=verifiedsuppliers]")
    year = card.select_one(".join-year")
    year_text = clean_text(year.get_text(" ")) if year else None
    out.add("years_on_alibaba", parse_years(year_text), ".join-year", year_text)
    country = card.select_one(".register-country")
    out.add("location", clean_text(country.get_text()) if country else None, ".register-country")
    for item in card.select(".company-basicCapacity .attr-item"):
        title, content = item.select_one(".attr-title"), item.select_one(".attr-content")
        if title is None or content is None:
            continue
        label = clean_text(title.get_text()) or ""
        known = ATTRS.get(label.lower())
        if known:
            raw = clean_text(content.get("title")) or clean_text(content.get_text())
            signal, convert = known
            out.add(signal, convert(raw), f".attr-item[{label}]", raw)
    name = clean_text(link.get("title")) or clean_text(link.get_text())
    return SupplierObservation(supplier_id=sub, name=name, aliases={}, signals=out.signals)


def recognises(html: str) -> bool:
    return MARKER in html


def parse(html: str, ctx: PageContext) -> ParseResult:
    card = find_card(html)
    obs = observe(card, ctx) if card is not None else None
    if obs is None:
        return ParseResult(ctx.capture("unparseable", "no usable detailData and no supplier card"))
    pid = product_id_of(ctx.url)
    listings = []
    if pid:
        listings.append(Listing(product_id=pid, url=product_url(pid), supplier_id=obs.supplier_id))
    return ParseResult(ctx.capture("ok", "DOM fallback"), [obs], listings)


PARSER = PageParser(
    name="product-detail-2022-card",
    kind="product-detail",
    version=1,
    recognises=recognises,
    parse=parse,
)
