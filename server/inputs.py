"""Request validation: every problem becomes a 400 with per-field details, never a 500.

`Fields` collects problems so one response names every bad field, not just the first.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import request

from server.errors import ApiError

SQLITE_MAX_INT = 2**63 - 1  # SQLite INTEGER is signed 64-bit
MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 500
MAX_URL_CHARS = 2000
# No amount, count or limit the API takes is anywhere near this (orders stop at 10^12); above
# it numbers lose their cents and JavaScript precision, so they are refused at the input.
MAX_NUMBER = Decimal(10**15)
# Patterns shared with the OpenAPI document. Only ASCII classes: regex engines disagree on what
# Unicode whitespace ``\s`` covers, and the schema's validator is not Python's ``re``.
URL_PATTERN = r"^https?://[^\x00-\x20\x7f/$.?#][^\x00-\x20\x7f]*$"
URL_RE = re.compile(URL_PATTERN)
# Printable, not blank, and no all-digit string longer than SQLite's integers can hold.
ID_PATTERN = r"^(?![0-9]{20,}$)[^\x00-\x1f]*[^\x00-\x20][^\x00-\x1f]*$"
ASCII_SPACE = " \t\n\r\x0b\x0c"


class Fields:
    """Per-field problems of one request; `check()` raises them as one 400."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def add(self, field: str, problem: str) -> None:
        self.problems.setdefault(field, problem)

    def check(self, message: str = "invalid input") -> None:
        if self.problems:
            raise ApiError(400, message, dict(self.problems))


def json_body(max_bytes: int | None = None) -> Any:
    """The request body parsed as JSON; malformed JSON is a 400, another content type a 415,
    a body over ``max_bytes`` (default: the app's MAX_CONTENT_LENGTH) a 413.

    Only ``application/json``: a web page can post a "simple" form or text/plain body to a
    local `vet serve` without a CORS preflight, but not a JSON one."""
    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "the request body must be JSON (Content-Type: application/json)",
            {"content-type": request.mimetype or "missing"},
        )
    if max_bytes is not None:
        request.max_content_length = max_bytes
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise ApiError(400, "request body is empty", {"body": "expected a JSON document"})
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        detail = f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        raise ApiError(400, "malformed JSON", {"body": detail}) from None
    except RecursionError:
        # "[" * 5000 exhausts the decoder's recursion limit: a 400, never a 500.
        raise ApiError(400, "malformed JSON", {"body": "nested too deeply"}) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, "malformed JSON", {"body": str(exc)}) from None
    if _SURROGATE_ESCAPE.search(raw):
        _reject_lone_surrogates(data)
    return data


# A \ud800-\udfff escape: valid JSON, but alone it is no character (SQLite cannot store it).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _reject_lone_surrogates(data: Any) -> None:
    """An unpaired surrogate would reach the database encoder and fail there as a 500."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        detail = "a string holds an unpaired UTF-16 surrogate escape (\\ud800-\\udfff)"
        raise ApiError(400, "malformed JSON", {"body": detail}) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def json_object(fields: Fields, data: Any, field: str = "body") -> Mapping[str, Any]:
    if not isinstance(data, dict):
        fields.add(field, "must be a JSON object")
        fields.check()
    return data


def as_int(value: Any) -> int | None:
    """A JSON integer; like JSON Schema, ``5.0`` counts as one and ``true`` does not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def supplier_key(fields: Fields, value: Any, field: str) -> str | None:
    """Any alias: a string, or a non-negative integer that fits SQLite's 64-bit integers."""
    if not isinstance(value, str):
        value = as_int(value)
    if value is None:
        fields.add(field, "must be a supplier ID string or integer")
        return None
    if isinstance(value, int):
        if value < 0:
            fields.add(field, "must not be negative")
            return None
        value = str(value)
    key = value.strip(ASCII_SPACE)
    if not key:
        fields.add(field, "must not be empty")
    elif len(key) > MAX_ID_CHARS:
        fields.add(field, f"must be at most {MAX_ID_CHARS} characters")
    elif key.isdigit() and key.isascii() and int(key) > SQLITE_MAX_INT:
        fields.add(field, f"numeric ID too large (at most {SQLITE_MAX_INT})")
    elif any(ord(c) < 32 for c in key):
        fields.add(field, "must not contain control characters")
    else:
        return key
    return None


def path_key(value: str) -> str:
    fields = Fields()
    key = supplier_key(fields, value, "id")
    fields.check("invalid supplier ID")
    assert key is not None
    return key


def number(
    fields: Fields,
    value: Any,
    field: str,
    minimum: float = 0,
    positive: bool = False,
    maximum: Decimal = MAX_NUMBER,
) -> Decimal | None:
    """A finite number from JSON or a query string (commas allowed in strings), at most
    ``maximum``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        fields.add(field, "must be a number")
        return None
    try:
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidOperation
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        fields.add(field, "must be a number")
        return None
    if not amount.is_finite():
        fields.add(field, "must be a finite number")
    elif positive and amount <= 0:
        fields.add(field, "must be a positive number")
    elif amount < minimum:
        fields.add(field, f"must be at least {minimum}")
    elif amount > maximum:
        fields.add(field, f"must be at most {maximum:,}")
    else:
        return amount
    return None


def integer(fields: Fields, text: str | None, field: str, default: int, lo: int, hi: int) -> int:
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or not lo <= int(text) <= hi:
        fields.add(field, f"must be an integer from {lo} to {hi}")
        return default
    return int(text)


def choice(fields: Fields, value: Any, field: str, allowed: Mapping[str, Any]) -> Any:
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in allowed:
        fields.add(field, "must be one of: " + ", ".join(allowed))
        return None
    return allowed[value.lower()]


def text(fields: Fields, value: Any, field: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        fields.add(field, "must be a string")
    elif len(value) > limit:
        fields.add(field, f"must be at most {limit} characters")
    else:
        return value
    return None


def url(fields: Fields, value: Any, field: str, required: bool = False) -> str | None:
    if value is None:
        if required:
            fields.add(field, "is required")
        return None
    if not isinstance(value, str) or len(value) > MAX_URL_CHARS or not URL_RE.fullmatch(value):
        fields.add(field, f"must be an http(s) URL of at most {MAX_URL_CHARS} characters")
        return None
    return value


def unknown_keys(fields: Fields, data: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
    for key in data:
        if key not in allowed:
            fields.add(f"{prefix}{key}", "unknown field")
