"""Ingesting one page someone gives us (a saved file, an extension contribution): parse + record.

The one way into the parsers from outside the scrapers: `vet import` and `POST
/api/v1/captures` both call `ingest_page`, so a page is parsed, dated and stored the same way
whichever door it came through. A blocked or unrecognised page is recorded as a capture and
writes no signals.
"""

from __future__ import annotations

from typing import NamedTuple

from scrapers.pages import parse_page
from vetting.compression import compress_in_background
from vetting.model import ParseResult
from vetting.store import Store


class Ingested(NamedTuple):
    capture_id: int
    result: ParseResult


def ingest_page(
    store: Store,
    html: str,
    url: str,
    *,
    source: str,
    observed_at: str | None = None,
    observed_from: str | None = None,
    raw: bytes | None = None,
    contributor: str | None = None,
    note: str | None = None,
) -> Ingested:
    """Parse ``html`` (seen at ``url``) and record it under ``source``.

    ``observed_at`` is the giver's evidence of when the page was seen, named by
    ``observed_from``; the page's own date wins over it. ``raw`` is the bytes as received (the
    text's UTF-8 by default), kept for a later reparse. ``contributor`` is the key id a
    contribution is stored under; ``note`` is added to the capture's message (e.g. why a given
    date was ignored)."""
    body = raw if raw is not None else html.encode("utf-8", "surrogatepass")
    pending = compress_in_background(body)  # on another core while the page is parsed
    result = parse_page(
        html,
        url,
        source=source,
        observed_at=observed_at,
        observed_from=observed_from if observed_at else None,
        raw=body,
    )
    cap = result.capture
    if note:
        cap.message = "; ".join(filter(None, (note, cap.message)))
    if contributor is not None:
        cap.contributor = contributor
    return Ingested(store.record(result, html_z=pending.result()), result)
