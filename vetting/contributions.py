"""Contributed observations (POST /captures with an API key): attributed, checked, revocable.

A contribution is stored under its key's id (`key_id`: a fingerprint, never the key itself),
kept beside what the crawler saw: its signals always enter the history, but become the shown
value only when the contribution is plausible and no crawled value exists for that signal.
Implausible ones (a different company name, a Trade Assurance limit 10x up or down) are
``flagged`` with the reason and never shown as fact. The operator lists a key's contributions
and revokes them (`vet contributions list|revoke KEY_ID`); revoking recomputes the shown values
(the SQL of all this is in `vetting.store.contributions`).
"""

from __future__ import annotations

import hashlib
import re

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
