"""Each supplier's summary row: score, grade, filter columns and its JSON document.

Written in the same transaction as the signals it summarises (`Store.record`), so search filters
stay indexed and lookups can serve the stored document while it is still exact: made by the same
code (`document_version`) and not past the moment its data turns stale.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from vetting.codeversion import code_version
from vetting.model import Signal, Supplier, decode_value
from vetting.schema import upsert_rows, write_transaction

SUMMARY_BATCH = 500
FOREVER = "9999-12-31T00:00:00+00:00"  # a stored document that no clock can make stale


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


def write_summaries(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Recompute the summary rows (score, grade, filter columns) of the given suppliers."""
    from vetting.scoring import METHODOLOGY_VERSION  # scoring imports the model

    for start in range(0, len(ids), SUMMARY_BATCH):
        rows = []
        for sup in load_suppliers(db, sorted(set(ids[start : start + SUMMARY_BATCH]))):
            limit = sup.value("ta_limit")
            doc, valid_until, score = _document(sup)
            rows.append(
                {
                    "doc": doc,
                    "doc_version": document_version(),
                    "doc_valid_until": valid_until,
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


def document_version() -> str:
    """Changes whenever the code that shapes a supplier document changes (stored documents
    made by other code are never served)."""
    return code_version()


def document(supplier: Supplier) -> tuple[str, str]:
    text, valid_until, _ = _document(supplier)
    return text, valid_until


def _document(supplier: Supplier) -> tuple[str, str, dict[str, Any]]:
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
        return text, FOREVER, doc["score"]
    boundary = max(known) + STALE_AFTER
    if boundary <= now:
        return text, FOREVER, doc["score"]  # already stale: nothing changes until the next write
    before = score_supplier(supplier, now=boundary - timedelta(seconds=1)).to_json()
    if before != doc["score"]:
        return text, now.isoformat(), doc["score"]
    return text, boundary.isoformat(), doc["score"]


def _utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
            write_summaries(db, [r[0] for r in db.execute("SELECT supplier_id FROM suppliers")])


def _tri(value: Any) -> int | None:
    """A tri-state signal as a column: 1, 0, or NULL for unknown (never 0)."""
    return None if value is None else int(bool(value))
