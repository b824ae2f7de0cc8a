"""Suppliers, aliases, signals and listings: the rows one capture writes, and the reads by alias.

Signals are append-only (`signals` keeps every observation, one row per capture and signal);
`signals_current` holds the latest known value per supplier and signal so reads stay one query.
Every function runs on the caller's connection and inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from vetting.contributions import FLAGGED
from vetting.ids import normalise_alias
from vetting.model import (
    Capture,
    Listing,
    Signal,
    Supplier,
    SupplierObservation,
    decode_value,
    encode_value,
)
from vetting.store.schema import insert_row, upsert_rows

if TYPE_CHECKING:
    import sqlite_utils


# -- writes -----------------------------------------------------------------------------------


def insert_capture(
    db: sqlite_utils.Database, cap: Capture, html_z: bytes | None, reasons: list[str]
) -> int:
    """The capture row; ``html_z`` is the page's bytes as stored (`compress_html`)."""
    row = {
        "url": cap.url,
        "kind": cap.kind,
        "outcome": cap.outcome,
        "fetched_at": cap.fetched_at,
        "http_status": cap.http_status,
        "parser": cap.parser,
        "parser_version": cap.parser_version,
        "content_hash": cap.content_hash,
        "source": cap.source,
        "message": cap.message,
        "observed_at": cap.observed_at,
        "observed_from": cap.observed_from,
        "html_z": html_z,
        "contributor": cap.contributor,
        "review": cap.review,
        "review_reason": "; ".join(reasons)[:1000] or None,
    }
    return insert_row(db, "captures", row)


_SIGNAL_COLUMNS = (
    "supplier_id",
    "name",
    "value",
    "raw",
    "source_url",
    "page_kind",
    "extractor",
    "observed_at",
    "capture_id",
)
CURRENT_COLUMNS = ", ".join(_SIGNAL_COLUMNS)
_MARKS = ", ".join("?" for _ in _SIGNAL_COLUMNS)
_INSERT_SIGNAL = f"INSERT INTO signals ({CURRENT_COLUMNS}) VALUES ({_MARKS})"
_UPSERT_CURRENT = (
    f"INSERT INTO signals_current ({CURRENT_COLUMNS}) VALUES ({_MARKS}) "
    "ON CONFLICT(supplier_id, name) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _SIGNAL_COLUMNS[2:])
    # An undated value never displaces a dated one; a dated one displaces it. A contributed
    # value is recomputed after the whole capture (store.contributions).
    + " WHERE coalesce(excluded.observed_at, '') >= coalesce(signals_current.observed_at, '') "
    "OR signals_current.capture_id IN (SELECT id FROM captures WHERE contributor IS NOT NULL)"
)
# The stored form of a value: json.dumps(value, ensure_ascii=False), with one encoder for all
# (json.dumps with options builds a new one for every signal).
_VALUE_JSON = json.JSONEncoder(ensure_ascii=False)
_UPSERT_SUPPLIER = (
    "INSERT INTO suppliers (supplier_id, name, first_seen, last_seen) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(supplier_id) DO UPDATE SET name = {name}, "
    "first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen "
    "THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END, "
    "last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen "
    "THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END"
)


