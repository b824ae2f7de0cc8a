"""The "AI mode" supplier search (``/search/page?SearchScene=suppliers``, 2025-2026).

Cards are rendered with hashed class names that change per deploy, so nothing here selects a
class: a card is ``[data-supplier-card="true"]``, its identity the ``data-dot-params`` JSON
(``companyId``), its metrics the ``data-supplier-card-*`` attributes, ``title`` attributes and
the visible label/value pairs ("On-time delivery" / "100%"). The cards carry no Trade Assurance
mark (TA is only a page filter there), so it stays unknown.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, SoupStrainer, Tag

from scrapers.ids import subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink
from scrapers.pages.readspec import kind_spec
from scrapers.values import clean_text, parse_count, parse_hours, parse_percent, parse_years
from vetting.model import ParseResult, SupplierObservation

SPEC = kind_spec("supplier-search-ai-2026")
CARD = SPEC.locate["element_attribute"]
MARKER = f'{CARD}="true"'
PRODUCT = "data-supplier-card-product"
_RATING = re.compile(r"^(\d(?:\.\d)?)\s*/\s*5$")
_STAFF = re.compile(r"^\d[\d,]*\+?\s*staff$", re.IGNORECASE)
_AREA = re.compile(r"^\d[\d,]*\+?\s*m²$")
# Visible labels followed by their value in the next text node (labels are page text, not classes).
LABELS = {
    "On-time delivery": ("on_time_delivery", parse_percent),
    "Response time": ("response_time", parse_hours),
    "Online revenue": ("revenue_band", clean_text),
}
BUSINESS_TYPES = ("Custom Manufacturer", "Manufacturer", "Trading Company")


def recognises(html: str) -> bool:
    return MARKER in html


def _texts(card: Tag) -> list[str]:
    """The card's visible text nodes outside product tiles, in order."""
    out = []
    for node in card.find_all(string=True):
        if node.find_parent(attrs={PRODUCT: True}) is not None:
            continue
        text = clean_text(str(node))
        if text:
            out.append(text)
    return out


def _attr_text(card: Tag, attr: str) -> str | None:
    el = card.find(attrs={attr: True})
    if el is None:
        return None
    return clean_text(el.get("title")) or clean_text(el.get_text(" "))


def _name(card: Tag) -> str | None:
    for el in card.find_all(attrs={"title": True}):
        if el.find_parent(attrs={PRODUCT: True}) is None and el.name != "img":
            return clean_text(el.get("title"))
    return None


def _host(card: Tag) -> str | None:
    for link in card.find_all("a", href=True):
        if link.find_parent(attrs={PRODUCT: True}) is not None:
            continue
        href = str(link["href"])
        if subdomain_of(href):
            return href.split("//", 1)[-1].split("/", 1)[0].lower()
    return None


def _location(card: Tag) -> str | None:
    flag = card.find("img", alt="countryFlag")
    if flag is None:
        return None
    before = flag.find_previous_sibling(string=True) or flag.find_previous_sibling()
    after = flag.find_next_sibling(string=True) or flag.find_next_sibling()
    parts = [clean_text(x.get_text() if isinstance(x, Tag) else str(x)) for x in (before, after)]
    return "".join(p for p in parts if p) or None


def _card(card: Tag, ctx: PageContext) -> SupplierObservation | None:
    try:
        params = json.loads(str(card.get("data-dot-params") or ""))
    except ValueError:
        return None
    company = params.get("companyId") if isinstance(params, dict) else None
    if not isinstance(company, str | int) or isinstance(company, bool):
        return None
    sid = str(company)
    if not (sid.isascii() and sid.isdigit()):
        return None
    out = SignalSink(ctx, f"[{CARD}]")
    gold = _attr_text(card, "data-supplier-card-gold-years")
    out.add("gold_years", parse_years(gold), " [data-supplier-card-gold-years]", gold)
    reviews = _attr_text(card, "data-supplier-card-reviews")
    out.add("review_count", parse_count(reviews), " [data-supplier-card-reviews]", reviews)
    texts = _texts(card)
    for i, text in enumerate(texts):
        if text in LABELS and i + 1 < len(texts) and texts[i + 1] not in LABELS:
            name, convert = LABELS[text]
            out.add(name, convert(texts[i + 1]), f" text({text})", texts[i + 1])
        elif _RATING.match(text):
            out.add("rating", float(_RATING.match(text).group(1)), " text(N/5)", text)
        elif _STAFF.match(text):
            out.add("staff", text, " text(N staff)")
        elif _AREA.match(text):
            out.add("floor_area", text, " text(N m²)")
        elif text in BUSINESS_TYPES:
            out.add("business_type", text, " text(business type)")
            if text == "Custom Manufacturer":  # "Verified as Custom Manufacturer" on its pages
                out.add("verified", True, " text(Custom Manufacturer)", text)
    out.add("location", _location(card), ' img[alt="countryFlag"] siblings')
    aliases: dict[str, str] = {}
    host = _host(card)
    sub = subdomain_of(host) if host else None
    if host and sub:
        aliases[sub] = "trustpass" if ".trustpass." in host else "subdomain"
    return SupplierObservation(sid, _name(card), aliases, _unique(out.signals))


def _unique(signals: list) -> list:
    seen: set[str] = set()
    kept = []
    for sig in signals:
        if sig.name not in seen:
            seen.add(sig.name)
            kept.append(sig)
    return kept


def parse(html: str, ctx: PageContext) -> ParseResult:
    soup = BeautifulSoup(html, "lxml", parse_only=SoupStrainer(attrs={CARD: "true"}))
    suppliers: dict[str, SupplierObservation] = {}
    cards = soup.find_all(attrs={CARD: "true"})
    for card in cards:
        obs = _card(card, ctx)
        if obs is not None:
            suppliers.setdefault(obs.supplier_id, obs)
    if cards and not suppliers:
        why = "no card with a companyId in data-dot-params"
        return ParseResult(ctx.capture("unparseable", why))
    return ParseResult(ctx.capture("ok"), list(suppliers.values()), [])


PARSER = PageParser(
    name="supplier-search-ai-2026",
    kind="supplier-search",
    version=1,
    recognises=recognises,
    parse=parse,
)
