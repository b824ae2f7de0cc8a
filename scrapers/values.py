"""Parse the text values Alibaba shows ("US $1,234.56", "≤3h", "96.7%", "3 yrs") into typed values.

Each parser returns ``None`` when the text does not say (unknown), never 0. ``read_value`` is the
one entry point that also says *why* a value was refused ("-10,000", "1e400", "¥10,000"); the
extension runs the same cases (tests/vectors/values.json) against its own reader.

Every scan here is linear in the text: patterns are anchored at the start of a digit run (a
lookbehind) and use possessive quantifiers, and texts longer than ``MAX_VALUE_TEXT`` are refused
outright: no value Alibaba shows is that long.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from vetting.model import Money

MAX_VALUE_TEXT = 300
# A coverage limit above a billion US$ is not a real Trade Assurance limit; parsers pass it.
MAX_TA_LIMIT = Decimal(10**9)
MAX_RATING = 5.0

# Marks that state a currency, longest first. "¥" alone is CNY or JPY, so it states none.
_CURRENCY_MARKS = (
    ("US $", "USD"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("NT$", "TWD"),
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("CN¥", "CNY"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("GH₵", "GHS"),
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("£", "GBP"),
    ("GBP", "GBP"),
)
_AMBIGUOUS_MARKS = ("¥", "円")
_DOLLAR_PREFIX = re.compile(r"(?<![A-Za-z])([A-Z]{1,3})\s?\$")
# The first digit run (not inside another), its optional exponent and magnitude suffix.
_NUMBER = re.compile(r"(?<!\d)\d++(?:[.,\s]\d++)*+")
_SIGN_BEFORE = re.compile(r"[-−–]\s*+(?:[A-Z]{0,3}\s?[$€£¥₵]\s*+)?$")
_EXPONENT_AFTER = re.compile(r"[eE][-+]?\d")
_SUFFIX_AFTER = re.compile(r"\s?([kKmMbB])(?![A-Za-z²])")
_SUFFIX = {"k": 10**3, "m": 10**6, "b": 10**9}


class Refused(ValueError):
    """A text that names a value but not one we can state (negative, ambiguous, absurd)."""


def _text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return str(value)
    if not isinstance(value, str):
        return None
    if len(value) > MAX_VALUE_TEXT:
        raise Refused(f"text longer than {MAX_VALUE_TEXT} characters is not a value")
    return value


def _digits_to_decimal(digits: str) -> Decimal | None:
    digits = re.sub(r"\s", "", digits)
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
        number = Decimal(digits)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _scan_number(text: str, suffixes: bool = False) -> tuple[Decimal, re.Match[str]] | None:
    """The first number in ``text``; raises Refused for a sign, an exponent, a bad suffix."""
    match = _NUMBER.search(text)
    if not match:
        return None
    if not match.group().isascii():
        return None  # "٣": other scripts' digits are not Alibaba's numbers
    if _SIGN_BEFORE.search(text, 0, match.start()):
        raise Refused("a negative amount is not a value")
    after = text[match.end() :]
    if _EXPONENT_AFTER.match(after):
        raise Refused("exponent notation is not how a page states a value")
    number = _digits_to_decimal(match.group())
    if number is None:
        return None
    if suffixes:
        suffix = _SUFFIX_AFTER.match(after)
        if suffix:
            number *= _SUFFIX[suffix.group(1).lower()]
    return number, match


def parse_number(text: str | None) -> Decimal | None:
    """A number written with either thousands convention: "1,234.56", "1.234,56", "46,000"."""
    try:
        found = _scan_number(_text(text) or "")
    except Refused:
        return None
    return found[0] if found else None


def currency_stated(text: str) -> str | None:
    """The ISO code ``text`` states, None when it states none; Refused when it is ambiguous."""
    codes = {code for mark, code in _CURRENCY_MARKS if mark in text}
    for match in _DOLLAR_PREFIX.finditer(text):
        prefix = match.group(1).upper()
        if prefix not in ("US", "HK", "NT", "CA", "AU"):
            raise Refused(f"'{match.group(0)}' is a dollar we do not know")
    if not codes and any(mark in text for mark in _AMBIGUOUS_MARKS):
        raise Refused("'¥' alone does not say yuan or yen")
    if len(codes) > 1:
        raise Refused("the text states more than one currency")
    return codes.pop() if codes else None


def read_money(
    text: object, default_currency: str | None = None, max_amount: Decimal | None = None
) -> Money:
    """Money as the text states it; Refused (with the reason) when it cannot be stated.

    The currency is the one the text names, else ``default_currency`` (the page's documented
    currency, passed explicitly by the parser), else the value is refused: a bare "$" counts
    as US$ only where the page documents US$. "20k" is 20,000; "€10.000" groups thousands."""
    raw = _text(text)
    if raw is None or not raw.strip():
        raise Refused("no text")
    currency = currency_stated(raw)
    if currency is None and "$" in raw and default_currency != "USD":
        raise Refused("'$' alone does not say which dollar")
    currency = currency or default_currency
    found = _scan_number(raw, suffixes=True)
    if found is None:
        raise Refused("no amount in the text")
    amount, match = found
    if currency == "EUR" and re.fullmatch(r"\d{1,3}(?:\.\d{3})++", match.group()):
        amount = Decimal(match.group().replace(".", ""))  # "€10.000": German grouping
    if currency is None:
        raise Refused("the text states no currency and the page documents none")
    if max_amount is not None and amount > max_amount:
        raise Refused(f"above the plausible maximum of {max_amount:,}")
    return Money(amount=amount, currency=currency, raw=str(text))


def parse_money(
    text: str | None, default_currency: str | None = None, max_amount: Decimal | None = None
) -> Money | None:
    """ "US $1,234.56" → Money(1234.56, USD); "46,000" → Money(46000, default currency)."""
    try:
        return read_money(text, default_currency, max_amount)
    except Refused:
        return None


_YEARS = re.compile(r"(?<!\d)(\d++)\s*+(?:yrs?|years?)\b", re.IGNORECASE)
_HOURS = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?+)\s*+(h|hours?|hrs?|d|days?)\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?+)\s*+%")


def parse_years(text: str | None) -> int | None:
    """ "1  yr", "3 yrs", "1 YRS", "7 yrs on Alibaba.com", "9" → whole years."""
    try:
        value = _text(text)
    except Refused:
        return None
    if value is None:
        return None
    match = _YEARS.search(value) or re.fullmatch(r"\s*+(\d++)\s*+", value)
    return int(match.group(1)) if match else None


def parse_hours(text: str | None) -> float | None:
    """ "≤3h" → 3.0; "≤24h" → 24.0; "1 day" → 24.0."""
    try:
        value = _text(text)
    except Refused:
        return None
    match = _HOURS.search(value or "")
    if not match:
        return None
    hours = float(match.group(1))
    return hours * 24 if match.group(2).lower().startswith("d") else hours


def parse_percent(text: str | None) -> float | None:
    """ "96.7%" → 96.7."""
    try:
        value = _text(text)
    except Refused:
        return None
    match = _PERCENT.search(value or "")
    return float(match.group(1)) if match else None


def parse_rating(value: object) -> float | None:
    """A star rating out of 5 ("4.8", 4.8, "4.9/5"); above 5 or negative is not a rating."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None:
        found = parse_number((_text(value) or "").split("/")[0]) if isinstance(value, str) else None
        number = None if found is None else float(found)
    if number is None or not math.isfinite(number) or not 0 <= number <= MAX_RATING:
        return None
    return float(number)


