"""The supplier document: the one JSON shape of a supplier used by the CLI (--json, show,
score, check-order), the API, the site builder's JSON mirror and the stored summaries.

`supplier_document` builds it; `dump` serialises it (compactly, as it is stored and served);
`valid_until` says how long a stored copy stays exact; `document_version` names the code that
built it (stored documents made by other code are never served).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from vetting.codeversion import code_version
from vetting.dates import read_timestamp
from vetting.model import SIGNALS, Supplier
from vetting.orders import Order, check_order
from vetting.scoring import score_supplier
from vetting.scoring_rules import STALE_AFTER

FOREVER = "9999-12-31T00:00:00+00:00"  # a stored document that no clock can make stale


def supplier_document(
    supplier: Supplier,
    order_value: Decimal | None = None,
    currency: str = "USD",
    order: Order | None = None,
) -> dict[str, Any]:
    """Every known signal name appears; an unknown one has ``"value": null``.

    ``order`` (deposit, payment route, coverage type, rate) wins over ``order_value``/``currency``
    (a whole order paid through TA checkout, post-delivery). ``doc["order"]`` keeps the keys
    value, covered, uncovered, flags, plus parts, actions, deposit, payment, coverage, rate."""
    doc: dict[str, Any] = {
        "supplier_id": supplier.supplier_id,
        "name": supplier.name,
        "aliases": supplier.aliases,
        "last_checked": supplier.last_checked,
        "signals": {name: supplier.signal(name).to_json() for name in SIGNALS},
        "score": score_supplier(supplier).to_json(),
    }
    if order is None and order_value is not None:
        order = Order(order_value, currency.upper())
    if order is not None:
        doc["order"] = order_section(supplier, order)
    return doc


def order_section(supplier: Supplier, order: Order) -> dict[str, Any]:
    """The document's ``order`` part: the order's coverage by the supplier's Trade Assurance.
    Raises `OrderError` (e.g. a limit in another currency and no rate given)."""
    limit = supplier.signal("ta_limit")
    check = check_order(order, supplier.value("trade_assurance"), limit.value, limit.observed_at)
    return check.to_json()


# One encoder for every document (json.dumps with options builds one per call); documents are
# trees built here, never cyclic, so the cycle check is skipped.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def dump(doc: Any) -> str:
    """A document as the compact JSON text that is stored and served."""
    return _ENCODER.encode(doc)


def document_version() -> str:
    """Changes whenever the code that shapes a supplier document changes."""
    return code_version()


def stored_document(supplier: Supplier) -> tuple[str, str]:
    """(the supplier's JSON document now, until when it stays exact)."""
    doc = supplier_document(supplier)
    return dump(doc), valid_until(supplier, doc["score"])


def valid_until(supplier: Supplier, score: dict[str, Any]) -> str:
    """Until when a document holding ``score`` (the score now) stays exact.

    The document depends on time only through the score's staleness rule: when the score just
    before the data turns stale equals the score now, the document holds until then; otherwise
    it is never served from the store (valid until now) and readers build it live.
    """
    now = datetime.now(UTC).replace(microsecond=0)
    seen = [supplier.last_checked] if supplier.last_checked else []
    seen = seen or [s.observed_at for s in supplier.signals.values() if s.observed_at]
    known = [t for t in (_utc(stamp) for stamp in seen if stamp) if t is not None]
    if not known:
        return FOREVER
    boundary = max(known) + STALE_AFTER
    if boundary <= now:
        return FOREVER  # already stale: nothing changes until the next write
    before = score_supplier(supplier, now=boundary - timedelta(seconds=1)).to_json()
    if before != score:
        return now.isoformat()
    return boundary.isoformat()


def _utc(text: str) -> datetime | None:
    return read_timestamp(text)
