"""Stored raw pages: the HTML kept with past captures, read back for `vet reparse`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vetting.compression import decompress_html

if TYPE_CHECKING:
    from vetting.store import Store


def stored_pages(store: Store, batch: int = 200) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Captures that kept their HTML and were not themselves made by a reparse: (row, the
    page's bytes as received)."""
    last = 0
    while True:
        rows = store.db.execute_returning_dicts(
            "SELECT id, url, kind, outcome, fetched_at, http_status, parser, parser_version, "
            "content_hash, source, observed_at, observed_from, html_z FROM captures "
            "WHERE id > ? AND html_z IS NOT NULL "
            "AND source != 'reparse' ORDER BY id LIMIT ?",
            [last, batch],
        )
        if not rows:
            return
        for row in rows:
            yield row, decompress_html(row.pop("html_z"))
        last = rows[-1]["id"]


def already_reparsed(
    store: Store, row: dict[str, Any], parser: str | None, version: int | None
) -> bool:
    """A reparse capture of the same page bytes by this parser and version exists."""
    found = store.db.execute(
        "SELECT 1 FROM captures WHERE source = 'reparse' AND url = ? AND content_hash = ? "
        "AND parser IS ? AND parser_version IS ? LIMIT 1",
        [row["url"], row["content_hash"], parser, version],
    ).fetchone()
    return found is not None
