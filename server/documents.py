"""HTTP glue for supplier documents (`vetting.document`): order input from query args or JSON
(parsed by `vetting.order_input`), and order errors as 400s naming the field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from server.errors import ApiError
from vetting.order_input import parse_order
from vetting.orders import Order, OrderError

ORDER_PARAMS = ("order_value", "currency", "deposit", "payment", "coverage", "rate")


def order_error(exc: OrderError, prefix: str = "") -> ApiError:
    return ApiError(400, f"invalid order: {exc}", {f"{prefix}{exc.field}": str(exc)})


@contextmanager
def order_errors() -> Iterator[None]:
    """An order the supplier's data cannot check (e.g. a limit in another currency and no rate
    given) is the caller's 400, not a server error."""
    try:
        yield
    except OrderError as exc:
        raise order_error(exc) from None


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
