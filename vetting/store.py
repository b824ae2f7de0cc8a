"""The SQLite store: schema migrations, the single write path, and lookups by any alias.

Signals are append-only (`signals` keeps every observation, one row per capture and signal);
`signals_current` holds the latest known value per supplier and signal so reads stay one query.
A capture whose outcome is not ``ok`` is recorded for the crawl log but never writes signals.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

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
SUMMARY_BATCH = 500
FOREVER = "9999-12-31T00:00:00+00:00"  # a stored document that no clock can make stale
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
    _write_summaries(db, [r[0] for r in db.execute("SELECT supplier_id FROM suppliers")])


# Append only: a released migration is never edited; a schema change is a new function.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m001_initial,
    _m002_supplier_summary,
    _m_crawl_frontier,
    _m_supplier_documents,
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
            _refresh_stale_summaries(self.db)

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
                _write_summaries(self.db, [obs.supplier_id for obs in result.suppliers])
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
        return _load_suppliers(self.db, ids)

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
            _write_summaries(self.db, ids)
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


def _load_suppliers(db: sqlite_utils.Database, ids: list[str]) -> list[Supplier]:
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
    for sid, name, value, raw, source_url, page_kind, extractor, observed_at in db.execute(
        "SELECT supplier_id, name, value, raw, source_url, page_kind, extractor, observed_at "
        f"FROM signals_current WHERE supplier_id IN ({marks})",
        ids,
    ).fetchall():
        out[sid].signals[name] = Signal(
            name=name,
            value=decode_value(name, json.loads(value)),
            source_url=source_url,
            page_kind=page_kind,
            extractor=extractor,
            observed_at=observed_at,
            raw=raw,
        )
    return [out[i] for i in ids if i in out]


def _write_summaries(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Recompute the summary rows (score, grade, filter columns) of the given suppliers."""
    from vetting.scoring import METHODOLOGY_VERSION, score_supplier  # scoring imports the model

    for start in range(0, len(ids), SUMMARY_BATCH):
        rows = []
        for sup in _load_suppliers(db, sorted(set(ids[start : start + SUMMARY_BATCH]))):
            score = score_supplier(sup)
            limit = sup.value("ta_limit")
            doc, valid_until = _document(sup)
            rows.append(
                {
                    "doc": doc,
                    "doc_version": document_version(),
                    "doc_valid_until": valid_until,
                    "supplier_id": sup.supplier_id,
                    "name": sup.name,
                    "score": score.value,
                    "grade": score.grade,
                    "trade_assurance": _tri(sup.value("trade_assurance")),
                    "ta_limit_amount": None if limit is None else float(limit.amount),
                    "ta_limit_currency": None if limit is None else limit.currency,
                    "verified": _tri(sup.value("verified")),
                    "gold_supplier": _tri(sup.value("gold_supplier")),
                    "last_seen": sup.last_checked,
                    "methodology": METHODOLOGY_VERSION,
                }
            )
        if rows:
            db.table("supplier_summary").upsert_all(rows, pk="supplier_id")


@cache
def document_version() -> str:
    """Changes whenever the code that shapes a supplier document changes (stored documents
    made by other code are never served)."""
    from vetting import model, report, scoring, scoring_rules

    digest = hashlib.sha256()
    for module in (model, report, scoring, scoring_rules):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def _document(supplier: Supplier) -> tuple[str, str]:
    """(the supplier's JSON document now, until when it stays exact).

    The document depends on time only through the score's staleness rule: when the score just
    before the data turns stale equals the score now, the document holds until then; otherwise
    it is never served from the store (valid until now) and readers build it live.
    """
    from vetting.report import supplier_json
    from vetting.scoring import score_supplier
    from vetting.scoring_rules import STALE_AFTER

    now = datetime.now(UTC).replace(microsecond=0)
    doc = supplier_json(supplier)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    seen = [supplier.last_checked] if supplier.last_checked else []
    seen = seen or [s.observed_at for s in supplier.signals.values() if s.observed_at]
    known = [t for t in (_utc(stamp) for stamp in seen if stamp) if t is not None]
    if not known:
        return text, FOREVER
    boundary = max(known) + STALE_AFTER
    if boundary <= now:
        return text, FOREVER  # already stale: nothing changes until the next write
    before = score_supplier(supplier, now=boundary - timedelta(seconds=1)).to_json()
    if before != doc["score"]:
        return text, now.isoformat()
    return text, boundary.isoformat()


def _utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _refresh_stale_summaries(db: sqlite_utils.Database) -> None:
    """Rescore every supplier once when the scoring methodology version changed."""
    from vetting.scoring import METHODOLOGY_VERSION

    stale = db.execute(
        "SELECT 1 FROM supplier_summary WHERE methodology IS NOT ? LIMIT 1", [METHODOLOGY_VERSION]
    ).fetchone()
    if stale:
        with db.conn:
            _write_summaries(db, [r[0] for r in db.execute("SELECT supplier_id FROM suppliers")])


def _tri(value: Any) -> int | None:
    """A tri-state signal as a column: 1, 0, or NULL for unknown (never 0)."""
    return None if value is None else int(bool(value))


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
