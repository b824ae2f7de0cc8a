"""The SQLite store: schema migrations, the single write path, and lookups by any alias.

Signals are append-only (`signals` keeps every observation, one row per capture and signal);
`signals_current` holds the latest known value per supplier and signal so reads stay one query.
A capture whose outcome is not ``ok`` is recorded for the crawl log but never writes signals.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from vetting.model import (
    Capture,
    Listing,
    ParseResult,
    Signal,
    Supplier,
    SupplierObservation,
    decode_value,
    encode_value,
    utcnow,
)

DEFAULT_DB = "vetting.db"
BUSY_TIMEOUT_MS = 5000


def default_db_path() -> str:
    return os.environ.get("VETTING_DB") or DEFAULT_DB


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


# Append only: a released migration is never edited; a schema change is a new function.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_m001_initial]


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
        with db.conn:
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)


class UnknownSupplier(LookupError):
    def __init__(self, key: str):
        super().__init__(f"unknown supplier: {key}")
        self.key = key


class Store:
    """All reads and writes of the vetting database go through here."""

    def __init__(self, path: str | Path | None = None, readonly: bool = False):
        self.path = str(path or default_db_path())
        if readonly and not Path(self.path).exists():
            raise FileNotFoundError(f"database not found: {self.path}")
        self.db = connect(self.path, readonly=readonly)
        if not readonly:
            migrate(self.db)

    def close(self) -> None:
        self.db.close()

    # -- writes -------------------------------------------------------------------------------

    def record(self, result: ParseResult, html: bytes | None = None) -> int:
        """Store one capture; an ``ok`` capture also writes its suppliers, signals and listings."""
        cap = result.capture
        with self.db.conn:
            cap.id = self._insert_capture(cap, html)
            if cap.outcome == "ok":
                for obs in result.suppliers:
                    self._write_observation(obs, cap)
                for listing in result.listings:
                    self._write_listing(listing, cap)
        assert cap.id is not None
        return cap.id

    def _insert_capture(self, cap: Capture, html: bytes | None) -> int:
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
            "html_z": zlib.compress(html, 6) if html is not None else None,
        }
        table = self.db.table("captures")
        table.insert(row)
        assert table.last_pk is not None
        return int(table.last_pk)

    def _write_observation(self, obs: SupplierObservation, cap: Capture) -> None:
        sid = obs.supplier_id
        now = cap.fetched_at or utcnow()
        self.db.execute(
            "INSERT INTO suppliers (supplier_id, name, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(supplier_id) DO UPDATE SET name = coalesce(excluded.name, name), "
            "last_seen = max(last_seen, excluded.last_seen)",
            [sid, obs.name, now, now],
        )
        aliases = {sid: "company_id" if sid.isdigit() else "subdomain", **obs.aliases}
        for alias, kind in aliases.items():
            self.db.execute(
                "INSERT OR IGNORE INTO aliases (alias, supplier_id, kind) VALUES (?, ?, ?)",
                [normalise_alias(alias), sid, kind],
            )
        for sig in obs.signals:
            if sig.value is None:
                continue  # unknown is the absence of a row, so it never overwrites a known value
            row = {
                "supplier_id": sid,
                "name": sig.name,
                "value": json.dumps(encode_value(sig.value), ensure_ascii=False),
                "raw": sig.raw,
                "source_url": sig.source_url,
                "page_kind": sig.page_kind,
                "extractor": sig.extractor,
                "observed_at": sig.observed_at or now,
                "capture_id": cap.id,
            }
            self.db.table("signals").insert(row)
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            updates = ", ".join(
                f"{c} = excluded.{c}" for c in row if c not in ("supplier_id", "name")
            )
            self.db.execute(
                f"INSERT INTO signals_current ({cols}) VALUES ({marks}) "
                f"ON CONFLICT(supplier_id, name) DO UPDATE SET {updates} "
                "WHERE excluded.observed_at >= signals_current.observed_at",
                list(row.values()),
            )

    def _write_listing(self, listing: Listing, cap: Capture) -> None:
        row = {
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
            "observed_at": cap.fetched_at,
        }
        self.db.table("listings").upsert(row, pk="product_id")

    # -- reads --------------------------------------------------------------------------------

    def resolve(self, key: str) -> str | None:
        """Canonical supplier id for any alias (companyId, subdomain, member id, host, URL)."""
        row = self.db.execute(
            "SELECT supplier_id FROM aliases WHERE alias = ?", [normalise_alias(key)]
        ).fetchone()
        return row[0] if row else None

    def get(self, key: str) -> Supplier:
        found = self.get_many([key])
        if key not in found:
            raise UnknownSupplier(key)
        return found[key]

    def get_many(self, keys: Iterable[str]) -> dict[str, Supplier]:
        """Suppliers for the given aliases, keyed by the alias asked; unknown keys are absent."""
        keys = list(keys)
        if not keys:
            return {}
        normal = {k: normalise_alias(k) for k in keys}
        marks = ", ".join("?" for _ in normal)
        id_of = dict(
            self.db.execute(
                f"SELECT alias, supplier_id FROM aliases WHERE alias IN ({marks})",
                list(normal.values()),
            ).fetchall()
        )
        ids = sorted(set(id_of.values()))
        suppliers = {s.supplier_id: s for s in self._load(ids)}
        return {k: suppliers[id_of[n]] for k, n in normal.items() if n in id_of}

    def iter_suppliers(self, batch: int = 500) -> Iterator[Supplier]:
        last = ""
        while True:
            ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT supplier_id FROM suppliers WHERE supplier_id > ? "
                    "ORDER BY supplier_id LIMIT ?",
                    [last, batch],
                ).fetchall()
            ]
            if not ids:
                return
            yield from self._load(ids)
            last = ids[-1]

    def _load(self, ids: list[str]) -> list[Supplier]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        out: dict[str, Supplier] = {}
        for sid, name, last_seen in self.db.execute(
            f"SELECT supplier_id, name, last_seen FROM suppliers WHERE supplier_id IN ({marks})",
            ids,
        ).fetchall():
            out[sid] = Supplier(supplier_id=sid, name=name, last_checked=last_seen)
        for alias, sid in self.db.execute(
            f"SELECT alias, supplier_id FROM aliases WHERE supplier_id IN ({marks}) ORDER BY alias",
            ids,
        ).fetchall():
            if alias != sid:
                out[sid].aliases.append(alias)
        for row in self.db.execute_returning_dicts(
            f"SELECT * FROM signals_current WHERE supplier_id IN ({marks})", ids
        ):
            out[row["supplier_id"]].signals[row["name"]] = _signal_from_row(row)
        return [out[i] for i in ids if i in out]

    def history(self, key: str) -> list[dict[str, Any]]:
        """Every observation of the supplier's signals, oldest first."""
        sid = self.resolve(key)
        if sid is None:
            raise UnknownSupplier(key)
        rows = self.db.execute_returning_dicts(
            "SELECT name, value, raw, source_url, page_kind, extractor, observed_at, capture_id "
            "FROM signals WHERE supplier_id = ? ORDER BY observed_at, id",
            [sid],
        )
        for row in rows:
            row["value"] = json.loads(row["value"])
        return rows

    def count_suppliers(self) -> int:
        return self.db.execute("SELECT count(*) FROM suppliers").fetchone()[0]

    def captures(self, outcome: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, url, kind, outcome, fetched_at, parser, parser_version FROM captures"
        if outcome:
            return self.db.execute_returning_dicts(
                sql + " WHERE outcome = ? ORDER BY id", [outcome]
            )
        return self.db.execute_returning_dicts(sql + " ORDER BY id")

    def listings_of(self, supplier_id: str) -> list[dict[str, Any]]:
        return self.db.execute_returning_dicts(
            "SELECT * FROM listings WHERE supplier_id = ? ORDER BY product_id", [supplier_id]
        )


def _signal_from_row(row: dict[str, Any]) -> Signal:
    return Signal(
        name=row["name"],
        value=decode_value(row["name"], json.loads(row["value"])),
        source_url=row["source_url"],
        page_kind=row["page_kind"],
        extractor=row["extractor"],
        observed_at=row["observed_at"],
        raw=row["raw"],
    )


def normalise_alias(key: str) -> str:
    """`https://Foo.en.alibaba.com/x` → `foo`; digits stay digits; anything else lowercased."""
    key = key.strip().lower()
    for prefix in ("https://", "http://"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    key = key.split("/", 1)[0]
    for suffix in (".m.en.alibaba.com", ".en.alibaba.com", ".trustpass.alibaba.com"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


@contextmanager
def opened(path: str | Path | None = None, readonly: bool = False) -> Iterator[Store]:
    store = Store(path, readonly=readonly)
    try:
        yield store
    finally:
        store.close()
