"""The one day parser and the one timestamp parser, with their bounds (table-driven)."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tests.helpers.paths import ROOT
from vetting.dates import (
    EARLIEST,
    LATEST,
    OutOfRange,
    as_written,
    parse_day,
    parse_timestamp,
    read_timestamp,
)
from vetting.errors import InputError


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param("2026-09-14", date(2026, 9, 14), id="plain"),
        pytest.param(date(2024, 2, 29), date(2024, 2, 29), id="a-date-object"),
        pytest.param(str(EARLIEST), EARLIEST, id="earliest"),
        pytest.param(str(LATEST), LATEST, id="latest"),
    ],
)
def test_parse_day_reads(text, day):
    assert parse_day(text, "paid") == day


@pytest.mark.parametrize(
    ("value", "error", "says"),
    [
        pytest.param("2026-13-45", InputError, "not a date (YYYY-MM-DD)", id="month-13"),
        pytest.param("2026-02-30", InputError, "not a date", id="feb-30"),
        pytest.param("yesterday", InputError, "not a date", id="word"),
        pytest.param("2026/01/01", InputError, "not a date", id="slashes"),
        pytest.param(" 2026-09-14", InputError, "not a date", id="leading-space"),
        pytest.param("２０２６-09-14", InputError, "not a date", id="full-width-digits"),
        pytest.param("20260914", InputError, "not a date", id="compact-iso"),
        pytest.param("2026-W37-1", InputError, "not a date", id="iso-week"),
        pytest.param("2026-09-14T10:00:00", InputError, "not a date", id="a-time"),
        pytest.param(20260914, InputError, "not a date", id="a-number"),
        pytest.param(None, InputError, "not a date", id="none"),
        pytest.param(datetime(2026, 9, 14), InputError, "not a date", id="a-datetime"),
        pytest.param("1999-12-31", OutOfRange, "must be between", id="before-earliest"),
        pytest.param("2200-01-01", OutOfRange, "must be between", id="after-latest"),
        pytest.param("9999-12-31", OutOfRange, "must be between", id="year-9999"),
        pytest.param(date(1, 1, 1), OutOfRange, "must be between", id="year-1-object"),
    ],
)
def test_parse_day_rejects_naming_the_field(value, error, says):
    with pytest.raises(error) as caught:
        parse_day(value, "shipped")
    assert caught.value.field == "shipped" and says in str(caught.value)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        pytest.param(
            "2026-09-14T12:11:42+00:00", datetime(2026, 9, 14, 12, 11, 42, tzinfo=UTC), id="utc"
        ),
        pytest.param("2026-09-14T12:11:42Z", datetime(2026, 9, 14, 12, 11, 42, tzinfo=UTC), id="z"),
        pytest.param(
            "2026-09-14T20:11:42+08:00",
            datetime(2026, 9, 14, 12, 11, 42, tzinfo=UTC),
            id="offset-to-utc",
        ),
        pytest.param(
            "2026-09-14T12:11:42", datetime(2026, 9, 14, 12, 11, 42, tzinfo=UTC), id="naive-is-utc"
        ),
        pytest.param("2022-09-02", datetime(2022, 9, 2, tzinfo=UTC), id="a-day-alone"),
    ],
)
def test_parse_timestamp_reads_as_utc(text, moment):
    got = parse_timestamp(text, "observed_at")
    assert got == moment and got.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        pytest.param("yesterday", InputError, id="word"),
        pytest.param("2022-13-40", InputError, id="no-such-day"),
        pytest.param("20220902T101010", InputError, id="compact"),
        pytest.param("", InputError, id="empty"),
        pytest.param(None, InputError, id="none"),
        pytest.param(20220902, InputError, id="a-number"),
        pytest.param("1999-12-31T23:59:59+00:00", OutOfRange, id="before-earliest"),
        pytest.param("2999-01-01", OutOfRange, id="after-latest"),
    ],
)
def test_parse_timestamp_rejects_naming_the_field(value, error):
    with pytest.raises(error) as caught:
        parse_timestamp(value, "observed_at")
    assert caught.value.field == "observed_at"


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        pytest.param("2026-12-01T21:49:31+00:00", datetime(2026, 12, 1, 21, 49, 31, tzinfo=UTC)),
        pytest.param(None, None, id="missing"),
        pytest.param("", None, id="empty"),
        pytest.param("garbage", None, id="unreadable"),
        pytest.param("3000-01-01T00:00:00+00:00", None, id="out-of-bounds"),
    ],
)
def test_read_timestamp_is_lenient_for_stored_rows(value, moment):
    assert read_timestamp(value) == moment


def test_as_written_keeps_the_offset():
    moment = as_written("2026-12-01T21:49:31+08:00")
    assert moment is not None and moment.utcoffset() == timezone(timedelta(hours=8)).utcoffset(None)
    assert as_written("2026-12-01T21:49:31").tzinfo is None and as_written("soon") is None


def test_the_bounds_are_the_order_events_bounds():
    from vetting.policy import EARLIEST_EVENT, LATEST_EVENT

    assert (
        (EARLIEST, LATEST)
        == (EARLIEST_EVENT, LATEST_EVENT)
        == (date(2000, 1, 1), date(2199, 12, 31))
    )


def test_no_other_module_parses_iso_dates():
    """`fromisoformat`/`strptime` appear only in vetting/dates.py. Not yet moved: the summary
    store's `_utc` (to become `read_timestamp`). Not a day or timestamp parser: the page reader's
    Alibaba-format "20260914" service dates (scrapers/pages/readspec.py)."""
    allowed = {"vetting/dates.py", "scrapers/pages/readspec.py"}
    found = []
    for package in ("vetting", "scrapers", "server", "sitegen", "vetcli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in ("fromisoformat", "strptime"):
                    found.append(rel)
    assert sorted(set(found) - allowed) == []
