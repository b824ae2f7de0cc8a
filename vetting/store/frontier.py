"""The crawl frontier: one row per (crawl, url) in ``crawl_frontier``, so a killed crawl resumes
where it stopped and never fetches a done page twice (parameterised SQL on the store's db)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from vetting.model import utcnow
from vetting.store.schema import write_transaction

if TYPE_CHECKING:
    from vetting.store import Store

MAX_ATTEMPTS = 3  # a blocked or failed page is retried on later runs up to this many times
RETRYABLE = ("blocked", "failed")


class Frontier:
    """Rows of ``crawl_frontier`` for one named crawl."""

    def __init__(self, store: Store, crawl: str):
        self.db = store.db
        self.crawl = crawl

    def add(self, urls: list[str], kind: str, depth: int) -> int:
        with write_transaction(self.db):
            return self.insert(urls, kind, depth)

    def insert(self, urls: list[str], kind: str, depth: int) -> int:
        """`add` inside the caller's transaction."""
        now = utcnow()
        added = 0
        for url in urls:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO crawl_frontier (crawl, url, kind, depth, status, "
                "attempts, added_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
                [self.crawl, url, kind, depth, now, now],
            )
            added += cur.rowcount
        return added

    def reopen_retryable(self) -> int:
        with write_transaction(self.db):
            marks = ", ".join("?" for _ in RETRYABLE)
            cur = self.db.execute(
                f"UPDATE crawl_frontier SET status = 'pending' WHERE crawl = ? AND status IN "
                f"({marks}) AND attempts < ?",
                [self.crawl, *RETRYABLE, MAX_ATTEMPTS],
            )
        return cur.rowcount

    def next_pending(self) -> tuple[int, str, int] | None:
        row = self.db.execute(
            "SELECT id, url, depth FROM crawl_frontier WHERE crawl = ? AND status = 'pending' "
            "ORDER BY depth, id LIMIT 1",
            [self.crawl],
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def mark(self, row_id: int, status: str, outcome: str, capture_id: int | None, msg: str | None):
        with write_transaction(self.db):
            self.set_status(row_id, status, outcome, capture_id, msg)

    def set_status(
        self, row_id: int, status: str, outcome: str, capture_id: int | None, msg: str | None
    ) -> None:
        """`mark` inside the caller's transaction."""
        self.db.execute(
            "UPDATE crawl_frontier SET status = ?, outcome = ?, capture_id = ?, message = ?, "
            "attempts = attempts + 1, updated_at = ? WHERE id = ?",
            [status, outcome, capture_id, msg, utcnow(), row_id],
        )

    def counts(self) -> Counter:
        rows = self.db.execute(
            "SELECT status, count(*) FROM crawl_frontier WHERE crawl = ? GROUP BY status",
            [self.crawl],
        ).fetchall()
        return Counter(dict(rows))
