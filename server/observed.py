"""Signals a caller observed on a page (the extension reads them from listing cards).

Validated against the model's signal types (`vetting.model.SIGNALS`); every value keeps its
provenance (``page_kind="observed"``, the page URL the caller gives, the time it arrived).
"""

from __future__ import annotations

from typing import Any

from server.inputs import MAX_TEXT_CHARS, Fields, as_int, number, text
from vetting.model import SIGNALS, Money, Signal, utcnow

OBSERVED_PAGE_KIND = "observed"
OBSERVED_EXTRACTOR = "api:observed"
MAX_LIST_ITEMS = 50
TRANSACTION_KEYS = {"amount", "currency", "count", "window_months"}
PERCENT_MAX = 100


def _value(fields: Fields, kind: str, value: Any, field: str) -> Any:
    """The model value of one observed signal, or None (with a problem noted) when invalid."""
    if kind == "bool":
        if not isinstance(value, bool):
            fields.add(field, "must be true, false or null")
            return None
        return value
    if kind == "int":
        whole = as_int(value)
        if whole is None or whole < 0:
            fields.add(field, "must be a non-negative integer")
        return whole if whole is not None and whole >= 0 else None
    if kind in ("number", "duration_hours", "percent"):
        if isinstance(value, str):
            fields.add(field, "must be a number")
            return None
        amount = number(fields, value, field)
        if amount is not None and kind == "percent" and amount > PERCENT_MAX:
            fields.add(field, f"must be at most {PERCENT_MAX}")
            return None
        return None if amount is None else float(amount)
    if kind == "money":
        return _money(fields, value, field)
    if kind == "transactions":
        return _transactions(fields, value, field)
    if kind == "list":
        ok = isinstance(value, list) and len(value) <= MAX_LIST_ITEMS
        if not ok or not all(isinstance(v, str) and len(v) <= MAX_TEXT_CHARS for v in value):
            fields.add(field, f"must be a list of at most {MAX_LIST_ITEMS} strings")
            return None
        return value
    return text(fields, value, field)


def _money(fields: Fields, value: Any, field: str) -> Money | None:
    if not isinstance(value, dict) or set(value) - {"amount", "currency", "raw"}:
        fields.add(field, "must be {amount, currency[, raw]}")
        return None
    amount = number(fields, value.get("amount"), f"{field}.amount")
    currency = value.get("currency")
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
        fields.add(f"{field}.currency", "must be a 3-letter currency code")
        return None
    raw = text(fields, value.get("raw"), f"{field}.raw")
    if amount is None:
        if "amount" not in value or value["amount"] is None:
            fields.add(f"{field}.amount", "is required")
        return None
    return Money(amount, currency.upper(), raw)


def _transactions(fields: Fields, value: Any, field: str) -> dict[str, Any] | None:
    if not isinstance(value, dict) or set(value) - TRANSACTION_KEYS:
        fields.add(field, "must be an object with amount, currency, count, window_months")
        return None
    out: dict[str, Any] = {}
    for key in ("amount", "count", "window_months"):
        item = value.get(key)
        if item is not None and (
            isinstance(item, (bool, str)) or not isinstance(item, int | float)
        ):
            fields.add(f"{field}.{key}", "must be a number or null")
            return None
        if item is not None and number(fields, item, f"{field}.{key}") is None:
            return None
        out[key] = item
    out["currency"] = text(fields, value.get("currency"), f"{field}.currency")
    return out


def observed_signals(fields: Fields, data: Any, field: str, source_url: str | None) -> list[Signal]:
    """Known observed signals as model `Signal`s; a null value is unknown and is skipped."""
    if not isinstance(data, dict):
        fields.add(field, "must be an object of signal name to value")
        return []
    now = utcnow()
    out: list[Signal] = []
    for name, raw_value in data.items():
        kind = SIGNALS.get(name)
        if kind is None:
            fields.add(f"{field}.{name}", "unknown signal")
            continue
        if raw_value is None:
            continue
        value = _value(fields, kind, raw_value, f"{field}.{name}")
        if value is None:
            continue
        raw = value.raw if isinstance(value, Money) else None
        out.append(
            Signal(
                name=name,
                value=value,
                source_url=source_url,
                page_kind=OBSERVED_PAGE_KIND,
                extractor=OBSERVED_EXTRACTOR,
                observed_at=now,
                raw=raw,
            )
        )
    return out