def write_observations(
    db: sqlite_utils.Database, observations: list[SupplierObservation], cap: Capture
) -> None:
    """A capture's suppliers, aliases and signals: one statement per table for the whole page
    (a statement per row was most of a 20-supplier search page's import)."""
    seen = cap.observed_at  # None: the page's date is unknown, never the import time
    # A contribution names a supplier only when nothing else did (never renames one).
    name = "coalesce(name, excluded.name)" if cap.contributor else "coalesce(excluded.name, name)"
    conn = db.conn
    conn.executemany(
        _UPSERT_SUPPLIER.format(name=name),
        [
            [obs.supplier_id, obs.name if cap.review != FLAGGED else None, seen, seen]
            for obs in observations
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (alias, supplier_id, kind) VALUES (?, ?, ?)",
        [
            [normalise_alias(alias), obs.supplier_id, kind]
            for obs in observations
            for alias, kind in _aliases(obs).items()
        ],
    )
    rows = [
        (
            obs.supplier_id,
            sig.name,
            _VALUE_JSON.encode(encode_value(sig.value)),
            sig.raw,
            sig.source_url,
            sig.page_kind,
            sig.extractor,
            sig.observed_at or seen,
            cap.id,
        )
        for obs in observations
        for sig in obs.signals
        if sig.value is not None  # unknown is the absence of a row: it never overwrites
    ]
    conn.executemany(_INSERT_SIGNAL, rows)
    if not cap.contributor:  # a contribution's shown values are recomputed after the capture
        conn.executemany(_UPSERT_CURRENT, rows)


def _aliases(obs: SupplierObservation) -> dict[str, str]:
    sid = obs.supplier_id
    return {sid: "company_id" if sid.isdigit() else "subdomain", **obs.aliases}


def write_listings(db: sqlite_utils.Database, listings: list[Listing], cap: Capture) -> None:
    rows = [
        {
            "product_id": listing.product_id,
            "supplier_id": listing.supplier_id,
            "title": listing.title,
            "url": listing.url,
            "price_min": None if listing.price_min is None else str(listing.price_min),
            "price_max": None if listing.price_max is None else str(listing.price_max),
            "currency": listing.currency,
            "moq": listing.moq,
            "moq_unit": listing.moq_unit,
            "capture_id": cap.id,
            "observed_at": cap.observed_at,
        }
        for listing in listings
    ]
    upsert_rows(db, "listings", rows, pk="product_id")


def redate_capture(
    db: sqlite_utils.Database, capture_id: int, observed_at: str, observed_from: str
) -> list[str]:
    """Give a stored capture and its signals and listings a new date; returns the suppliers
    whose signals it carries (their current values need rebuilding)."""
    db.execute(
        "UPDATE captures SET observed_at = ?, observed_from = ? WHERE id = ?",
        [observed_at, observed_from, capture_id],
    )
    for table in ("signals", "listings"):
        db.execute(
            f"UPDATE {table} SET observed_at = ? WHERE capture_id = ?", [observed_at, capture_id]
        )
    return [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT supplier_id FROM signals WHERE capture_id = ?", [capture_id]
        )
    ]


def rebuild_current(db: sqlite_utils.Database, sids: list[str]) -> None:
    """signals_current and first/last seen recomputed from the signal history."""
    for sid in sids:
        db.execute("DELETE FROM signals_current WHERE supplier_id = ?", [sid])
        db.execute(
            f"INSERT INTO signals_current ({CURRENT_COLUMNS}) SELECT {CURRENT_COLUMNS} "
            "FROM signals s WHERE s.supplier_id = ? AND s.id = (SELECT id FROM signals t WHERE "
            "t.supplier_id = s.supplier_id AND t.name = s.name "
            "ORDER BY coalesce(t.observed_at, '') DESC, t.id DESC LIMIT 1)",
            [sid],
        )
        db.execute(
            "UPDATE suppliers SET first_seen = (SELECT min(observed_at) FROM signals WHERE "
            "supplier_id = ?1), last_seen = (SELECT max(observed_at) FROM signals WHERE "
            "supplier_id = ?1) WHERE supplier_id = ?1",
            [sid],
        )


# -- reads ------------------------------------------------------------------------------------


def resolve(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute(
        "SELECT supplier_id FROM aliases WHERE alias = ?", [normalise_alias(key)]
    ).fetchone()
    return row[0] if row else None


def ids_by_alias(db: sqlite_utils.Database, aliases: Iterable[str]) -> dict[str, str]:
    """Supplier id of each known (normalised) alias."""
    aliases = list(aliases)
    if not aliases:
        return {}
    marks = ", ".join("?" for _ in aliases)
    return dict(
        db.execute(
            f"SELECT alias, supplier_id FROM aliases WHERE alias IN ({marks})", aliases
        ).fetchall()
    )


def subdomain_of(db: sqlite_utils.Database, sid: str) -> str | None:
    """A storefront subdomain known for the supplier, if any."""
    row = db.execute(
        "SELECT alias FROM aliases WHERE supplier_id = ? AND kind = 'subdomain' LIMIT 1", [sid]
    ).fetchone()
    return row[0] if row else None


def supplier_ids(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT supplier_id FROM suppliers")]


def supplier_ids_after(db: sqlite_utils.Database, last: str, batch: int) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT supplier_id FROM suppliers WHERE supplier_id > ? ORDER BY supplier_id LIMIT ?",
            [last, batch],
        ).fetchall()
    ]


