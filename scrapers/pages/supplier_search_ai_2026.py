"""The "AI mode" supplier search (``/search/page?SearchScene=suppliers``, 2025-2026).

Cards are rendered with hashed class names that change per deploy, so nothing here selects a
class. The attribute names (card, identity JSON, the gold-years and reviews slots, the name's
title) come from kind ``supplier-search-ai-2026`` of ``readspec.json``. The other facts are the
card's visible text, read as the browser lays it out: text nodes under the same block element
join into one line, so ``<div><span>5.0</span>/5</div>`` is the line "5.0/5" and
``<div>(<a ..>52 reviews</a>)</div>`` is "(52 reviews)". Label lines ("On-time delivery") take
the next line as their value; "-" there means not stated. The cards carry no Trade Assurance
mark (TA is only a page filter there), so it stays unknown.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup, NavigableString, SoupStrainer, Tag

from scrapers.ids import subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink
from scrapers.pages.readspec import SPEC as READSPEC
from scrapers.pages.readspec import convert, get, kind_spec
from scrapers.values import clean_text, read_value
from vetting.model import ParseResult, SupplierObservation

SPEC = kind_spec("supplier-search-ai-2026")

CARD = SPEC.locate["element_attribute"]
CARD_VALUE = SPEC.locate.get("element_attribute_value", "true")
MARKER = f'{CARD}="{CARD_VALUE}"'
ID_FIELD = SPEC.identity["company_id"]
NAME_ATTR = SPEC.identity["name"].options["descendant_attribute"]
# Signals in a slot element: its title attribute, else its text (gold years, review count).
SLOTS = tuple(f for f in SPEC.signals if "descendant_attribute" in f.options)
# How the card's visible text reads (readspec.json `text_lines`, which the extension reads too).
LINES = READSPEC["kinds"]["supplier-search-ai-2026"]["text_lines"]
PRODUCT = LINES["skip_attribute"]  # product tiles: their titles and prices are not the card's
# Elements that start a new line of visible text (everything else is inline: span, a, img, b..).
BLOCKS = frozenset(LINES["block_elements"])
# ASCII: `\d` means 0-9 here as in the extension's JavaScript, never other scripts' digits.
LINE_PATTERNS = [
    (
        rule["signal"],
        re.compile(rule["pattern"], re.ASCII | (re.IGNORECASE if rule.get("ignore_case") else 0)),
        rule["kind"],
        f" text({rule['shows']})",
    )
    for rule in LINES["lines"]
]
LABELS: dict[str, tuple[str, str]] = {
    text: (rule["signal"], rule["kind"]) for text, rule in LINES["labels"].items()
}
OTHER_LABELS = frozenset(LINES["other_labels"])
BUSINESS_TYPES = tuple(LINES["business_types"])
VERIFIED_TYPE = LINES["verified_business_type"]
FLAG_ALT = LINES["location_flag_alt"]


def _read_line(kind: str, text: str, match: re.Match[str] | None = None) -> object:
    """A line's value as ``text_lines`` kind ``kind`` (``match``: the line pattern's match):
    the line itself, a band, or a value kind of `scrapers.values` read from the match."""
    if kind == "line":
        return text
    if kind == "band":  # "Online revenue": "<1k", "$200K − $500K"; "-" (no digit) is not stated
        return text if re.search(r"[0-9]", text) else None
    return read_value(kind, match.group(1) if match is not None else text)[0]


def recognises(html: str) -> bool:
    return MARKER in html


def _in_product(el: Tag | NavigableString, card: Tag) -> bool:
    parent = el.parent
    while parent is not None and parent is not card:
        if parent.has_attr(PRODUCT):
            return True
        parent = parent.parent
    return False


def _block_of(node: Tag | NavigableString, card: Tag) -> Tag:
    """The nearest block element holding ``node`` (the card itself at most)."""
    parent = node.parent
    while parent is not None and parent is not card and parent.name not in BLOCKS:
        parent = parent.parent
    return parent if parent is not None else card


_END = object()  # marks where a block element ends in the walk below


def _lines(card: Tag) -> list[str]:
    """The card's visible text outside product tiles, one entry per line as laid out: a block
    element starts and ends a line (one pass, no recursion: hostile nesting stays linear)."""
    lines: list[str] = []
    run: list[str] = []

    def end_line() -> None:
        text = clean_text("".join(run))
        run.clear()
        if text:
            lines.append(text)

    stack: list[Any] = list(reversed(card.contents))
    while stack:
        node = stack.pop()
        if node is _END:
            end_line()
        elif isinstance(node, Tag):
            if node.has_attr(PRODUCT):
                end_line()
                continue
            if node.name in BLOCKS:
                end_line()
                stack.append(_END)
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # comments, scripts, styles are subclasses: unseen
            run.append(str(node))
    end_line()
    return lines


def _slot(card: Tag, attr: str) -> str | None:
    el = card.find(None, attrs={attr: True})
    if el is None or _in_product(el, card):
        return None
    return clean_text(el.get("title")) or clean_text(el.get_text(""))


def _name(card: Tag) -> str | None:
    for el in card.find_all(None, attrs={NAME_ATTR: True}):
        if el.name != "img" and not _in_product(el, card):
            return clean_text(el.get(NAME_ATTR))
    return None


def _host(card: Tag) -> str | None:
    for link in card.find_all("a", href=True):
        if _in_product(link, card):
            continue
        href = str(link["href"])
        if subdomain_of(href):
            return href.split("//", 1)[-1].split("/", 1)[0].lower()
    return None


def _location(card: Tag) -> str | None:
    """ "Sindh," <flag> "PK": the line holding the country flag, as one text."""
    flag = card.find("img", alt=FLAG_ALT)
    if flag is None:
        return None
    block = _block_of(flag, card)
    if block is card or block.find(list(BLOCKS)) is not None:
        return None  # the flag is not on a line of its own: no safe reading
    return clean_text("".join(block.strings))


def _company_id(card: Tag) -> str | None:
    try:
        params = json.loads(str(card.get(ID_FIELD.options["json_attribute"]) or ""))
    except (ValueError, RecursionError):  # hostile JSON nested past the parser's depth
        return None
    for _, steps, _ in ID_FIELD.paths:
        company = get(params, steps)
        if isinstance(company, str | int) and not isinstance(company, bool):
            sid = str(company)
            if sid.isascii() and sid.isdigit():
                return sid
    return None


def _text_signals(out: SignalSink, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        if line in LABELS:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is not None and nxt not in LABELS and nxt not in OTHER_LABELS:
                name, kind = LABELS[line]
                out.add(name, _read_line(kind, nxt), f" text({line})", nxt)
            continue
        for name, pattern, kind, extractor in LINE_PATTERNS:
            match = pattern.match(line)
            if match:
                out.add(name, _read_line(kind, line, match), extractor, line)
                break
        else:
            if line in BUSINESS_TYPES:
                out.add("business_type", line, " text(business type)")
                if line == VERIFIED_TYPE:  # "Verified as Custom Manufacturer" on its pages
                    out.add("verified", True, f" text({VERIFIED_TYPE})", line)


def _card(card: Tag, ctx: PageContext) -> SupplierObservation | None:
    sid = _company_id(card)
    if sid is None:
        return None
    out = SignalSink(ctx, f"[{CARD}]")
    for f in SLOTS:  # the slot elements first: they win over the same fact read from text
        attr = f.options["descendant_attribute"]
        raw = _slot(card, attr)
        value, _ = convert(f.kind, raw, f.options) if raw is not None else (None, None)
        out.add(f.name, value, f" [{attr}]", raw)
    _text_signals(out, _lines(card))
    out.add("location", _location(card), f' img[alt="{FLAG_ALT}"] line')
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
    soup = BeautifulSoup(html, "lxml", parse_only=SoupStrainer(attrs={CARD: CARD_VALUE}))
    suppliers: dict[str, SupplierObservation] = {}
    cards = soup.find_all(None, attrs={CARD: CARD_VALUE})
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
