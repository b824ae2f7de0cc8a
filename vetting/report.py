"""The supplier JSON shape used by the CLI (--json), the API and the site's JSON mirror."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vetting.model import SIGNALS, Supplier
from vetting.orders import Order, check_order
from vetting.scoring import score_supplier


def supplier_json(
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
        ta, limit = supplier.value("trade_assurance"), supplier.signal("ta_limit")
        check = check_order(order, ta, limit.value, limit.observed_at)
        doc["order"] = check.to_json()
    return doc
