"""Contributed observations (POST /captures with an API key): attributed, checked, revocable.

A contribution is stored under its key's id (`key_id`: a fingerprint, never the key itself),
kept beside what the crawler saw: its signals always enter the history, but become the shown
value only when the contribution is plausible and no crawled value exists for that signal.
Implausible ones (a different company name, a Trade Assurance limit 10x up or down) are
``flagged`` with the reason and never shown as fact. The operator lists a key's contributions
and revokes them (`vet contributions list|revoke KEY_ID`); revoking recomputes the shown values.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only writable stores import sqlite-utils (vet show must not pay for it)
    import sqlite_utils

from vetting.model import Money, Supplier, SupplierObservation

KEY_ID_PREFIX = "key-"
LIMIT_JUMP = 10  # a TA limit this many times higher or lower than the shown one is flagged
ACCEPTED, FLAGGED, REVOKED = "accepted", "flagged", "revoked"


def key_id(api_key: str) -> str:
    """The id a key's contributions are stored under: a SHA-256 fingerprint prefix."""
    return KEY_ID_PREFIX + hashlib.sha256(api_key.strip().encode()).hexdigest()[:16]


def _plain_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def implausible(shown: Supplier | None, obs: SupplierObservation) -> list[str]:
    """Why a contributed observation does not fit what is shown about the supplier (empty:
    plausible). Only a supplier already known has something to contradict."""
    if shown is None:
        return []
    reasons = []
    if obs.name and shown.name and _plain_name(obs.name) != _plain_name(shown.name):
        reasons.append(f"name changes from {shown.name[:80]!r} to {obs.name[:80]!r}")
    new = next((s.value for s in obs.signals if s.name == "ta_limit"), None)
    old = shown.value("ta_limit")
    if isinstance(new, Money) and isinstance(old, Money) and new.currency == old.currency:
        low, high = sorted((new.amount, old.amount))
        if low <= 0 or high / low >= LIMIT_JUMP:
            reasons.append(
                f"Trade Assurance limit jumps from {old.amount} to {new.amount} {new.currency} "
                f"({LIMIT_JUMP}x or more)"
            )
    return reasons


_CURRENT_COLUMNS = (
    "supplier_id, name, value, raw, source_url, page_kind, extractor, observed_at, capture_id"
)


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
