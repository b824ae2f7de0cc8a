"""Order check: how much of the buyer's order Trade Assurance covers. Pure; money in Decimal."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vetting.model import Money


class OrderError(ValueError):
    """Bad order input; ``field`` names what was wrong."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class Flag:
    code: str
    message: str


@dataclass
class OrderCheck:
    value: Decimal
    currency: str
    covered: Decimal | None
    uncovered: Decimal | None
    flags: list[Flag] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": _num(self.value),
            "currency": self.currency,
            "covered": _num(self.covered),
            "uncovered": _num(self.uncovered),
            "flags": [{"code": f.code, "message": f.message} for f in self.flags],
        }


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def check_coverage(
    value: Decimal, currency: str, trade_assurance: bool | None, limit: Money | None
) -> OrderCheck:
    if not value.is_finite() or value <= 0:
        raise OrderError("order_value", "order value must be a positive number")
    if trade_assurance is False:
        flag = Flag("NO_TRADE_ASSURANCE", "No Trade Assurance: none of this order is covered.")
        return OrderCheck(value, currency, Decimal(0), value, [flag])
    if limit is None:
        flag = Flag("COVERAGE_LIMIT_UNKNOWN", "The coverage limit is unknown.")
        return OrderCheck(value, currency, None, None, [flag])
    if limit.currency != currency:
        raise OrderError("currency", f"limit is in {limit.currency}; give the order in it")
    covered = min(value, limit.amount)
    uncovered = value - covered
    flags = []
    if uncovered > 0:
        flags.append(
            Flag(
                "ORDER_ABOVE_COVERAGE",
                f"{uncovered:,.2f} {currency} of this order is above the supplier's "
                f"{limit.amount:,.0f} {currency} Trade Assurance limit and is not covered.",
            )
        )
    return OrderCheck(value, currency, covered, uncovered, flags)
