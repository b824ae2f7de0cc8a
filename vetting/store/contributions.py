"""Contributions' SQL: which stored values are shown, the per-key listing, revoking.

The rules (what is plausible, how a key is named) are `vetting.contributions`'; every function
here runs inside the caller's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vetting.contributions import ACCEPTED, FLAGGED, REVOKED
from vetting.store.suppliers import CURRENT_COLUMNS as _CURRENT_COLUMNS

if TYPE_CHECKING:
    import sqlite_utils


def recompute_current(db: sqlite_utils.Database, supplier_ids: list[str]) -> None:
    """Rebuild the shown value of each signal of these suppliers from the history: crawled
    observations first, then accepted contributions; the latest within each; never flagged or
    revoked ones. Runs inside the caller's transaction."""
    for sid in dict.fromkeys(supplier_ids):
        db.execute("DELETE FROM signals_current WHERE supplier_id = ?", [sid])
        db.execute(
            f"INSERT INTO signals_current ({_CURRENT_COLUMNS}) "
            f"SELECT {_CURRENT_COLUMNS} FROM (SELECT s.*, row_number() OVER (PARTITION BY "
            "s.name ORDER BY c.contributor IS NOT NULL, s.observed_at DESC, s.id DESC) AS rank "
            "FROM signals s JOIN captures c ON c.id = s.capture_id WHERE s.supplier_id = ? "
            f"AND coalesce(c.review, '{ACCEPTED}') = '{ACCEPTED}') WHERE rank = 1",
            [sid],
        )


def list_contributions(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Per key id: how many contributions, by review status, and when."""
    rows = db.execute(
        "SELECT contributor, count(*), sum(review = ?), sum(review = ?), sum(review = ?), "
        "min(fetched_at), max(fetched_at) FROM captures WHERE contributor IS NOT NULL "
        "GROUP BY contributor ORDER BY contributor",
        [ACCEPTED, FLAGGED, REVOKED],
    ).fetchall()
    keys = ("key_id", "captures", ACCEPTED, FLAGGED, REVOKED, "first", "last")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def revoke(db: sqlite_utils.Database, contributor: str) -> tuple[int, list[str]]:
    """Mark every contribution of the key revoked and recompute what is shown; returns (captures
    revoked, suppliers affected). Runs inside the caller's transaction."""
    cur = db.execute(
        "UPDATE captures SET review = ? WHERE contributor = ? AND review IS NOT ?",
        [REVOKED, contributor, REVOKED],
    )
    sids = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT s.supplier_id FROM signals s JOIN captures c ON c.id = s.capture_id "
            "WHERE c.contributor = ?",
            [contributor],
        )
    ]
    recompute_current(db, sids)
    return cur.rowcount, sids
