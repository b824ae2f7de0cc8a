"""Order check: how much of the buyer's order Trade Assurance covers. Pure; money in Decimal.

Rules (DESIGN §4; "seed" = the QC company's Trade Assurance explainer):
- seed 1: no Trade Assurance mark, no Alibaba refund: the whole order is exposed.
- seed 2: above the supplier's coverage limit only the limit is refunded.
- seed 3: post-delivery covers the whole order up to the limit; pre-shipment protects only the
  advance payment (the deposit), so the balance is exposed.
- Alibaba help: payments made off-platform are never covered; a TA mark without a shown limit
  means the limit is unknown (recent pages), so coverage is unknown, not zero.

Currencies are never mixed silently: when the order and the limit differ, an explicit `Rate` is
required and echoed back with its date. Covered and uncovered amounts are rounded to cents
(half-up) in the order currency. The shared vectors in ``tests/vectors/coverage.json`` pin this
behaviour for the JavaScript port.

Raw input (CLI options, query parameters, POST bodies) becomes an `Order` through
`vetting.order_input.parse_order` / `order_from_json`, which raise `OrderError(field, message)`
(`vetting.errors.InputError`) for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from vetting.errors import InputError
from vetting.model import Money

CENT = Decimal("0.01")
PAYMENT_ROUTES = ("ta", "off-platform")
COVERAGE_TYPES = ("post-delivery", "pre-shipment")
# Largest order value accepted: beyond it amounts stop being exact as JavaScript numbers (cents).
MAX_ORDER_VALUE = Decimal("1000000000000")
# A limit above every acceptable order covers any order alike; limits are clamped to this
# before arithmetic, so an absurd stored limit (1e30) cannot overflow the cents rounding.
LIMIT_CEILING = MAX_ORDER_VALUE * 1000

# Flag codes, in the order they are emitted.
NO_TRADE_ASSURANCE = "NO_TRADE_ASSURANCE"
TRADE_ASSURANCE_UNKNOWN = "TRADE_ASSURANCE_UNKNOWN"
OFF_PLATFORM_PAYMENT = "OFF_PLATFORM_PAYMENT"
COVERAGE_LIMIT_UNKNOWN = "COVERAGE_LIMIT_UNKNOWN"
ORDER_ABOVE_COVERAGE = "ORDER_ABOVE_COVERAGE"

# Why each part of the order is (not) covered: code -> one line for the buyer.
PART_REASONS: dict[str, str] = {
    "WITHIN_LIMIT": "within the supplier's Trade Assurance limit (seed rule 2)",
    "ABOVE_LIMIT": "above the supplier's Trade Assurance limit: only the limit is refunded "
    "(seed rule 2)",
    "BALANCE_NOT_COVERED": "pre-shipment coverage protects only the advance payment (seed rule 3)",
    "OFF_PLATFORM": "paid outside Alibaba's checkout: never covered (Alibaba help)",
    "NO_TRADE_ASSURANCE": "the supplier offers no Trade Assurance: no refund (seed rule 1)",
    "LIMIT_UNKNOWN": "covered at most up to the supplier's limit, which is not shown",
    "TRADE_ASSURANCE_UNKNOWN": "whether the supplier offers Trade Assurance is unknown",
}


# Bad order input: the core's one input-error type, under the name order code has always used.
OrderError = InputError


@dataclass(frozen=True)
class Rate:
    """An exchange rate the buyer states: 1 ``from_currency`` = ``rate`` ``to_currency``."""

    from_currency: str
    to_currency: str
    rate: Decimal
    date: str | None = None

    def convert(self, money: Money, target: str) -> Decimal:
        """``money`` in ``target``; OrderError(rate) when this rate does not join the two."""
        if (money.currency, target) == (self.from_currency, self.to_currency):
            return money.amount * self.rate
        if (money.currency, target) == (self.to_currency, self.from_currency):
            return money.amount / self.rate
        raise OrderError(
            "rate",
            f"the rate converts {self.from_currency} to {self.to_currency}, "
            f"but {money.currency} to {target} is needed",
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.from_currency,
            "to": self.to_currency,
            "rate": str(self.rate),
            "date": self.date,
        }


@dataclass(frozen=True)
class Deposit:
    """The advance payment: a percentage of the order or an amount in the order currency."""

    percent: Decimal | None = None
    amount: Decimal | None = None

    def of(self, value: Decimal) -> Decimal:
        if self.percent is not None:
            return _cents(value * self.percent / 100)
        return self.amount if self.amount is not None else Decimal(0)

    def to_json(self) -> dict[str, Any]:
        return {"percent": _num(self.percent), "amount": _num(self.amount)}


@dataclass(frozen=True)
class Order:
    """What the buyer plans: validated by `vetting.order_input.parse_order` from raw text."""

    value: Decimal
    currency: str = "USD"
    deposit: Deposit | None = None
    payment: str = "ta"  # one of PAYMENT_ROUTES
    coverage: str = "post-delivery"  # one of COVERAGE_TYPES
    rate: Rate | None = None


@dataclass
class Flag:
    code: str
    message: str


@dataclass
class Part:
    """A slice of the order: ``status`` is covered, uncovered or unknown, with its reason."""

    amount: Decimal
    status: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "amount": _num(self.amount),
            "status": self.status,
            "reason_code": self.reason,
            "reason": PART_REASONS[self.reason],
        }


@dataclass
class OrderCheck:
    """The result. ``covered``/``uncovered`` are None when any part of the order is unknown."""

    value: Decimal
    currency: str
    covered: Decimal | None
    uncovered: Decimal | None
    flags: list[Flag] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    order: Order | None = None
    limit: Money | None = None
    limit_observed_at: str | None = None
    limit_in_order_currency: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        order = self.order or Order(self.value, self.currency)
        return {
            "value": _num(self.value),
            "currency": self.currency,
            "deposit": _deposit_json(order, self.value),
            "payment": order.payment,
            "coverage": order.coverage,
            "covered": _num(self.covered),
            "uncovered": _num(self.uncovered),
            "parts": [p.to_json() for p in self.parts],
            "flags": [{"code": f.code, "message": f.message} for f in self.flags],
            "actions": list(self.actions),
            "limit": None if self.limit is None else self.limit.to_json(),
            "limit_observed_at": self.limit_observed_at,
            "limit_in_order_currency": _num(self.limit_in_order_currency),
            "rate": None if order.rate is None else order.rate.to_json(),
        }


def _deposit_json(order: Order, value: Decimal) -> dict[str, Any] | None:
    if order.deposit is None:
        return None
    return {**order.deposit.to_json(), "value": _num(order.deposit.of(value))}


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _fmt(value: Decimal, currency: str) -> str:
    return f"{value:,.2f} {currency}".replace(".00 ", " ")


def check_order(
    order: Order,
    trade_assurance: bool | None,
    limit: Money | None,
    observed_at: str | None = None,
) -> OrderCheck:
    """Split ``order`` into covered / uncovered / unknown parts under the supplier's TA mark and
    limit (as observed at ``observed_at``), with flags and next actions."""
    validate_order(order)
    value, cur = order.value, order.currency
    deposit = order.deposit.of(value) if order.deposit else None
    if order.coverage == "pre-shipment" and not deposit:
        raise OrderError("deposit", "pre-shipment coverage protects the advance payment: give it")
    result = OrderCheck(
        value, cur, None, None, order=order, limit=limit, limit_observed_at=observed_at
    )
    result.flags.extend(_status_flags(order, trade_assurance, limit))
    # What Trade Assurance could protect at all: the deposit (pre-shipment) or the whole order.
    protectable = deposit if order.coverage == "pre-shipment" and deposit else value
    parts = result.parts
    if trade_assurance is False:
        parts.append(Part(value, "uncovered", "NO_TRADE_ASSURANCE"))
    elif order.payment == "off-platform":
        parts.append(Part(value, "uncovered", "OFF_PLATFORM"))
    elif limit is None:
        result.flags.append(Flag(COVERAGE_LIMIT_UNKNOWN, "The coverage limit is unknown."))
        reason = "LIMIT_UNKNOWN" if trade_assurance else "TRADE_ASSURANCE_UNKNOWN"
        parts.append(Part(protectable, "unknown", reason))
    else:
        # A shown limit implies Trade Assurance even when the mark itself was not captured.
        _cover_up_to_limit(result, protectable, _limit_in(limit, order))
    if protectable < value and not any(p.reason in _WHOLE_ORDER for p in parts):
        parts.append(Part(value - protectable, "uncovered", "BALANCE_NOT_COVERED"))
    _totals(result)
    result.actions = _actions(result, deposit)
    return result


# Part reasons that already account for the whole order value.
_WHOLE_ORDER = ("NO_TRADE_ASSURANCE", "OFF_PLATFORM")


def _status_flags(order: Order, trade_assurance: bool | None, limit: Money | None) -> list[Flag]:
    flags = []
    if trade_assurance is False:
        flags.append(Flag(NO_TRADE_ASSURANCE, "No Trade Assurance: none of this order is covered."))
    if trade_assurance is None and limit is None:
        flags.append(Flag(TRADE_ASSURANCE_UNKNOWN, "Trade Assurance status is unknown."))
    if order.payment == "off-platform":
        flags.append(
            Flag(OFF_PLATFORM_PAYMENT, "Paid off-platform: Trade Assurance covers none of it.")
        )
    return flags


def _cover_up_to_limit(result: OrderCheck, protectable: Decimal, cap: Decimal) -> None:
    """Seed rule 2: up to the limit is covered, the rest of what TA protects is not."""
    result.limit_in_order_currency = cap
    covered = min(protectable, cap)
    result.parts.append(Part(covered, "covered", "WITHIN_LIMIT"))
    if protectable <= covered:
        return
    above = protectable - covered
    result.parts.append(Part(above, "uncovered", "ABOVE_LIMIT"))
    what = "the advance payment" if protectable < result.value else "this order"
    cur = result.currency
    result.flags.append(
        Flag(
            ORDER_ABOVE_COVERAGE,
            f"{_fmt(above, cur)} of {what} is above the supplier's {_fmt(cap, cur)} "
            "Trade Assurance limit and is not covered.",
        )
    )


def _limit_in(limit: Money, order: Order) -> Decimal:
    if limit.currency == order.currency:
        return min(limit.amount, LIMIT_CEILING)
    if order.rate is None:
        raise OrderError(
            "rate",
            f"the order is in {order.currency} but the limit is in {limit.currency}: "
            "give an explicit exchange rate",
        )
    return _cents(min(order.rate.convert(limit, order.currency), LIMIT_CEILING))


def _totals(result: OrderCheck) -> None:
    parts = [p for p in result.parts if p.amount > 0] or result.parts[:1]
    result.parts[:] = parts
    if any(p.status == "unknown" for p in parts):
        return
    result.covered = _cents(sum((p.amount for p in parts if p.status == "covered"), Decimal(0)))
    result.uncovered = _cents(result.value - result.covered)


def _actions(result: OrderCheck, deposit: Decimal | None) -> list[str]:
    codes = {f.code for f in result.flags}
    cur, cap = result.currency, result.limit_in_order_currency
    actions = []
    if NO_TRADE_ASSURANCE in codes:
        actions.append("Choose a supplier that offers Trade Assurance (seed rule 1).")
    if OFF_PLATFORM_PAYMENT in codes:
        actions.append("Pay only through Alibaba's Trade Assurance checkout.")
    if ORDER_ABOVE_COVERAGE in codes and cap:
        actions.append(f"Split the order into orders of at most {_fmt(cap, cur)} each.")
    if COVERAGE_LIMIT_UNKNOWN in codes or TRADE_ASSURANCE_UNKNOWN in codes:
        actions.append("Ask the supplier to confirm its Trade Assurance limit in writing.")
    if deposit and cap and deposit > cap and not codes & {NO_TRADE_ASSURANCE, OFF_PLATFORM_PAYMENT}:
        actions.append(f"Lower the deposit to at most {_fmt(cap, cur)}.")
    if result.uncovered != 0 or result.order and result.order.coverage == "pre-shipment":
        actions.append("Book a pre-shipment inspection before paying the balance.")
    return actions


def check_coverage(
    value: Decimal, currency: str, trade_assurance: bool | None, limit: Money | None
) -> OrderCheck:
    """The foundation's call: a whole order paid through TA checkout, post-delivery cover."""
    return check_order(Order(value, currency.upper()), trade_assurance, limit)


