"""The supplier JSON shape used by the CLI (--json), the API and the site's JSON mirror."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vetting.model import SIGNALS, Supplier
from vetting.orders import check_coverage
from vetting.scoring import score_supplier


def supplier_json(
    supplier: Supplier, order_value: Decimal | None = None, currency: str = "USD"
) -> dict[str, Any]:
    """Every known signal name appears; an unknown one has ``"value": null``."""
    doc: dict[str, Any] = {
        "supplier_id": supplier.supplier_id,
        "name": supplier.name,
        "aliases": supplier.aliases,
        "last_checked": supplier.last_checked,
        "signals": {name: supplier.signal(name).to_json() for name in SIGNALS},
        "score": score_supplier(supplier).to_json(),
    }
    if order_value is not None:
        check = check_coverage(
            order_value, currency, supplier.value("trade_assurance"), supplier.value("ta_limit")
        )
        doc["order"] = check.to_json()
    return doc
