"""The one parser for calendar days (YYYY-MM-DD) and the one for ISO-8601 timestamps.

Every date a user or a stored row gives goes through here, with the same bounds: an order
event, a capture date or a stored time outside EARLIEST..LATEST is a typo (or a deadline after
9999-12-31, which does not exist), never a value to compute with. Bad input raises
`vetting.errors.InputError` naming the field, so the CLI prints ``field: message`` and the API
answers 400 with ``details[field]``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from vetting.errors import InputError

EARLIEST = date(2000, 1, 1)
LATEST = date(2199, 12, 31)
DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits, as in the API schema
SHOWN_CHARS = 40  # how much of a bad value an error message repeats


class OutOfRange(InputError):
    """A well-formed date or time that cannot be meant: outside EARLIEST..LATEST, or later than
    now where only the past makes sense (when a page was seen)."""


def _within(day: date, field: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise OutOfRange(field, f"must be between {EARLIEST} and {LATEST}, got {day}")


def parse_day(value: object, field: str) -> date:
    """ "2026-09-14" (or a `date`) -> date; InputError(field) for anything else, OutOfRange(field)
    for a day out of bounds.

    Only the YYYY-MM-DD form: Python's `date.fromisoformat` also takes "20260914" and
    "2026-W37-1", which nobody means when typing an order's payment date."""
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    else:
        text = value if isinstance(value, str) else None
        try:
            if text is None or not DAY_PATTERN.fullmatch(text):
                raise ValueError
            day = date.fromisoformat(text)
        except ValueError:
            raise InputError(field, f"not a date (YYYY-MM-DD): {value!r}") from None
    _within(day, field)
    return day


def as_written(value: object) -> datetime | None:
    """An ISO-8601 time ("2026-09-14T12:11:42+08:00", "...Z") or a day alone, with the offset it
    was written with (naive if none); None when it is not one. For showing a stamp as stored;
    everything that computes with a time uses `parse_timestamp` or `read_timestamp`."""
    text = value.strip() if isinstance(value, str) else None
    if text is None or not DAY_PATTERN.match(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_timestamp(value: object, field: str) -> datetime:
    """An ISO-8601 time or a day alone -> an aware UTC datetime; a time without an offset is
    taken as UTC. InputError(field) for anything else, OutOfRange(field) for a day out of
    bounds."""
    moment = as_written(value)
    if moment is None:
        shown = str(value)[:SHOWN_CHARS]
        raise InputError(field, f"not a date: {shown!r} (use YYYY-MM-DD)")
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    _within(moment.date(), field)
    return moment


def read_timestamp(value: object) -> datetime | None:
    """A stored time (a row's ``observed_at``, ``last_checked``, a manifest stamp) or None when
    it is missing or unreadable: stored data is read leniently, input is checked strictly."""
    if not value:
        return None
    try:
        return parse_timestamp(value, "timestamp")
    except InputError:
        return None
