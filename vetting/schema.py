"""The database schema as sqlite-utils migrations, and how connections are opened.

Append only: a released migration is never edited; a schema change is a new function. The version
is the number of applied migrations, kept in ``PRAGMA user_version``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 5000


def _m001_initial(db: sqlite_utils.Database) -> None:
    db.table("suppliers").create(
        {"supplier_id": str, "name": str, "first_seen": str, "last_seen": str},
        pk="supplier_id",
    )
    db.table("aliases").create({"alias": str, "supplier_id": str, "kind": str}, pk="alias")
    db.table("aliases").create_index(["supplier_id"])
    db.table("captures").create(
        {
            "id": int,
            "url": str,
            "kind": str,
            "outcome": str,
            "fetched_at": str,
            "http_status": int,
            "parser": str,
            "parser_version": int,
            "content_hash": str,
            "source": str,
            "message": str,
            "html_z": bytes,
        },
        pk="id",
    )
    db.table("captures").create_index(["url"])
    signal_columns = {
        "supplier_id": str,
        "name": str,
        "value": str,
        "raw": str,
        "source_url": str,
        "page_kind": str,
        "extractor": str,
        "observed_at": str,
        "capture_id": int,
    }
    db.table("signals").create({"id": int, **signal_columns}, pk="id")
    db.table("signals").create_index(["supplier_id", "name", "observed_at"])
    db.table("signals_current").create(signal_columns, pk=("supplier_id", "name"))
    db.table("listings").create(
        {
            "product_id": str,
            "supplier_id": str,
            "title": str,
            "url": str,
            "price_min": str,
            "price_max": str,
            "currency": str,
            "moq": int,
            "moq_unit": str,
            "capture_id": int,
            "observed_at": str,
        },
        pk="product_id",
    )
    db.table("listings").create_index(["supplier_id"])


def _m002_supplier_summary(db: sqlite_utils.Database) -> None:
    """One row per supplier with its score and filterable signals, so search stays indexed."""
    table = db.table("supplier_summary")
    table.create(
        {
            "supplier_id": str,
            "name": str,
            "score": int,
            "grade": str,
            "trade_assurance": int,
            "ta_limit_amount": float,
            "ta_limit_currency": str,
            "verified": int,
            "gold_supplier": int,
            "last_seen": str,
            "methodology": str,
        },
        pk="supplier_id",
    )
    for columns in (["grade"], ["score"], ["ta_limit_amount"], ["name"], ["last_seen"]):
        table.create_index(columns)
    # Filled by _m_supplier_documents, which adds the document columns first.


def _m_crawl_frontier(db: sqlite_utils.Database) -> None:
    """The crawl frontier: one row per (crawl, url), so a killed crawl resumes where it stopped."""
    table = db.table("crawl_frontier")
    table.create(
        {
            "id": int,
            "crawl": str,
            "url": str,
            "kind": str,
            "depth": int,
            "status": str,  # pending, done, blocked, failed, disallowed
            "outcome": str,
            "attempts": int,
            "capture_id": int,
            "message": str,
            "added_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"crawl", "url", "status"},
        defaults={"status": "pending", "attempts": 0, "depth": 0},
    )
    table.create_index(["crawl", "url"], unique=True)
    table.create_index(["crawl", "status", "id"])


def _m_supplier_documents(db: sqlite_utils.Database) -> None:
    """Each supplier's JSON document as of its last write, served while still exact; fills the
    summary table (score, grade, filter columns) for every supplier."""
    for column in ("doc", "doc_version", "doc_valid_until"):
        db.execute(f"ALTER TABLE supplier_summary ADD COLUMN {column} TEXT")
    from vetting.summary import write_summaries  # the summary module needs the schema

    write_summaries(db, [r[0] for r in db.execute("SELECT supplier_id FROM suppliers")])


# Sources whose ``fetched_at`` is when this program fetched the page from Alibaba (so it is an
# observation time); every other source (import, extension, demo) got the bytes from a file or
# a person, so its ``fetched_at`` is only when they reached us.
FETCHED_SOURCES = ("scrape", "cache")


def _m_capture_dates(db: sqlite_utils.Database) -> None:
    """When a page was seen is its own column (``observed_at``, NULL = unknown, with who says so
    in ``observed_from``); ``fetched_at`` stays when the bytes reached us. Signals and listings
    from captures that were not fetched lose the import time they carried as an observation
    time: unknown until ``vet reparse`` reads the page's own date."""
    for column in ("observed_at", "observed_from"):
        db.execute(f"ALTER TABLE captures ADD COLUMN {column} TEXT")
    marks = ", ".join("?" for _ in FETCHED_SOURCES)
    db.execute(
        "UPDATE captures SET observed_at = fetched_at, observed_from = 'fetch-time' "
        f"WHERE source IN ({marks}) AND outcome = 'ok'",
        list(FETCHED_SOURCES),
    )
    undated = "SELECT id FROM captures WHERE observed_at IS NULL"
    for table in ("signals", "signals_current", "listings"):
        db.execute(f"UPDATE {table} SET observed_at = NULL WHERE capture_id IN ({undated})")
    db.execute(
        "UPDATE suppliers SET last_seen = (SELECT max(observed_at) FROM signals "
        "WHERE signals.supplier_id = suppliers.supplier_id), first_seen = (SELECT "
        "min(observed_at) FROM signals WHERE signals.supplier_id = suppliers.supplier_id)"
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m001_initial,
    _m002_supplier_summary,
    _m_crawl_frontier,
    _m_supplier_documents,
    _m_capture_dates,
]


def connect(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database (WAL, busy timeout). Read-only connections never take write locks."""
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db = sqlite_utils.Database(conn)
    if not readonly:
        db.enable_wal()
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations; returns the schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        # atomic(), not `with db.conn`: sqlite-utils 4 commits each write made outside an explicit
        # transaction, so only BEGIN...COMMIT makes a step all-or-nothing (hardening, issue 8).
        with db.atomic():
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)
