"""Pure page parsers: HTML string + URL in, `ParseResult` (capture, suppliers, listings) out.

`parse_page` classifies blocked pages first, then hands the page to the first parser that
recognises its markup generation. A page nobody recognises is ``unparseable``, never an empty
supplier.
"""

from __future__ import annotations

from dataclasses import replace

from scrapers.blocked import block_reason
from scrapers.ids import is_numeric_id, is_supplier_key
from scrapers.pages import (
    product_detail_2022,
    product_detail_2026,
    product_detail_data_2026,
    product_gone_2026,
    product_search_2026,
    search_2022,
    supplier_card_2022,
    supplier_profile_2024,
    supplier_search_2024,
    supplier_search_2026,
    supplier_search_ai_2026,
)
from scrapers.pages.base import PageParser, content_hash
from vetting.model import SIGNALS, Capture, ParseResult, Signal, utcnow

# First match wins: more specific markup generations come first (a 2026 product page also embeds
# window.detailData, so it precedes the 2022 reader; a 2024 profile also embeds
# window._PAGE_DATA_, so it precedes the supplier search).
PARSERS: list[PageParser] = [
    product_gone_2026.PARSER,
    product_detail_data_2026.PARSER,
    product_detail_2022.PARSER,
    product_search_2026.PARSER,
    supplier_profile_2024.PARSER,
    supplier_search_2026.PARSER,
    supplier_search_2024.PARSER,
    search_2022.PARSER,
    supplier_card_2022.PARSER,
    product_detail_2026.PARSER,
    supplier_search_ai_2026.PARSER,
]


def parse_page(
    html: str,
    url: str,
    fetched_at: str | None = None,
    source: str = "scrape",
    http_status: int | None = None,
    observed_at: str | None = None,
    observed_from: str | None = None,
    raw: bytes | None = None,
) -> ParseResult:
    """``observed_at`` is the caller's evidence of when the page was seen (the fetch's HTTP
    ``Date``, ``vet import --observed-at``, a contributor's statement) named by
    ``observed_from``; a date the page itself states wins over it. A scrape with no other
    evidence was seen when fetched; an import without any is recorded with an unknown date.
    ``raw`` is the bytes ``html`` was decoded from, when the caller has them: the content hash
    is taken of them."""
    from scrapers.pages.base import new_context

    fetched_at = fetched_at or utcnow()
    if observed_at is None and source == "scrape":
        observed_at, observed_from = fetched_at, "fetch-time"
    dated = {"observed_at": observed_at, "observed_from": observed_from if observed_at else None}
    reason = block_reason(html)
    if reason:
        return ParseResult(
            _bare(html, raw, url, fetched_at, source, http_status, "blocked", reason, **dated)
        )
    for parser in PARSERS:
        if parser.recognises(html):
            ctx = new_context(
                html,
                url,
                parser,
                fetched_at,
                raw,
                source=source,
                http_status=http_status,
                **dated,
            )
            try:
                return _checked(parser.parse(html, ctx))
            except (
                AttributeError,
                KeyError,
                TypeError,
                ValueError,
                IndexError,
                # Hardening (issue 8): absurdly deep embedded JSON ("[" * 10_000) exhausts the
                # JSON decoder's recursion limit; such a page is unparseable, not a crash.
                RecursionError,
            ) as exc:
                # Scraped JSON is untrusted: a shape the parser did not expect makes the page
                # unparseable (logged with the reason), never a crash and never partial data.
                why = f"{parser.name} could not read this page ({type(exc).__name__}: {exc})"
                return ParseResult(ctx.capture("unparseable", why[:300]))
    why = "no parser recognises it"
    return ParseResult(
        _bare(html, raw, url, fetched_at, source, http_status, "unparseable", why, **dated)
    )


# SQLite stores integers up to 2**63 - 1; a larger MOQ or count is nonsense from hostile JSON.
MAX_STORED_INT = 2**63 - 1


def _checked(result: ParseResult) -> ParseResult:
    """Hardening (issue 8): the identities hostile JSON can smuggle past a parser (a product id
    of "NaN", a companyId of "١٢٣", a MOQ of 10**30) are checked once, here, before anything is
    stored: such suppliers and listings are dropped, such a MOQ or count is unknown."""
    suppliers = [obs for obs in result.suppliers if is_supplier_key(obs.supplier_id)]
    for obs in suppliers:
        obs.signals = [sig for sig in obs.signals if _in_range(sig)]
    kept = {obs.supplier_id for obs in suppliers}
    listings = [
        replace(
            item,
            supplier_id=item.supplier_id if item.supplier_id in kept else None,
            moq=item.moq if item.moq is None or 0 <= item.moq <= MAX_STORED_INT else None,
        )
        for item in result.listings
        if is_numeric_id(item.product_id)
    ]
    if result.suppliers and not suppliers and result.capture.outcome == "ok":
        result.capture.outcome = "unparseable"
        result.capture.message = "no supplier with a well-formed id"
    result.suppliers, result.listings = suppliers, listings
    return result


def _in_range(sig: Signal) -> bool:
    """Counts are whole and not negative, percentages 0-100 (a "reviewCount": -1 is not data)."""
    kind, value = SIGNALS.get(sig.name), sig.value
    if kind == "int":
        return (
            isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_STORED_INT
        )
    if kind == "percent":
        return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100
    return True


def _bare(html, raw, url, fetched_at, source, http_status, outcome, message, **dated) -> Capture:
    return Capture(
        url=url,
        kind="blocked" if outcome == "blocked" else None,
        outcome=outcome,
        fetched_at=fetched_at,
        http_status=http_status,
        content_hash=content_hash(html, raw),
        source=source,
        message=message,
        **dated,
    )
