"""Supplier documents with an optional order check, always in `vetting.report.supplier_json`'s
shape; order input parsed by `vetting.order_input` (OrderError -> 400 naming the field)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from server.errors import ApiError
from vetting.model import Supplier
from vetting.order_input import parse_order
from vetting.orders import Order, OrderError, check_order
from vetting.report import supplier_json
from vetting.store import Store

ORDER_PARAMS = ("order_value", "currency", "deposit", "payment", "coverage", "rate")


def order_error(exc: OrderError, prefix: str = "") -> ApiError:
    return ApiError(400, f"invalid order: {exc}", {f"{prefix}{exc.field}": str(exc)})


def order_from(data: Mapping[str, Any], prefix: str = "", required: bool = False) -> Order | None:
    """An order from query args or a JSON object (``required``: the object itself was given).

    None when no order field is given and none is required; null is absent, "" is an error.
    """
    present = {k: data[k] for k in ORDER_PARAMS if k in data and data[k] is not None}
    if not present and not required:
        return None
    for key, value in present.items():
        if value == "":
            raise ApiError(400, f"invalid order: empty {key}", {prefix + key: "must not be empty"})
    if "order_value" not in present:
        raise ApiError(
            400,
            "invalid order: order_value is required",
            {f"{prefix}order_value": "is required with an order"},
        )
    try:
        return parse_order(*(present.get(k) for k in ORDER_PARAMS))
    except OrderError as exc:
        raise order_error(exc, prefix) from None


def order_check(supplier: Supplier, order: Order) -> dict[str, Any]:
    limit = supplier.signal("ta_limit")
    try:
        check = check_order(
            order, supplier.value("trade_assurance"), limit.value, limit.observed_at
        )
    except OrderError as exc:  # e.g. a limit in another currency and no rate given
        raise order_error(exc) from None
    return check.to_json()


def supplier_doc(supplier: Supplier, order: Order | None = None) -> dict[str, Any]:
    try:
        return supplier_json(supplier, order=order)
    except OrderError as exc:  # e.g. a limit in another currency and no rate given
        raise order_error(exc) from None


def raw_documents(store: Store, keys: list[str]) -> dict[str, str]:
    """JSON text of each known supplier by the key asked: the store's document where it is
    still exact, else built now (the same `supplier_json`, serialised like Flask does)."""
    docs = store.documents(keys)
    missing = [k for k in dict.fromkeys(keys) if k not in docs]
    for key, supplier in store.get_many(missing).items():
        docs[key] = dump(supplier_json(supplier))
    return docs


def dump(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
