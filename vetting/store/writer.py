"""The distributed crawl writer's reads of the frontier (`scrapers.dispatch.Dispatcher`): which
pages to keep enqueued ahead of it, and whether a worker's result is still wanted."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vetting.store import Store


def pending_window(store: Store, crawl: str, limit: int) -> list[str]:
    """The next ``limit`` pending URLs of the crawl, in the order the crawl records them."""
    rows = store.db.execute(
        "SELECT url FROM crawl_frontier WHERE crawl = ? AND status = 'pending' "
        "ORDER BY depth, id LIMIT ?",
        [crawl, limit],
    ).fetchall()
    return [row[0] for row in rows]


def frontier_status(store: Store, crawl: str, url: str) -> str | None:
    """The URL's status in the crawl's frontier (None: not in it)."""
    row = store.db.execute(
        "SELECT status FROM crawl_frontier WHERE crawl = ? AND url = ?", [crawl, url]
    ).fetchone()
    return None if row is None else row[0]
