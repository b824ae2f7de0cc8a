"""2026 product detail: no embedded JSON, only ``data-module-name="module_*"`` hooks in the DOM.

The page names no companyId, so the supplier is keyed by its subdomain (the store records a
non-digit id as a subdomain alias). Gold, Verified and the Trade Assurance mark are not shown in
these modules: they stay unknown. The "order protection" block (``module_ta_plus``) is
Alibaba's platform-wide checkout promise, not this supplier's TA mark or limit, so it is not
read as either.

Parsed with lxml restricted by a SoupStrainer to the modules read here. libxml2 can silently
drop content nested deeper than 256 levels (lxml.html does here; BeautifulSoup's lxml builder
did not in our tests), so when the strained parse finds no company module the page is parsed
again with html.parser, which has no such limit.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, SoupStrainer, Tag

from scrapers.ids import product_id_of, product_url, subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink, offer_listing
from scrapers.values import (
    clean_text,
    parse_hours,
    parse_percent,
    parse_years,
)
from vetting.model import Listing, ParseResult, SupplierObservation

MARKER = 'data-module-name="module_'
HOOK = "data-module-name"
COMPANY = "module_company"
CARD = "module_unifed_company_card"  # sic: Alibaba's spelling
WANTED = {COMPANY, CARD, "module_title", "module_price"}
_ON_ALIBABA = re.compile(r"\byrs?\s+on\s+alibaba", re.IGNORECASE)
# "Company overview" tiles: label text → (signal, value parser).
OVERVIEW = {
    "on-time delivery rate": ("on_time_delivery", parse_percent),
    "response time": ("response_time", parse_hours),
    "response rate": ("response_rate", parse_percent),
}


def recognises(html: str) -> bool:
    return MARKER in html


def _soup(html: str) -> tuple[dict[str, Tag], str]:
    for parser in ("lxml", "html.parser"):
        strainer = SoupStrainer(attrs={HOOK: lambda v: v in WANTED})
        soup = BeautifulSoup(html, parser, parse_only=strainer)
        found = {str(el[HOOK]): el for el in soup.find_all(None, attrs={HOOK: True})}
        if COMPANY in found or CARD in found:
            return found, parser
    return {}, "none"


def _text(el: Tag | None) -> str | None:
    return clean_text(el.get_text(" ")) if el is not None else None


def _card_signals(card: Tag, out: SignalSink) -> None:
    sel = f"dom:[{HOOK}={CARD}]"
    for span in card.find_all("span"):
        text = _text(span)
        if text and _ON_ALIBABA.search(text):
            out.add("years_on_alibaba", parse_years(text), f"{sel} span(yrs on Alibaba.com)", text)
            btype = span.find_previous_sibling("span")
            out.add("business_type", _text(btype), f"{sel} span(before years)")
        elif text and text.startswith("Located in "):
            place = text.removeprefix("Located in ").strip()
            out.add("location", place or None, f"{sel} span(Located in)", text)
    for value_el in card.find_all("div", attrs={"title": True}):
        label = _text(value_el.find_previous_sibling("div"))
        known = OVERVIEW.get((label or "").lower())
        if known:
            name, convert = known
            raw = clean_text(value_el["title"])
            out.add(name, convert(raw), f"{sel} overview[{label}]", raw)


def _company_signals(company: Tag, out: SignalSink) -> None:
    sel = f"dom:[{HOOK}={COMPANY}]"
    have = {s.name for s in out.signals}
    life = _text(company.select_one(".company-life"))
    if "years_on_alibaba" not in have:
        out.add("years_on_alibaba", parse_years(life), f"{sel} .company-life", life)
    if "location" not in have:
        out.add("location", _text(company.select_one(".register-country")), f"{sel} .register")


def _supplier_link(mods: dict[str, Tag]) -> tuple[str | None, str | None, str | None]:
    """(subdomain, company name, href) from the company module or the company card."""
    for key in (COMPANY, CARD):
        el = mods.get(key)
        if el is None:
            continue
        for link in el.find_all("a", href=True):
            href = str(link["href"])  # one value: href is not a multi-valued attribute
            sub = subdomain_of(href)
            if sub:
                return sub, clean_text(link.get("title")) or _text(link), href
    return None, None, None


def _listing(mods: dict[str, Tag], url: str, href: str | None, sid: str) -> Listing | None:
    query = parse_qs(urlsplit(href or "").query)
    pid = product_id_of(url) or next(iter(query.get("productId") or []), None)
    if not pid:
        return None
    title = mods.get("module_title")
    heading = title.find("h1") if title else None
    price = mods.get("module_price")
    amounts = [_text(s) for s in price.select(".price-item span")] if price else []
    first_row = price.select_one(".price-item div") if price else None
    return offer_listing(
        pid,
        sid,
        product_url(pid),
        title=_text(heading),
        price_text=" ".join(a for a in amounts if a) or None,
        moq_text=_text(first_row),
    )


def parse(html: str, ctx: PageContext) -> ParseResult:
    mods, route = _soup(html)
    sub, name, href = _supplier_link(mods)
    if not sub:
        return ParseResult(ctx.capture("unparseable", "no supplier link in the company modules"))
    out = SignalSink(ctx, "")
    if CARD in mods:
        _card_signals(mods[CARD], out)
    if COMPANY in mods:
        _company_signals(mods[COMPANY], out)
    obs = SupplierObservation(supplier_id=sub, name=name, aliases={}, signals=out.signals)
    listing = _listing(mods, ctx.url, href, sub)
    return ParseResult(
        ctx.capture("ok", f"DOM only ({route})"), [obs], [listing] if listing else []
    )


PARSER = PageParser(
    name="product-detail-2026", kind="product-detail", version=1, recognises=recognises, parse=parse
)
