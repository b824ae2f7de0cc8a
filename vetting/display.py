"""Signal values as people read them, shared by the CLI and the site: money with thousands
separators and at most cents (never float noise like 3,827.3700000000003), yes / no / unknown
instead of True / False / None, lists as words. ``None`` is always "unknown", never "no"."""

from __future__ import annotations

import functools
from datetime import timedelta
from decimal import Decimal
from typing import Any

from vetting.dates import as_written
from vetting.model import SIGNALS

UNKNOWN = "unknown"
LABELS = {
    "trade_assurance": "Trade Assurance mark",
    "ta_limit": "Trade Assurance limit",
    "gold_supplier": "Gold Supplier",
    "gold_years": "Gold Supplier years",
    "years_on_alibaba": "Years on Alibaba",
    "on_time_delivery": "On-time delivery",
    "verified_pro": "Verified Pro",
    "onsite_check": "On-site check",
    "floor_area": "Floor area",
    "main_products": "Main products",
}
MAX_DECIMALS = 2  # money and rates are shown to the cent; more digits are float noise


@functools.cache
def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def number(value: int | float | Decimal) -> str:
    """12000 -> "12,000"; 3827.3700000000003 -> "3,827.37"; 97.5 -> "97.5"."""
    if isinstance(value, bool):
        return tri(value)
    if isinstance(value, int):
        return f"{value:,}"
    text = f"{value:,.{MAX_DECIMALS}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: int | float | Decimal | str) -> str:
    """A money amount: whole units as "12,000", anything else to the cent, "81,234.50"."""
    exact = Decimal(str(value))
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return f"{exact:,.{MAX_DECIMALS}f}"


def money(value: dict[str, Any] | None) -> str:
    if not value or value.get("amount") is None:
        return UNKNOWN
    return f"{amount(value['amount'])} {value.get('currency') or ''}".rstrip()


def tri(value: bool | None) -> str:
    return UNKNOWN if value is None else ("yes" if value else "no")


def moment(stamp: str | None) -> str:
    """An ISO-8601 UTC timestamp as "2026-12-01 21:49 UTC"; other text is shown as it is."""
    if not stamp:
        return UNKNOWN
    if len(stamp) == 10:  # a date alone stays a date
        return stamp
    when = as_written(stamp)
    if when is None:
        return stamp
    if when.tzinfo is not None and when.utcoffset() == timedelta(0):
        return when.strftime("%Y-%m-%d %H:%M UTC")
    return when.strftime("%Y-%m-%d %H:%M") + (f" {when.strftime('%z')}" if when.tzinfo else "")


def fmt_value(name: str, value: Any) -> str:
    """A signal value in plain words."""
    if value is None:
        return UNKNOWN
    kind = SIGNALS.get(name, "str")
    if isinstance(value, bool):
        return tri(value)
    if kind in ("money", "transactions") and isinstance(value, dict) and "amount" in value:
        return _transactions(value) if kind == "transactions" else money(value)
    if kind == "percent" and isinstance(value, int | float):
        return f"{number(value)}%"
    if kind == "duration_hours" and isinstance(value, int | float):
        return f"within {number(value)} h"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        return ", ".join(fmt_value("", v) for v in value)
    if isinstance(value, dict):
        parts = (
            f"{k.replace('_', ' ')} {fmt_value('', v)}"
            for k, v in value.items()
            if v is not None and k != "raw"
        )
        return ", ".join(parts)
    return str(value)


def _transactions(value: dict[str, Any]) -> str:
    text = money(value) if value.get("amount") is not None else ""
    count = value.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        text += f"{', ' if text else ''}{count:,} transaction{'s' if count != 1 else ''}"
    months = value.get("window_months")
    if isinstance(months, int) and not isinstance(months, bool):
        text += f" in {months} months"
    return text or UNKNOWN