def load_suppliers(db: sqlite_utils.Database, ids: list[str]) -> list[Supplier]:
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    out: dict[str, Supplier] = {}
    for sid, name, last_seen in db.execute(
        f"SELECT supplier_id, name, last_seen FROM suppliers WHERE supplier_id IN ({marks})",
        ids,
    ).fetchall():
        out[sid] = Supplier(supplier_id=sid, name=name, last_checked=last_seen)
    for alias, sid in db.execute(
        f"SELECT alias, supplier_id FROM aliases WHERE supplier_id IN ({marks}) ORDER BY alias",
        ids,
    ).fetchall():
        if alias != sid:
            out[sid].aliases.append(alias)
    # Plain tuples, not dicts: this is the hot path of every lookup.
    rows = db.execute(
        "SELECT supplier_id, name, value, raw, source_url, page_kind, extractor, observed_at "
        f"FROM signals_current WHERE supplier_id IN ({marks})",
        ids,
    ).fetchall()
    # Every stored value is one JSON text: one decode of them all as an array, not one call
    # per value (a third of loading a 20-supplier page's suppliers).
    values = json.loads("[" + ",".join(row[2] for row in rows) + "]")
    for (sid, name, _, raw, source_url, page_kind, extractor, observed_at), value in zip(
        rows, values, strict=True
    ):
        out[sid].signals[name] = Signal(
            name=name,
            value=decode_value(name, value),
            source_url=source_url,
            page_kind=page_kind,
            extractor=extractor,
            observed_at=observed_at,
            raw=raw,
        )
    return [out[i] for i in ids if i in out]


def history(db: sqlite_utils.Database, sid: str) -> list[dict[str, Any]]:
    """Every accepted observation of the supplier's signals, oldest first."""
    rows = db.execute_returning_dicts(
        "SELECT s.name, s.value, s.raw, s.source_url, s.page_kind, s.extractor, "
        "s.observed_at, s.capture_id FROM signals s JOIN captures c ON c.id = s.capture_id "
        "WHERE s.supplier_id = ? AND coalesce(c.review, 'accepted') = 'accepted' "
        "ORDER BY s.observed_at, s.id",
        [sid],
    )
    for row in rows:
        row["value"] = json.loads(row["value"])
    return rows


def count_suppliers(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM suppliers").fetchone()[0]


def change_tokens(db: sqlite_utils.Database) -> Iterator[tuple[str, str | None, str]]:
    rows = db.execute(
        "SELECT s.supplier_id, s.name, s.last_seen, "
        "(SELECT max(g.id) FROM signals g WHERE g.supplier_id = s.supplier_id), "
        "(SELECT count(*) FROM aliases a WHERE a.supplier_id = s.supplier_id) "
        "FROM suppliers s"
    )
    for sid, name, last_seen, last_signal, aliases in rows:
        yield sid, last_seen, f"{name}\x1f{last_seen}\x1f{last_signal}\x1f{aliases}"


def captures(db: sqlite_utils.Database, outcome: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, url, kind, outcome, fetched_at, parser, parser_version FROM captures"
    if outcome:
        return db.execute_returning_dicts(sql + " WHERE outcome = ? ORDER BY id", [outcome])
    return db.execute_returning_dicts(sql + " ORDER BY id")


def database_id(db: sqlite_utils.Database) -> str | None:
    try:
        row = db.execute("SELECT value FROM store_meta WHERE key = 'database_id'").fetchone()
    except sqlite3.OperationalError:  # an older schema opened read-only
        return None
    return row[0] if row else None
