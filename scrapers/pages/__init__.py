"""Pure page parsers: HTML string + URL in, `ParseResult` (capture, suppliers, listings) out.

`parse_page` classifies blocked pages first, then hands the page to the first parser that
recognises its markup generation. A page nobody recognises is ``unparseable``, never an empty
supplier.
"""

from __future__ import annotations

from scrapers.blocked import block_reason
from scrapers.pages import product_detail_2022
from scrapers.pages.base import PageParser, content_hash
from vetting.model import Capture, ParseResult, utcnow

# First match wins: more specific markup generations come first.
PARSERS: list[PageParser] = [product_detail_2022.PARSER]


def parse_page(
    html: str,
    url: str,
    fetched_at: str | None = None,
    source: str = "scrape",
    http_status: int | None = None,
) -> ParseResult:
    from scrapers.pages.base import new_context

    fetched_at = fetched_at or utcnow()
    reason = block_reason(html)
    if reason:
        return ParseResult(_bare(html, url, fetched_at, source, http_status, "blocked", reason))
    for parser in PARSERS:
        if parser.recognises(html):
            ctx = new_context(html, url, parser, fetched_at, source=source, http_status=http_status)
            return parser.parse(html, ctx)
    return ParseResult(
        _bare(html, url, fetched_at, source, http_status, "unparseable", "no parser recognises it")
    )


def _bare(html, url, fetched_at, source, http_status, outcome, message) -> Capture:
    return Capture(
        url=url,
        kind="blocked" if outcome == "blocked" else None,
        outcome=outcome,
        fetched_at=fetched_at,
        http_status=http_status,
        content_hash=content_hash(html),
        source=source,
        message=message,
    )
