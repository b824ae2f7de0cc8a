"""The parser shared by the JSON page kinds of ``readspec.json``: records → suppliers, listings.

A kind's module only names its spec entry and its recogniser; what is read, from where and as
what lives in the spec, so the extension reads the same fields the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scrapers.embedded import json_after
from scrapers.ids import product_url, subdomain_of
from scrapers.pages.base import PageContext, SignalSink, offer_listing
from scrapers.pages.readspec import KindSpec, Read, compile_path, each, get, read
from scrapers.values import parse_price_range
from vetting.model import Listing, ParseResult, SupplierObservation

MAX_GAPS_SHOWN = 5


def locate(html: str, spec: KindSpec) -> Any:
    """The blob assigned to the spec's script marker, or None (absent or not valid JSON)."""
    return json_after(html, spec.locate["script_assignment"])


def recogniser(spec: KindSpec):
    marker = spec.locate["script_assignment"]
    extra = tuple(spec.locate.get("requires", ()))

    def recognises(html: str) -> bool:
        return marker in html and all(m in html for m in extra)

    return recognises


def observe_page_date(ctx: PageContext, blob: Any, spec: KindSpec) -> None:
    """The page's own statement of when it was served wins over any other date."""
    if spec.observed_at is None:
        return
    found = read(blob, spec.observed_at)
    if found.value is not None:
        ctx.observed_at, ctx.observed_from = found.value, f"page:{found.path}"


def parse_blob(blob: Any, spec: KindSpec, ctx: PageContext) -> ParseResult:
    marker = spec.locate.get("script_assignment", spec.name)
    if not isinstance(blob, dict):
        return ParseResult(ctx.capture("unparseable", f"{marker} is missing or not valid JSON"))
    observe_page_date(ctx, blob, spec)
    if spec.records and not isinstance(get(blob, _container(spec.records)), list):
        where = ".".join(step[1] for step in spec.records)
        return ParseResult(ctx.capture("unparseable", f"{marker} has no list at {where}"))
    records = each(blob, spec.records) if spec.records else [blob]
    suppliers: dict[str, SupplierObservation] = {}
    listings: list[Listing] = []
    gaps: list[str] = []
    for record in records:
        sid = read(record, spec.identity["company_id"], spec.unwrap).value
        if sid is None:
            gaps.append("a record without a companyId")
            continue
        if sid not in suppliers:
            suppliers[sid] = _observation(record, sid, spec, ctx, gaps)
        listings.extend(_listings(record, sid, spec))
    if records and not suppliers:
        where = spec.identity["company_id"].paths[0][0]
        return ParseResult(ctx.capture("unparseable", f"no supplier with a companyId ({where})"))
    message = "no results" if not records else _gaps_message(gaps)
    return ParseResult(ctx.capture("ok", message), list(suppliers.values()), listings)


def _observation(
    record: Any, sid: str, spec: KindSpec, ctx: PageContext, gaps: list[str]
) -> SupplierObservation:
    aliases: dict[str, str] = {}
    host = _identity(record, spec, "subdomain").value
    sub = subdomain_of(host) if host else None
    if sub:
        aliases[sub] = "trustpass" if ".trustpass." in host else "subdomain"
    member = _identity(record, spec, "member_id").value
    if member:
        aliases[member] = "member_id"
    out = SignalSink(ctx, "")
    for f in spec.signals:
        found = read(record, f, spec.unwrap)
        out.add(f.name, found.value, found.path or f.name, found.raw)
        if found.why:
            gaps.append(f"{f.name} ({found.why})")
    return SupplierObservation(
        supplier_id=sid,
        name=_identity(record, spec, "name").value,
        aliases=aliases,
        signals=out.signals,
    )


def _identity(record: Any, spec: KindSpec, name: str) -> Read:
    f = spec.identity.get(name)
    return read(record, f, spec.unwrap) if f else Read()


def _listings(record: Any, sid: str, spec: KindSpec) -> list[Listing]:
    if not spec.listing_fields:
        return []
    inner = spec.listings.get("each")
    items = each(record, _compiled_each(inner)) if inner else [record]
    out = []
    for item in items:
        values = {k: read(item, f).value for k, f in spec.listing_fields.items()}
        pid = values.get("product_id")
        if pid is None:
            continue
        moq = values.get("moq") if values.get("moq") is not None else values.get("moq_text")
        listing = offer_listing(
            pid,
            sid,
            product_url(pid),
            title=values.get("title"),
            price_text=values.get("price_text"),
            moq_text=moq,
            moq_unit=values.get("moq_unit"),
        )
        if listing.price_min is None:
            listing = _ladder_or_range(item, spec, listing)
        out.append(listing)
    return out


def _container(steps: tuple) -> tuple:
    """The steps to the records' list itself ("a.b[]" → "a.b")."""
    *head, (_, key, *_rest) = steps
    return (*head, ("key", key, None, None, None))


_EACH_CACHE: dict[str, Any] = {}


def _compiled_each(path: str):
    if path not in _EACH_CACHE:
        _EACH_CACHE[path] = compile_path(path)
    return _EACH_CACHE[path]


def _ladder_or_range(item: Any, spec: KindSpec, listing: Listing) -> Listing:
    """No price text: the ladder's rows (currency from each row's own text)."""
    ladder = spec.listings.get("ladder")
    if ladder:
        rows = get(item, _compiled_each(ladder["paths"][0]))
        texts = [r.get(ladder["text"]) for r in rows or [] if isinstance(r, dict)]
        joined = " ".join(t for t in texts if isinstance(t, str))
        low, high, currency = parse_price_range(joined)
        if low is not None:
            return replace(listing, price_min=low, price_max=high, currency=currency)
    return listing


def _gaps_message(gaps: list[str]) -> str | None:
    if not gaps:
        return None
    shown = "; ".join(gaps[:MAX_GAPS_SHOWN])
    more = f" (+{len(gaps) - MAX_GAPS_SHOWN} more)" if len(gaps) > MAX_GAPS_SHOWN else ""
    return f"read with gaps: {shown}{more}"[:300]
