"""Raw order input -> `Order`: one parser for the CLI, query parameters and POST bodies.

Every problem raises `OrderError(field, message)` naming the field as the caller spelt it in the
JSON body / query string (``order_value``, ``currency``, ``deposit``, ``payment``, ``coverage``,
``rate``). Accepted forms:

- ``order_value``: "25000", "25,000", "25000.50"; positive, finite, at most `MAX_ORDER_VALUE`.
- ``deposit``: "30%" (of the order) or "7500" (amount in the order currency); absent = none.
- ``payment``: "ta" (Trade Assurance checkout) or "off-platform"; ``coverage``: "post-delivery"
  or "pre-shipment".
- ``rate``: "USD:EUR:0.92[:2026-01-02]" meaning 1 USD = 0.92 EUR (as of the date), or the JSON
  object ``{"from": "USD", "to": "EUR", "rate": "0.92", "date": "2026-01-02"}``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from vetting.currencies import ISO_4217
from vetting.dates import parse_day
from vetting.errors import InputError
from vetting.orders import (
    COVERAGE_TYPES,
    PAYMENT_ROUTES,
    Deposit,
    Order,
    OrderError,
    Rate,
    validate_order,
)

_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
# Exchange rates outside this range are typos, not rates (1 USD is ~25,000 VND; the inverse
# ~0.00004): beyond them amounts lose their cents or overflow the arithmetic.
MIN_RATE = Decimal("0.000001")
MAX_RATE = Decimal("1000000")
_RATE_TEXT = re.compile(
    # Possessive quantifiers: ``\s*`` on both sides of the optional date backtracked
    # quadratically over a long run of spaces.
    r"^\s*+([A-Za-z]{3})\s*+:\s*+([A-Za-z]{3})\s*+:\s*+([^:\s]++)\s*+(?::\s*+(\S++))?\s*+$"
)


def parse_decimal(text: Any, field: str) -> Decimal:
    """A number from text or JSON (int/str; floats go through str), thousands commas allowed."""
    if isinstance(text, bool) or text is None:
        raise OrderError(field, f"not a number: {text!r}")
    try:
        return Decimal(str(text).replace(",", "").strip())
    except InvalidOperation:
        raise OrderError(field, f"not a number: {text!r}") from None


def parse_currency(text: Any, field: str = "currency") -> str:
    if not isinstance(text, str) or not _CURRENCY.match(text.strip()):
        raise OrderError(field, f"not a currency code: {text!r}")
    code = text.strip().upper()
    if code not in ISO_4217:
        raise OrderError(field, f"unknown currency {code!r} (not an ISO 4217 code)")
    return code


def parse_deposit(text: Any) -> Deposit | None:
    """ "30%" -> 30 percent; "7500" -> an amount; None/"" -> no deposit."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    raw = str(text).strip()
    if raw.endswith("%"):
        return Deposit(percent=parse_decimal(raw[:-1], "deposit"))
    return Deposit(amount=parse_decimal(raw, "deposit"))


def _parse_date(text: Any, field: str) -> str | None:
    if text is None or text == "":
        return None
    try:
        return parse_day(text, field).isoformat()
    except InputError as exc:
        raise OrderError(field, str(exc)) from None


def parse_rate(spec: Any) -> Rate | None:
    """ "USD:EUR:0.92[:DATE]" or {"from", "to", "rate", "date"} -> Rate; None/"" -> None."""
    if spec is None or spec == "":
        return None
    if isinstance(spec, dict):
        parts = [spec.get("from"), spec.get("to"), spec.get("rate"), spec.get("date")]
    elif isinstance(spec, str) and (m := _RATE_TEXT.match(spec)):
        parts = list(m.groups())
    else:
        raise OrderError("rate", f"expected FROM:TO:RATE[:YYYY-MM-DD], got {spec!r}")
    src, dst = parse_currency(parts[0], "rate"), parse_currency(parts[1], "rate")
    if src == dst:
        raise OrderError("rate", "a rate joins two different currencies")
    value = parse_decimal(parts[2], "rate")
    if not value.is_finite() or value <= 0:
        raise OrderError("rate", "the exchange rate must be a positive number")
    if not MIN_RATE <= value <= MAX_RATE:
        raise OrderError(
            "rate", f"the exchange rate must be between {MIN_RATE} and {MAX_RATE}, got {parts[2]}"
        )
    return Rate(src, dst, value, _parse_date(parts[3], "rate"))


def _choice(text: Any, field: str, choices: tuple[str, ...], default: str) -> str:
    if text is None or text == "":
        return default
    value = str(text).strip().lower()
    if value not in choices:
        raise OrderError(field, f"must be one of {', '.join(choices)}, got {text!r}")
    return value


def parse_order(
    value: Any,
    currency: Any = "USD",
    deposit: Any = None,
    payment: Any = None,
    coverage: Any = None,
    rate: Any = None,
) -> Order:
    """An `Order` from raw strings (or JSON scalars); validated, OrderError names the field."""
    amount = parse_decimal(value, "order_value")
    order = Order(
        value=amount,
        currency=parse_currency("USD" if currency in (None, "") else currency),
        deposit=parse_deposit(deposit),
        payment=_choice(payment, "payment", PAYMENT_ROUTES, "ta"),
        coverage=_choice(coverage, "coverage", COVERAGE_TYPES, "post-delivery"),
        rate=parse_rate(rate),
    )
    validate_order(order)
    return order


def order_from_json(body: Any) -> Order:
    """An `Order` from a JSON object (POST /orders/check, query args as a dict).

    Keys: ``order_value`` (or ``value``), ``currency``, ``deposit``, ``payment``, ``coverage``,
    ``rate``. Unknown keys are ignored so callers can send supplier ids alongside.
    """
    if not isinstance(body, dict):
        raise OrderError("body", "expected a JSON object")
    value = body.get("order_value", body.get("value"))
    if value is None:
        raise OrderError("order_value", "missing")
    return parse_order(
        value,
        body.get("currency"),
        body.get("deposit"),
        body.get("payment"),
        body.get("coverage"),
        body.get("rate"),
    )
