"""The SQLite store: the single write path and every query of the vetting database.

A package, one module per concern: `schema` (connections, migrations, transactions),
`suppliers` (suppliers, aliases, signals, listings, history), `summaries` (the summary rows and
stored documents), `contributions`, `frontier` (the crawl frontier), `pages` (stored raw pages,
for reparse) and `writer` (the distributed writer's queries). Callers use `Store` and the
functions of those modules that take one; none writes SQL of its own.

A capture whose outcome is not ``ok`` is recorded for the crawl log but never writes signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from vetting import config
from vetting.compression import compress_html
from vetting.contributions import ACCEPTED, FLAGGED, implausible
from vetting.document import dump, supplier_document
from vetting.ids import normalise_alias
from vetting.model import ParseResult, Supplier
from vetting.store import contributions, summaries, suppliers
from vetting.store.schema import (
    FETCHED_SOURCES,
    DatabaseBusy,
    DatabaseUnusable,
    check_initialised,
    connect,
    integrity_problem,
    migrate,
    write_transaction,
)
from vetting.store.summaries import SEARCH_SORTS, refresh_stale_summaries, write_summaries

__all__ = [
    "SEARCH_SORTS",
    "DatabaseBusy",
    "DatabaseUnusable",
    "Store",
    "UnknownSupplier",
    "connect",
    "default_db_path",
    "migrate",
    "normalise_alias",
    "opened",
    "write_transaction",
]

DEFAULT_DB = "vetting.db"


def default_db_path() -> str:
    return config.get(config.DB) or DEFAULT_DB


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
        if readonly:
            try:
                check_initialised(self.db, self.path)
            except BaseException:
                self.db.close()
                raise
        else:
            migrate(self.db)
            refresh_stale_summaries(self.db)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One all-or-nothing write holding the write lock (see `schema.write_transaction`)."""
        with write_transaction(self.db):
            yield self

    # -- writes -------------------------------------------------------------------------------

    def record(
        self,
        result: ParseResult,
        html: bytes | None = None,
        then: Callable[[int], None] | None = None,
        html_z: bytes | None = None,
    ) -> int:
        """Store one capture; an ``ok`` capture also writes its suppliers, signals and listings.

        The page's raw bytes are kept compressed: ``html``, or ``html_z`` when the caller has
        compressed them already (`vetting.compression`).

        ``then(capture_id)`` runs inside the same transaction (the crawl marks its frontier row
        there, so a kill -9 can never leave a recorded page pending or its links unqueued)."""
        cap = result.capture
        if cap.observed_at is None and cap.source in FETCHED_SOURCES:
            # Fetched by this program from Alibaba: seen when fetched (as `parse_page` does).
            cap.observed_at, cap.observed_from = cap.fetched_at, "fetch-time"
        contributed = cap.contributor is not None
        # One explicit transaction holding the write lock from its start (see
        # `write_transaction`): a kill -9 keeps all of a capture or none, and concurrent
        # writers wait their turn instead of failing.
        with write_transaction(self.db):
            reasons = self._review(result) if contributed and cap.outcome == "ok" else []
            if html_z is None and html is not None:
                html_z = compress_html(html)
            cap.id = suppliers.insert_capture(self.db, cap, html_z, reasons)
            if then is not None:
                then(cap.id)
            if cap.outcome == "ok":
                suppliers.write_observations(self.db, result.suppliers, cap)
                if not contributed:  # a contribution never rewrites listings
                    suppliers.write_listings(self.db, result.listings, cap)
                sids = [obs.supplier_id for obs in result.suppliers]
                if contributed:  # crawled values stay the shown ones
                    contributions.recompute_current(self.db, sids)
                write_summaries(self.db, sids)
        assert cap.id is not None
        return cap.id

    def _review(self, result: ParseResult) -> list[str]:
        """Plausibility of a contribution against what is shown now (sets ``review``)."""
        shown = self.get_many([obs.supplier_id for obs in result.suppliers])
        reasons = [
            r for obs in result.suppliers for r in implausible(shown.get(obs.supplier_id), obs)
        ]
        result.capture.review = FLAGGED if reasons else ACCEPTED
        return reasons

    def redate_capture(self, capture_id: int, observed_at: str, observed_from: str) -> list[str]:
        """Give a stored capture (and its signals and listings) the date its page states, found
        by a later parser; rebuilds the affected suppliers' current values. Returns their ids."""
        with self.db.atomic():
            sids = suppliers.redate_capture(self.db, capture_id, observed_at, observed_from)
            suppliers.rebuild_current(self.db, sids)
            write_summaries(self.db, sids)
        return sids

    def rebuild_summaries(self) -> int:
        """Rescore every supplier into supplier_summary (after a bulk load); returns the count."""
        with write_transaction(self.db):
            ids = suppliers.supplier_ids(self.db)
            write_summaries(self.db, ids)
        return len(ids)

    def revoke_contributions(self, key_id: str) -> tuple[int, list[str]]:
        """Revoke every contribution of the key and rescore what it touched; returns (captures
        revoked, suppliers affected)."""
        with write_transaction(self.db):
            count, sids = contributions.revoke(self.db, key_id)
            write_summaries(self.db, sids)
        return count, sids

    # -- reads --------------------------------------------------------------------------------

    def resolve(self, key: str) -> str | None:
        """Canonical supplier id for any alias (companyId, subdomain, member id, host, URL)."""
        return suppliers.resolve(self.db, key)

    def get(self, key: str) -> Supplier:
        found = self.get_many([key])
        if key not in found:
            raise UnknownSupplier(key)
        return found[key]

    def get_many(self, keys: Iterable[str]) -> dict[str, Supplier]:
        """Suppliers for the given aliases, keyed by the alias asked; unknown keys are absent."""
        normal = {k: normalise_alias(k) for k in keys}
        if not normal:
            return {}
        id_of = suppliers.ids_by_alias(self.db, normal.values())
        ids = sorted(set(id_of.values()))
        found = {s.supplier_id: s for s in self._load(ids)}
        return {k: found[id_of[n]] for k, n in normal.items() if n in id_of}

    def iter_suppliers(self, batch: int = 500) -> Iterator[Supplier]:
        last = ""
        while ids := suppliers.supplier_ids_after(self.db, last, batch):
            yield from self._load(ids)
            last = ids[-1]

    def _load(self, ids: list[str]) -> list[Supplier]:
        return suppliers.load_suppliers(self.db, ids)

    def subdomain(self, key: str) -> str | None:
        """A known storefront subdomain of the supplier ``key`` names (None: none known)."""
        sid = self.resolve(key)
        return None if sid is None else suppliers.subdomain_of(self.db, sid)

    def history(self, key: str) -> list[dict[str, Any]]:
        """Every observation of the supplier's signals, oldest first."""
        sid = self.resolve(key)
        if sid is None:
            raise UnknownSupplier(key)
        return suppliers.history(self.db, sid)

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
        total, ids = summaries.search(
            self.db, q, grade, ta, min_ta_limit, verified, sort, limit, offset
        )
        return total, self._load(ids)

    def documents(self, keys: Iterable[str]) -> dict[str, str]:
        """Stored JSON documents (text) by the alias asked, for those still exact now; callers
        build the others live with `vetting.document.supplier_document`."""
        return summaries.stored_documents(self.db, keys)

    def document_texts(self, keys: list[str]) -> dict[str, str]:
        """JSON text of each known supplier by the key asked: the stored document where it is
        still exact, else built now (the same `supplier_document`, serialised the same way)."""
        docs = self.documents(keys)
        missing = [k for k in dict.fromkeys(keys) if k not in docs]
        for key, supplier in self.get_many(missing).items():
            docs[key] = dump(supplier_document(supplier))
        return docs

    def contributions(self) -> list[dict[str, Any]]:
        """Per key id: how many contributions, by review status, and when."""
        return contributions.list_contributions(self.db)

    def database_id(self) -> str | None:
        """The random id this database was created with (None before that migration ran)."""
        return suppliers.database_id(self.db)

    def integrity_problem(self) -> str | None:
        """SQLite's quick check: None when the file is sound, else the first problem."""
        return integrity_problem(self.db)

    def count_suppliers(self) -> int:
        return suppliers.count_suppliers(self.db)

    def change_tokens(self) -> Iterator[tuple[str, str | None, str]]:
        """(supplier_id, last_seen, token) for every supplier; the token changes whenever
        anything stored about the supplier does (signals and aliases are append-only), so the
        site builder can skip unchanged suppliers without loading them."""
        return suppliers.change_tokens(self.db)

    def captures(self, outcome: str | None = None) -> list[dict[str, Any]]:
        return suppliers.captures(self.db, outcome)


@contextmanager
def opened(path: str | Path | None = None, readonly: bool = False) -> Iterator[Store]:
    store = Store(path, readonly=readonly)
    try:
        yield store
    finally:
        store.close()