def parse_count(value: object) -> int | None:
    """A whole count (56, "1,234", "52 reviews"); negative or fractional is not a count."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value >= 0 and value.is_integer() else None
    number = parse_number(value) if isinstance(value, str) else None
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


_PRICE = re.compile(r"\d[\d.,]*")
# A number, an optional "- upper bound" (ladder rows), then the unit.
_MOQ = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s*-\s*\d[\d,]*(?:\.\d+)?)?\s*([^\d()]*)")


# Display currencies Alibaba converts listing prices into (the visitor's choice): prices only.
_PRICE_MARKS = (("₹", "INR"), ("₩", "KRW"), ("₽", "RUB"), ("₺", "TRY"), ("R$", "BRL"))


def currency_of(text: str, default: str | None = None) -> str | None:
    """The ISO code a price text is written in ("US $3.79" → USD, "CN¥82" → CNY, "₹882" → INR);
    a listing's bare "$" is the site's US$ display currency, a bare "¥" names none."""
    for mark, code in (*_CURRENCY_MARKS, *_PRICE_MARKS):
        if mark in text:
            return code
    if "$" in text:
        return "USD"
    if any(mark in text for mark in _AMBIGUOUS_MARKS):
        return None
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


# -- one entry point, with the reason -----------------------------------------------------------

_READERS: dict[str, Any] = {
    "number": parse_number,
    "hours": parse_hours,
    "percent": parse_percent,
    "years": parse_years,
    "flag": parse_flag,
    "rating": parse_rating,
    "count": parse_count,
    "text": clean_text,
}
KINDS = ("money", *_READERS)


def read_value(
    kind: str,
    raw: object,
    default_currency: str | None = None,
    max_amount: Decimal | None = None,
) -> tuple[Any, str | None]:
    """(value, None) when ``raw`` states a ``kind`` value; (None, why) when it does not."""
    if kind not in KINDS:
        raise ValueError(f"unknown value kind {kind!r}")
    if kind != "flag" and raw is not None and not isinstance(raw, str | int | float | Decimal):
        return None, f"expected text or a number, got {type(raw).__name__}"
    try:
        if kind == "money":
            return read_money(raw, default_currency, max_amount), None
        text_kinds = ("hours", "percent", "years")
        if kind in text_kinds and isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = str(raw)
        value = _READERS[kind](raw)
    except Refused as exc:
        return None, str(exc)
    return value, None if value is not None else f"no {kind} in {str(raw)[:40]!r}"
