"""Re-run the current parsers over the raw HTML kept with past captures (after a parser change).

A page whose parser, version and outcome are unchanged is skipped; a changed result is recorded
as a new capture (source ``reparse``) with the original ``fetched_at``, so signal history keeps
the time the page was seen, and running reparse twice adds nothing the second time.

Dates: a page that states its own date (serverTime, a service date) dates the new capture and
re-dates the stored one (its signals were that same observation); otherwise the stored
capture's evidence (its HTTP ``Date``, ``--observed-at``, a fetch time) carries over, and an
import with none stays undated.
"""

from __future__ import annotations

from collections import Counter

from scrapers.pages import parse_page
from vetting.store import Store
from vetting.store.pages import already_reparsed, stored_pages
from vetting.store.schema import FETCHED_SOURCES


def reparse_all(store: Store) -> Counter:
    """Counts: ``unchanged`` plus one key per new outcome (``ok``, ``unparseable``, ...)."""
    counts: Counter = Counter()
    for row, raw in stored_pages(store):
        if row["http_status"] not in (None, 200):
            counts["skipped"] += 1  # an error page's body is not the page
            continue
        new = parse_page(
            raw.decode("utf-8", errors="replace"),
            row["url"],
            raw=raw,
            fetched_at=row["fetched_at"],
            source="reparse",
            http_status=row["http_status"],
            **_stored_date(row),
        )
        cap = new.capture
        same = (cap.parser, cap.parser_version, cap.outcome) == (
            row["parser"],
            row["parser_version"],
            row["outcome"],
        )
        if same or already_reparsed(store, row, cap.parser, cap.parser_version):
            counts["unchanged"] += 1
            continue
        store.record(new, None)
        counts[cap.outcome] += 1
        page_dated = (cap.observed_from or "").startswith("page:")
        if page_dated and cap.observed_at != row.get("observed_at") and cap.observed_at:
            store.redate_capture(row["id"], cap.observed_at, cap.observed_from or "page")
            counts["redated"] += 1
    return counts


def _stored_date(row: dict) -> dict:
    """The date evidence a stored capture carries (rows from before dates had a column: a
    fetched page's fetch time, nothing for an import)."""
    if row.get("observed_at"):
        return {"observed_at": row["observed_at"], "observed_from": row.get("observed_from")}
    if row.get("source") in FETCHED_SOURCES:
        return {"observed_at": row["fetched_at"], "observed_from": "fetch-time"}
    return {}
