"""What every page parser shares: the parser contract and signal construction with provenance."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scrapers.values import parse_moq, parse_price_range
from vetting.model import Capture, Listing, ParseResult, Signal, utcnow


@dataclass(frozen=True)
class PageParser:
    """One parser per page kind and markup generation; ``version`` changes with its output."""

    name: str  # e.g. "product-detail-2022"
    kind: str  # e.g. "product-detail"
    version: int
    recognises: Callable[[str], bool]
    parse: Callable[[str, PageContext], ParseResult]


@dataclass
class PageContext:
    url: str
    fetched_at: str
    parser: PageParser
    content_hash: str
    source: str = "scrape"
    http_status: int | None = None
    observed_at: str | None = None  # the page's date (a parser may set it), else the caller's
    observed_from: str | None = None

    def capture(self, outcome: str = "ok", message: str | None = None) -> Capture:
        return Capture(
            url=self.url,
            kind=self.parser.kind,
            outcome=outcome,  # type: ignore[arg-type]
            fetched_at=self.fetched_at,
            http_status=self.http_status,
            parser=self.parser.name,
            parser_version=self.parser.version,
            content_hash=self.content_hash,
            source=self.source,
            message=message,
            observed_at=self.observed_at,
            observed_from=self.observed_from if self.observed_at else None,
        )

    def signal(self, name: str, value: Any, extractor: str, raw: Any = None) -> Signal:
        return Signal(
            name=name,
            value=value,
            source_url=self.url,
            page_kind=self.parser.kind,
            extractor=f"{self.parser.name}:{extractor}",
            observed_at=self.observed_at,
            raw=None if raw is None else str(raw),
        )


def content_hash(html: str, raw: bytes | None = None) -> str:
    """SHA-256 of the page's bytes as received (``raw``) when known, else of its text's UTF-8:
    the same value for a UTF-8 page, without encoding a megabyte of text again."""
    body = raw if raw is not None else html.encode("utf-8", "surrogatepass")
    return hashlib.sha256(body).hexdigest()


def new_context(
    html: str,
    url: str,
    parser: PageParser,
    fetched_at: str | None = None,
    raw: bytes | None = None,
    **extra: Any,
) -> PageContext:
    return PageContext(
        url=url,
        fetched_at=fetched_at or utcnow(),
        parser=parser,
        content_hash=content_hash(html, raw),
        **extra,
    )


class SignalSink:
    """Collects the known signals of one supplier; unknown (None) values are simply not added."""

    def __init__(self, ctx: PageContext, prefix: str):
        self.ctx = ctx
        self.prefix = prefix
        self.signals: list[Signal] = []

    def add(self, name: str, value: Any, path: str, raw: Any = None) -> None:
        if value is None:
            return
        # DOM paths that are CSS selectors (".has-ta", " span") join without another dot.
        sep = "" if path[:1] in (".", " ") else "."
        extractor = f"{self.prefix}{sep}{path}" if self.prefix else path
        self.signals.append(
            self.ctx.signal(name, value, extractor, raw if raw is not None else value)
        )


def offer_listing(
    product_id: str | int,
    supplier_id: str,
    url: str,
    title: str | None = None,
    price_text: str | None = None,
    moq_text: str | int | None = None,
    moq_unit: str | None = None,
) -> Listing:
    """A listing from the texts a page shows: "US $1.20-$2.40" and "100 Pieces" become typed
    ranges; a unit the page states on its own (``moq_unit``) wins over the one in ``moq_text``."""
    low, high, currency = parse_price_range(price_text)
    moq, unit = parse_moq(moq_text)
    return Listing(
        product_id=str(product_id),
        title=title,
        url=url,
        supplier_id=supplier_id,
        price_min=low,
        price_max=high,
        currency=currency,
        moq=moq,
        moq_unit=moq_unit or unit,
    )
