"""2026 product detail: no embedded JSON, only ``data-module-name="module_*"`` hooks in the DOM.

The page names no companyId, so the supplier is keyed by its subdomain (the store records a
non-digit id as a subdomain alias). Gold, Verified and the Trade Assurance mark are not shown in
these modules: they stay unknown. The "order protection" block (``module_ta_plus``) is
Alibaba's platform-wide checkout promise, not this supplier's TA mark or limit, so it is not
read as either.

The modules are found and read with lxml (libxml2, in C) with ``huge_tree``: without it libxml2
drops content nested deeper than 256 levels; a BeautifulSoup pass, even strained to the modules,
calls Python for every tag of the page (20-30 ms a page against 5). Past libxml2's depth limit
even with ``huge_tree`` (2,048 levels) the modules are lost, so when no company module is found
the page is searched again with BeautifulSoup's html.parser, which has no such limit, and the
modules it finds are read the same way.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import lxml.etree
from bs4 import BeautifulSoup, SoupStrainer

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


# lxml.etree's, not lxml.html's: that one looks up a Python element class for every tag.
_PARSER = lxml.etree.HTMLParser(huge_tree=True)
# `descendant::`, not `//`: libxml2 expands `//` into a node-set of every node, which fails past
# its 10 million node limit ("unknown error" on a 50 MB page).
_FIND_MODULES = lxml.etree.XPath(f"descendant::*[@{HOOK}]")
Element = Any  # an lxml element (lxml ships no type stubs)


def _class(name: str, then: str = "") -> lxml.etree.XPath:
    """Descendants having the CSS class ``name`` (the XPath of ``.name``), then ``then``."""
    has = f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
    return lxml.etree.XPath(f".//*[{has}]{then}")


_COMPANY_LIFE = _class("company-life")
_REGISTER_COUNTRY = _class("register-country")
_PRICE_SPANS = _class("price-item", "//span")  # .price-item span
_PRICE_ROWS = _class("price-item", "//div")  # .price-item div


def _modules(html: str) -> tuple[dict[str, Element], str]:
    found = _lxml_modules(html)
    if COMPANY in found or CARD in found:
        return found, "lxml"
    found = _html_parser_modules(html)
    if COMPANY in found or CARD in found:
        return found, "html.parser"
    return {}, "none"


def _lxml_modules(html: str) -> dict[str, Element]:
    """The wanted modules by name, as lxml finds them (none when it cannot parse the page)."""
    try:
        root = lxml.etree.fromstring(html, parser=_PARSER)
        modules = _FIND_MODULES(root) if root is not None else []  # None: only comments
    except (ValueError, lxml.etree.LxmlError):  # an XML declaration, an empty page, limits
        return {}
    found: dict[str, Element] = {}
    for el in modules:
        name = el.get(HOOK)
        if name in WANTED:
            found.setdefault(name, el)
    return found


def _html_parser_modules(html: str) -> dict[str, Element]:
    """The same, found by html.parser (no depth limit) and each module then read by lxml."""
    strainer = SoupStrainer(attrs={HOOK: lambda v: v in WANTED})
    soup = BeautifulSoup(html, "html.parser", parse_only=strainer)
    markup = "".join(str(el) for el in soup.find_all(None, attrs={HOOK: True}, recursive=False))
    return _lxml_modules(f"<div>{markup}</div>") if markup else {}


def _text(el: Element | None) -> str | None:
    return clean_text(" ".join(el.itertext())) if el is not None else None


def _first(found: list[Element]) -> Element | None:
    return found[0] if found else None


def _previous(el: Element, tag: str) -> Element | None:
    return next(el.itersiblings(tag, preceding=True), None)


def _card_signals(card: Element, out: SignalSink) -> None:
    sel = f"dom:[{HOOK}={CARD}]"
    for span in card.iterdescendants("span"):
        text = _text(span)
        if text and _ON_ALIBABA.search(text):
            out.add("years_on_alibaba", parse_years(text), f"{sel} span(yrs on Alibaba.com)", text)
            out.add("business_type", _text(_previous(span, "span")), f"{sel} span(before years)")
        elif text and text.startswith("Located in "):
            place = text.removeprefix("Located in ").strip()
            out.add("location", place or None, f"{sel} span(Located in)", text)
    for value_el in card.iterdescendants("div"):
        if value_el.get("title") is None:
            continue
        label = _text(_previous(value_el, "div"))
        known = OVERVIEW.get((label or "").lower())
        if known:
            name, convert = known
            raw = clean_text(value_el.get("title"))
            out.add(name, convert(raw), f"{sel} overview[{label}]", raw)


def _company_signals(company: Element, out: SignalSink) -> None:
    sel = f"dom:[{HOOK}={COMPANY}]"
    have = {s.name for s in out.signals}
    life = _text(_first(_COMPANY_LIFE(company)))
    if "years_on_alibaba" not in have:
        out.add("years_on_alibaba", parse_years(life), f"{sel} .company-life", life)
    if "location" not in have:
        out.add("location", _text(_first(_REGISTER_COUNTRY(company))), f"{sel} .register")


def _supplier_link(mods: dict[str, Element]) -> tuple[str | None, str | None, str | None]:
    """(subdomain, company name, href) from the company module or the company card."""
    for key in (COMPANY, CARD):
        el = mods.get(key)
        if el is None:
            continue
        for link in el.iterdescendants("a"):
            href = link.get("href")
            sub = subdomain_of(href) if href is not None else None
            if sub:
                return sub, clean_text(link.get("title")) or _text(link), href
    return None, None, None


def _listing(mods: dict[str, Element], url: str, href: str | None, sid: str) -> Listing | None:
    query = parse_qs(urlsplit(href or "").query)
    pid = product_id_of(url) or next(iter(query.get("productId") or []), None)
    if not pid:
        return None
    title = mods.get("module_title")
    heading = next(title.iterdescendants("h1"), None) if title is not None else None
    price = mods.get("module_price")
    amounts = [_text(s) for s in _PRICE_SPANS(price)] if price is not None else []
    first_row = _first(_PRICE_ROWS(price)) if price is not None else None
    return offer_listing(
        pid,
        sid,
        product_url(pid),
        title=_text(heading),
        price_text=" ".join(a for a in amounts if a) or None,
        moq_text=_text(first_row),
    )


def parse(html: str, ctx: PageContext) -> ParseResult:
    mods, route = _modules(html)
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
