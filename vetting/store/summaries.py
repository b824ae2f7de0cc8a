"""Each supplier's summary row: score, grade, filter columns and its JSON document.

Written in the same transaction as the signals it summarises (`Store.record`), so search filters
stay indexed and lookups can serve the stored document while it is still exact: made by the same
code (`document_version`) and not past the moment its data turns stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from vetting.document import document_version, dump, supplier_document, valid_until
from vetting.ids import normalise_alias
from vetting.model import utcnow
from vetting.store.schema import upsert_rows, write_transaction
from vetting.store.suppliers import load_suppliers, supplier_ids

if TYPE_CHECKING:
    import sqlite_utils

SUMMARY_BATCH = 500


def write_summaries(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Recompute the summary rows (score, grade, filter columns) of the given suppliers."""
    from vetting.scoring import METHODOLOGY_VERSION  # scoring imports the model

    for start in range(0, len(ids), SUMMARY_BATCH):
        rows = []
        for sup in load_suppliers(db, sorted(set(ids[start : start + SUMMARY_BATCH]))):
            limit = sup.value("ta_limit")
            doc = supplier_document(sup)
            score = doc["score"]
            rows.append(
                {
                    "doc": dump(doc),
                    "doc_version": document_version(),
                    "doc_valid_until": valid_until(sup, score),
                    "supplier_id": sup.supplier_id,
                    "name": sup.name,
                    "score": score["value"],
                    "grade": score["grade"],
                    "trade_assurance": _tri(sup.value("trade_assurance")),
                    "ta_limit_amount": None if limit is None else float(limit.amount),
                    "ta_limit_currency": None if limit is None else limit.currency,
                    "verified": _tri(sup.value("verified")),
                    "gold_supplier": _tri(sup.value("gold_supplier")),
                    "last_seen": sup.last_checked,
                    "methodology": METHODOLOGY_VERSION,
                }
            )
        upsert_rows(db, "supplier_summary", rows, pk="supplier_id")


def refresh_stale_summaries(db: sqlite_utils.Database) -> None:
    """Rescore every supplier once when the scoring methodology or the code that builds the
    documents changed (a new weight changes the stored score, not only the served document)."""
    from vetting.scoring import METHODOLOGY_VERSION

    stale = db.execute(
        "SELECT 1 FROM supplier_summary WHERE methodology IS NOT ? OR doc_version IS NOT ? LIMIT 1",
        [METHODOLOGY_VERSION, document_version()],
    ).fetchone()
    if stale:
        with write_transaction(db):
            write_summaries(db, supplier_ids(db))


def _tri(value: Any) -> int | None:
    """A tri-state signal as a column: 1, 0, or NULL for unknown (never 0)."""
    return None if value is None else int(bool(value))


# Sort keys accepted by `search`; unknown values sort last.
SEARCH_SORTS = {
    "name": "name IS NULL, name, supplier_id",
    "-score": "score IS NULL, score DESC, supplier_id",
    "score": "score IS NULL, score, supplier_id",
    "-ta_limit": "ta_limit_amount IS NULL, ta_limit_amount DESC, supplier_id",
    "ta_limit": "ta_limit_amount IS NULL, ta_limit_amount, supplier_id",
    "-last_seen": "last_seen DESC, supplier_id",
}


def search(
    db: sqlite_utils.Database,
    q: str | None = None,
    grade: str | None = None,
    ta: bool | None | Literal["any"] = "any",
    min_ta_limit: float | None = None,
    verified: bool | None | Literal["any"] = "any",
    sort: str = "name",
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[str]]:
    """The total count and one sorted page of supplier ids matching the filters (each filter
    is a WHERE fragment on supplier_summary; ``None`` matches unknown)."""
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
    total = db.execute(f"SELECT count(*) FROM supplier_summary{clause}", args).fetchone()
    order = SEARCH_SORTS[sort]
    ids = [
        r[0]
        for r in db.execute(
            f"SELECT supplier_id FROM supplier_summary{clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
    ]
    return total[0], ids


def stored_documents(db: sqlite_utils.Database, keys: Iterable[str]) -> dict[str, str]:
    """Stored JSON documents (text) by the alias asked, for those still exact now."""
    normal = {k: normalise_alias(k) for k in keys}
    if not normal:
        return {}
    marks = ", ".join("?" for _ in normal)
    found = dict(
        db.execute(
            "SELECT a.alias, m.doc FROM aliases a JOIN supplier_summary m "
            f"ON m.supplier_id = a.supplier_id WHERE a.alias IN ({marks}) "
            "AND m.doc_version = ? AND m.doc_valid_until > ?",
            [*normal.values(), document_version(), utcnow()],
        ).fetchall()
    )
    return {k: found[n] for k, n in normal.items() if n in found}
