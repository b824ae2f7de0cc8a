"""Parse the text values Alibaba shows ("US $1,234.56", "≤3h", "96.7%", "3 yrs") into typed values.

Each parser returns ``None`` when the text does not say (unknown), never 0.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from vetting.model import Money

_CURRENCY_MARKS = (
    ("US$", "USD"),
    ("US $", "USD"),
    ("USD", "USD"),
    ("CN¥", "CNY"),
    ("GH₵", "GHS"),
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("£", "GBP"),
    ("GBP", "GBP"),
    ("$", "USD"),
)
_NUMBER = re.compile(r"\d[\d.,\s]*")


def parse_number(text: str | None) -> Decimal | None:
    """A number written with either thousands convention: "1,234.56", "1.234,56", "46,000"."""
    if text is None:
        return None
    match = _NUMBER.search(text)
    if not match:
        return None
    digits = re.sub(r"\s", "", match.group()).rstrip(".,")
    if "," in digits and "." in digits:
        # Whichever separator comes last is the decimal point.
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        head, _, tail = digits.rpartition(",")
        # "46,000" groups thousands; "12,5" is a decimal comma.
        digits = digits.replace(",", "") if len(tail) == 3 else head.replace(",", "") + "." + tail
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def parse_money(text: str | None, default_currency: str = "USD") -> Money | None:
    """ "US $1,234.56" → Money(1234.56, USD); "46,000" → Money(46000, default currency)."""
    if text is None:
        return None
    amount = parse_number(text)
    if amount is None:
        return None
    currency = default_currency
    for mark, code in _CURRENCY_MARKS:
        if mark in text:
            currency = code
            break
    return Money(amount=amount, currency=currency, raw=text)


def parse_years(text: str | None) -> int | None:
    """ "1  yr", "3 yrs", "1 YRS", "7 yrs on Alibaba.com", "9" → whole years."""
    if text is None:
        return None
    text = str(text)
    match = re.search(r"(\d+)\s*(?:yrs?|years?)\b", text, re.IGNORECASE) or re.fullmatch(
        r"\s*(\d+)\s*", text
    )
    return int(match.group(1)) if match else None


def parse_hours(text: str | None) -> float | None:
    """ "≤3h" → 3.0; "≤24h" → 24.0; "1 day" → 24.0."""
    if text is None:
        return None
    match = re.search(r"(\d+(?:\.\d+)?)\s*(h|hours?|d|days?)\b", str(text), re.IGNORECASE)
    if not match:
        return None
    value = float(match.group(1))
    return value * 24 if match.group(2).lower().startswith("d") else value


def parse_percent(text: str | None) -> float | None:
    """ "96.7%" → 96.7."""
    if text is None:
        return None
    match = re.search(r"(\d+(?:\.\d+)?)\s*%", str(text))
    return float(match.group(1)) if match else None


_PRICE = re.compile(r"\d[\d.,]*")
# A number, an optional "- upper bound" (ladder rows), then the unit.
_MOQ = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s*-\s*\d[\d,]*(?:\.\d+)?)?\s*([^\d()]*)")


def currency_of(text: str, default: str | None = "USD") -> str | None:
    """The ISO code a price text is written in ("US $3.79" → USD, "CN¥82" → CNY)."""
    for mark, code in _CURRENCY_MARKS:
        if mark in text:
            return code
    return default


def parse_price_range(text: str | None) -> tuple[Decimal | None, Decimal | None, str | None]:
    """ "US $3.79-$6.79" → (3.79, 6.79, USD); "$0.10 - $0.17"; "US $13.00" → (13, 13, USD)."""
    if not text:
        return None, None, None
    amounts = [parse_number(m.group()) for m in _PRICE.finditer(text)]
    found = [a for a in amounts if a is not None]
    if not found:
        return None, None, None
    return min(found), max(found), currency_of(text)


def parse_moq(text: str | int | None) -> tuple[int | None, str | None]:
    """ "50 Pieces" → (50, "Pieces"); "10.0 pieces" → (10, "pieces"); "1" → (1, None)."""
    if text is None:
        return None, None
    match = _MOQ.search(str(text))
    if not match:
        return None, None
    number = parse_number(match.group(1))
    unit = match.group(2).strip() or None
    return (None if number is None else int(number)), unit


def parse_flag(value: object) -> bool | None:
    """A JSON flag as Alibaba writes it (true, "1", "Y", "true") → bool; missing/empty → None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value == 1 if value in (0, 1) else None
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("1", "y", "yes", "true"):
            return True
        if lowered in ("0", "n", "no", "false"):
            return False
    return None


def clean_text(value: object) -> str | None:
    """Non-empty stripped text or None (empty strings are the page not saying)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        # Hardening (issue 8): U+FFFD is what undecodable bytes became, never the page's text.
        text = " ".join(str(value).replace("\ufffd", " ").split())
        return text or None
    return None