def validate_order(order: Order) -> None:
    """OrderError(field, message) unless ``order`` is something a buyer could place."""
    value = order.value
    if not value.is_finite() or value <= 0:
        raise OrderError("order_value", "must be a positive number")
    if value > MAX_ORDER_VALUE:
        raise OrderError("order_value", f"must be at most {MAX_ORDER_VALUE:,}")
    if len(order.currency) != 3 or not order.currency.isalpha() or not order.currency.isupper():
        raise OrderError("currency", f"not a currency code: {order.currency!r}")
    if order.payment not in PAYMENT_ROUTES:
        raise OrderError("payment", f"must be one of {', '.join(PAYMENT_ROUTES)}")
    if order.coverage not in COVERAGE_TYPES:
        raise OrderError("coverage", f"must be one of {', '.join(COVERAGE_TYPES)}")
    if order.deposit is not None:
        _validate_deposit(order.deposit, value)
    if order.rate is not None and (not order.rate.rate.is_finite() or order.rate.rate <= 0):
        raise OrderError("rate", "the exchange rate must be a positive number")


def _validate_deposit(deposit: Deposit, value: Decimal) -> None:
    pct, amount = deposit.percent, deposit.amount
    if (pct is None) == (amount is None):
        raise OrderError("deposit", "give the deposit as a percentage or as an amount")
    if pct is not None and not (pct.is_finite() and 0 <= pct <= 100):
        raise OrderError("deposit", "a percentage must be between 0 and 100")
    if amount is not None and not (amount.is_finite() and 0 <= amount <= value):
        raise OrderError("deposit", "the amount must be between 0 and the order value")
