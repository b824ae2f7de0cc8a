"""The SQLite store: the single write path, and lookups by any alias.

Signals are append-only (`signals` keeps every observation, one row per capture and signal);
`signals_current` holds the latest known value per supplier and signal so reads stay one query.
A capture whose outcome is not ``ok`` is recorded for the crawl log but never writes signals.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from vetting.model import (
    Capture,
    Listing,
    ParseResult,
    Supplier,
    SupplierObservation,
    encode_value,
    utcnow,
)
from vetting.schema import FETCHED_SOURCES, connect, migrate
from vetting.summary import (
    document_version,
    load_suppliers,
    refresh_stale_summaries,
    write_summaries,
)

__all__ = ["Store", "UnknownSupplier", "connect", "migrate", "normalise_alias", "opened"]

DEFAULT_DB = "vetting.db"
# Sort keys accepted by `Store.search`; unknown values sort last.
SEARCH_SORTS = {
    "name": "name IS NULL, name, supplier_id",
    "-score": "score IS NULL, score DESC, supplier_id",
    "score": "score IS NULL, score, supplier_id",
    "-ta_limit": "ta_limit_amount IS NULL, ta_limit_amount DESC, supplier_id",
    "ta_limit": "ta_limit_amount IS NULL, ta_limit_amount, supplier_id",
    "-last_seen": "last_seen DESC, supplier_id",
}


def default_db_path() -> str:
    return os.environ.get("VETTING_DB") or DEFAULT_DB


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
            refresh_stale_summaries(self.db)

    def close(self) -> None:
        self.db.close()

    # -- writes -------------------------------------------------------------------------------

    def record(
        self,
        result: ParseResult,
        html: bytes | None = None,
        then: Callable[[int], None] | None = None,
    ) -> int:
        """Store one capture; an ``ok`` capture also writes its suppliers, signals and listings.

        ``then(capture_id)`` runs inside the same transaction (the crawl marks its frontier row
        there, so a kill -9 can never leave a recorded page pending or its links unqueued)."""
        cap = result.capture
        if cap.observed_at is None and cap.source in FETCHED_SOURCES:
            # Fetched by this program from Alibaba: seen when fetched (as `parse_page` does).
            cap.observed_at, cap.observed_from = cap.fetched_at, "fetch-time"
        # One explicit transaction (see `migrate`): a kill -9 keeps all of a capture or none.
        with self.db.atomic():
            cap.id = self._insert_capture(cap, html)
            if then is not None:
                then(cap.id)
            if cap.outcome == "ok":
                for obs in result.suppliers:
                    self._write_observation(obs, cap)
                for listing in result.listings:
                    self._write_listing(listing, cap)
                write_summaries(self.db, [obs.supplier_id for obs in result.suppliers])
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
            "observed_at": cap.observed_at,
            "observed_from": cap.observed_from,
            "html_z": zlib.compress(html, 6) if html is not None else None,
        }
        table = self.db.table("captures")
        table.insert(row)
        assert table.last_pk is not None
        return int(table.last_pk)

    def _write_observation(self, obs: SupplierObservation, cap: Capture) -> None:
        sid = obs.supplier_id
        seen = cap.observed_at  # None: the page's date is unknown, never the import time
        self.db.execute(
            "INSERT INTO suppliers (supplier_id, name, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(supplier_id) DO UPDATE SET name = coalesce(excluded.name, name), "
            "first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen "
            "THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END, "
            "last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen "
            "THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END",
            [sid, obs.name, seen, seen],
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
                "observed_at": sig.observed_at or seen,
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
                # An undated value never displaces a dated one; a dated one displaces it.
                "WHERE coalesce(excluded.observed_at, '') >= "
                "coalesce(signals_current.observed_at, '')",
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
            "observed_at": cap.observed_at,
        }
        self.db.table("listings").upsert(row, pk="product_id")

    def redate_capture(self, capture_id: int, observed_at: str, observed_from: str) -> list[str]:
        """Give a stored capture (and its signals and listings) the date its page states, found
        by a later parser; rebuilds the affected suppliers' current values. Returns their ids."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE captures SET observed_at = ?, observed_from = ? WHERE id = ?",
                [observed_at, observed_from, capture_id],
            )
            for table in ("signals", "listings"):
                self.db.execute(
                    f"UPDATE {table} SET observed_at = ? WHERE capture_id = ?",
                    [observed_at, capture_id],
                )
            sids = [
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT supplier_id FROM signals WHERE capture_id = ?", [capture_id]
                )
            ]
            self._rebuild_current(sids)
        return sids

    def _rebuild_current(self, sids: list[str]) -> None:
        """signals_current and first/last seen recomputed from the signal history."""
        columns = "supplier_id, name, value, raw, source_url, page_kind, extractor, "
        columns += "observed_at, capture_id"
        for sid in sids:
            self.db.execute("DELETE FROM signals_current WHERE supplier_id = ?", [sid])
            self.db.execute(
                f"INSERT INTO signals_current ({columns}) SELECT {columns} FROM signals s "
                "WHERE s.supplier_id = ? AND s.id = (SELECT id FROM signals t WHERE "
                "t.supplier_id = s.supplier_id AND t.name = s.name "
                "ORDER BY coalesce(t.observed_at, '') DESC, t.id DESC LIMIT 1)",
                [sid],
            )
            self.db.execute(
                "UPDATE suppliers SET first_seen = (SELECT min(observed_at) FROM signals WHERE "
                "supplier_id = ?1), last_seen = (SELECT max(observed_at) FROM signals WHERE "
                "supplier_id = ?1) WHERE supplier_id = ?1",
                [sid],
            )
        write_summaries(self.db, sids)

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
        return load_suppliers(self.db, ids)

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

    # Search filters: each maps a query value to a WHERE fragment on supplier_summary.
    def search(
        self,
        q: str | None = None,
        grade: str | None = None,
        ta: bool | None | Literal["any"] = "any",
        min_ta_limit: float | None = None,
        verified: bool | None | Literal["any"] = "any",
        sort: str = "name",
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[int, list[Supplier]]:
        """Filtered, sorted page of suppliers and the total count. ``None`` filters unknown."""
        where: list[str] = []
        args: list[Any] = []
        if q:
            pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(name LIKE ? ESCAPE '\\' OR supplier_id IN "
                "(SELECT supplier_id FROM aliases WHERE alias = ?))"
            )
            args += [pattern, normalise_alias(q)]
        if grade == "insufficient":
            where.append("grade IS NULL")
        elif grade:
            where.append("grade = ?")
            args.append(grade)
        for column, wanted in (("trade_assurance", ta), ("verified", verified)):
            if wanted is None:
                where.append(f"{column} IS NULL")
            elif wanted != "any":
                where.append(f"{column} = ?")
                args.append(int(bool(wanted)))
        if min_ta_limit is not None:
            where.append("ta_limit_amount >= ?")
            args.append(min_ta_limit)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.db.execute(f"SELECT count(*) FROM supplier_summary{clause}", args).fetchone()
        order = SEARCH_SORTS[sort]
        ids = [
            r[0]
            for r in self.db.execute(
                f"SELECT supplier_id FROM supplier_summary{clause} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                [*args, limit, offset],
            )
        ]
        return total[0], self._load(ids)

    def documents(self, keys: Iterable[str]) -> dict[str, str]:
        """Stored JSON documents (text) by the alias asked, for those still exact now; callers
        build the others live with `vetting.report.supplier_json`."""
        normal = {k: normalise_alias(k) for k in keys}
        if not normal:
            return {}
        marks = ", ".join("?" for _ in normal)
        found = dict(
            self.db.execute(
                "SELECT a.alias, m.doc FROM aliases a JOIN supplier_summary m "
                f"ON m.supplier_id = a.supplier_id WHERE a.alias IN ({marks}) "
                "AND m.doc_version = ? AND m.doc_valid_until > ?",
                [*normal.values(), document_version(), utcnow()],
            ).fetchall()
        )
        return {k: found[n] for k, n in normal.items() if n in found}

    def rebuild_summaries(self) -> int:
        """Rescore every supplier into supplier_summary (after a bulk load); returns the count."""
        with self.db.conn:
            ids = [r[0] for r in self.db.execute("SELECT supplier_id FROM suppliers")]
            write_summaries(self.db, ids)
        return len(ids)

    def count_suppliers(self) -> int:
        return self.db.execute("SELECT count(*) FROM suppliers").fetchone()[0]

    def change_tokens(self) -> Iterator[tuple[str, str | None, str]]:
        """(supplier_id, last_seen, token) for every supplier; the token changes whenever
        anything stored about the supplier does (signals and aliases are append-only), so the
        site builder can skip unchanged suppliers without loading them."""
        rows = self.db.execute(
            "SELECT s.supplier_id, s.name, s.last_seen, "
            "(SELECT max(g.id) FROM signals g WHERE g.supplier_id = s.supplier_id), "
            "(SELECT count(*) FROM aliases a WHERE a.supplier_id = s.supplier_id) "
            "FROM suppliers s"
        )
        for sid, name, last_seen, last_signal, aliases in rows:
            yield sid, last_seen, f"{name}\x1f{last_seen}\x1f{last_signal}\x1f{aliases}"

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


def normalise_alias(key: str) -> str:
    """`https://Foo.en.alibaba.com/x` → `foo`; digits stay digits; anything else lowercased."""
    # Hardening (issue 8): repeated until stable, so a stored alias always finds itself again
    # ("0 /" → "0 " → "0" took two passes).
    while (once := _normalise_once(key)) != key:
        key = once
    return key


def _normalise_once(key: str) -> str:
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
