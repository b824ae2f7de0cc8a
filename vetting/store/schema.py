"""The database schema as sqlite-utils migrations, and how connections are opened.

Append only: a released migration is never edited; a schema change is a new function. The version
is the number of applied migrations, kept in ``PRAGMA user_version``.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a writable database is opened: reads never need it
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000  # SQLite's own wait for a lock, per statement
# A writer waits at most this long in total for the write lock (below gunicorn's 30 s worker
# timeout), then gives up with `DatabaseBusy`; it never drops its write silently.
WRITE_WAIT_S = 20.0
_RETRY_FIRST_S, _RETRY_MAX_S = 0.01, 0.5


class DatabaseUnusable(sqlite3.DatabaseError):
    """The file opens but holds no vetting database (0 bytes, never initialised) or is corrupt."""


class DatabaseBusy(sqlite3.OperationalError):
    """The write lock stayed taken for `WRITE_WAIT_S`: nothing was written, try again later."""


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
    """Each supplier's JSON document as of its last write, served while still exact.

    A migration never calls today's application code (it would change meaning the day that code
    changes): every supplier gets an empty summary row with no methodology, which the store's
    start-up refresh (`summary.refresh_stale_summaries`) finds stale and fills."""
    for column in ("doc", "doc_version", "doc_valid_until"):
        db.execute(f"ALTER TABLE supplier_summary ADD COLUMN {column} TEXT")
    db.execute(
        "INSERT OR IGNORE INTO supplier_summary (supplier_id) SELECT supplier_id FROM suppliers"
    )


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


def _m_database_identity(db: sqlite_utils.Database) -> None:
    """A random id made when the database is created, so a site built from it can tell it from
    another database at the same path (the publish manifest is bound to it)."""
    import uuid

    db.table("store_meta").create({"key": str, "value": str}, pk="key")
    db.table("store_meta").insert({"key": "database_id", "value": uuid.uuid4().hex})


def _m_contributions(db: sqlite_utils.Database) -> None:
    """Contributed captures carry their key's id and a review (accepted / flagged / revoked,
    with the reason); see vetting.contributions."""
    for column in ("contributor", "review", "review_reason"):
        db.execute(f"ALTER TABLE captures ADD COLUMN {column} TEXT")
    db.table("captures").create_index(["contributor"])


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m001_initial,
    _m002_supplier_summary,
    _m_crawl_frontier,
    _m_supplier_documents,
    _m_capture_dates,
    _m_database_identity,
    _m_contributions,
]


class ReadOnlyDatabase:
    """What read-only stores use of sqlite-utils' Database, on a plain connection: importing
    sqlite-utils (and its dateutil, pluggy, click) was half of a `vet show`."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters if parameters is not None else ())

    def execute_returning_dicts(self, sql: str, parameters: Any = None) -> list[dict[str, Any]]:
        cur = self.execute(sql, parameters)
        keys = [d[0] for d in cur.description or ()]
        return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]

    @contextmanager
    def atomic(self) -> Iterator[ReadOnlyDatabase]:
        """A write attempted here fails as SQLite's "attempt to write a readonly database"."""
        with self.conn:
            yield self

    def close(self) -> None:
        self.conn.close()


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _retry_busy(action: Callable[[], object], what: str) -> None:
    """Run ``action`` until it no longer finds the database locked, at most `WRITE_WAIT_S`."""
    wait_s = WRITE_WAIT_S
    deadline = time.monotonic() + wait_s
    delay = _RETRY_FIRST_S
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"database is busy: another writer held the lock for {wait_s:.0f} s "
                    f"({what}); nothing was written, try again"
                ) from exc
        time.sleep(delay * (1 + random.random()))
        delay = min(delay * 2, _RETRY_MAX_S)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One all-or-nothing write that takes the write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads first and writes later cannot upgrade its lock once
    another writer committed in between (WAL answers SQLITE_BUSY at once, no waiting), which
    lost concurrent captures as "database is locked". Taking the lock first makes a writer wait
    its turn (bounded, `DatabaseBusy` after `WRITE_WAIT_S`). Nested use is a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    _retry_busy(lambda: db.conn.execute("BEGIN IMMEDIATE"), "waiting to write")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


WAL_CHECKPOINT_PAGES = 4000


def connect(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database (WAL, busy timeout). Read-only connections never take write locks."""
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        return ReadOnlyDatabase(conn)  # type: ignore[return-value]  # the read subset
    import sqlite_utils

    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    db = sqlite_utils.Database(conn, execute_plugins=False)  # no plugins: skips an entry-point scan
    _retry_busy(db.enable_wal, "switching to WAL")
    # In WAL mode NORMAL never corrupts and a killed process loses no commit; only a power
    # cut may drop the last commits. FULL's fsync on every commit was a third of an import.
    conn.execute("PRAGMA synchronous = NORMAL")
    # NORMAL's only fsyncs are at checkpoints, ~20 ms each here against ~3 ms of copying; the
    # default (one per 1,000 pages = 4 MB of WAL) came every second round of importing the 12
    # real pages. 4,000 pages (16 MB) makes a bulk import pay a quarter as many.
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    return db


def insert_row(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    """INSERT one row; returns its rowid. Plain SQL: sqlite-utils' insert() re-reads the table
    list and rebuilds the statement on every call, which was most of a page import's writes.
    Table and column names come from this code, never from input."""
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = db.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
    assert cur.lastrowid is not None
    return cur.lastrowid


def upsert_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]], pk: str) -> None:
    """Insert, or update every given column of the row with the same ``pk`` (sqlite-utils'
    upsert semantics), all rows sharing the first row's columns."""
    if not rows:
        return
    cols = list(rows[0])
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != pk)
    sql = (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
        f"ON CONFLICT({pk}) DO UPDATE SET {updates}"
    )
    db.conn.executemany(sql, [[row[c] for c in cols] for row in rows])


def check_initialised(db: sqlite_utils.Database, path: str | Path) -> None:
    """A read-only open of a file without the schema (a 0-byte file opens as an empty
    database) fails here with what is wrong, rather than later with "no such table"."""
    if db.execute("PRAGMA user_version").fetchone()[0] == 0:
        raise DatabaseUnusable(
            f"database {str(path)!r} is empty (no vetting data): import pages into it first "
            "(vet --db PATH import PAGE.html)"
        )


def integrity_problem(db: sqlite_utils.Database) -> str | None:
    """None when SQLite's quick check passes, else its first complaint."""
    try:
        rows = db.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = rows[0][0] if rows else "no answer"
    return None if first == "ok" else str(first)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations; returns the schema version."""
    while db.execute("PRAGMA user_version").fetchone()[0] < len(MIGRATIONS):
        # An explicit transaction, not `with db.conn`: sqlite-utils 4 commits each write made
        # outside one, so only BEGIN...COMMIT makes a step all-or-nothing. The version is read
        # again under the write lock: another process may have migrated meanwhile.
        with write_transaction(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < len(MIGRATIONS):
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")
    return len(MIGRATIONS)
