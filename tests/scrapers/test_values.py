"""Value parsing as a table: the strings Alibaba shows → typed values (None means unknown)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scrapers.values import (
    parse_flag,
    parse_hours,
    parse_money,
    parse_moq,
    parse_percent,
    parse_price_range,
    parse_years,
)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        pytest.param("US $1,234.56", "1234.56", "USD", id="us-dollar-space"),
        pytest.param("US$ 170,000+", "170000", "USD", id="lower-bound-plus"),
        pytest.param("$1,000+", "1000", "USD", id="bare-dollar"),
        pytest.param("US $1.234,56", "1234.56", "USD", id="eu-separators"),
        pytest.param("46,000", "46000", "USD", id="ta-limit-no-currency"),
        pytest.param("12,5", "12.5", "USD", id="decimal-comma"),
        pytest.param("€ 2.500,00", "2500.00", "EUR", id="euro-separators"),
        pytest.param("CN¥82.34", "82.34", "CNY", id="yuan"),
        pytest.param("GH₵1,957.89", "1957.89", "GHS", id="cedi"),
    ],
)
def test_parse_money(text, amount, currency):
    money = parse_money(text, default_currency="USD")  # the page's documented currency
    assert money.amount == Decimal(amount)
    assert money.currency == currency
    assert money.raw == text  # the raw text is kept beside the value


@pytest.mark.parametrize(
    ("text", "years"),
    [
        pytest.param("1  yr", 1, id="double-space"),
        pytest.param("3 yrs", 3, id="yrs"),
        pytest.param("1 YRS", 1, id="upper"),
        pytest.param("7 yrs on Alibaba.com", 7, id="on-alibaba"),
        pytest.param("9", 9, id="bare-number"),
        pytest.param("{0} years", None, id="template-placeholder"),
        pytest.param("96.7%", None, id="not-years"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        pytest.param("≤3h", 3.0, id="le-3h"),
        pytest.param("≤24h", 24.0, id="le-24h"),
        pytest.param("≤11h", 11.0, id="le-11h"),
        pytest.param("1 day", 24.0, id="day"),
        pytest.param("fast", None, id="no-number"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_hours(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        pytest.param("96.7%", 96.7, id="decimal"),
        pytest.param("100.0%", 100.0, id="hundred"),
        pytest.param("89.6 %", 89.6, id="space"),
        pytest.param("96.7", None, id="no-percent-sign"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_percent(text, percent):
    assert parse_percent(text) == percent


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        pytest.param("US $3.79-$6.79", "3.79", "6.79", "USD", id="range"),
        pytest.param("$0.10 - $0.17", "0.10", "0.17", "USD", id="spaced-range"),
        pytest.param("US $13.00", "13.00", "13.00", "USD", id="single"),
        pytest.param("US $1,232.00-$2,000.00", "1232.00", "2000.00", "USD", id="thousands"),
    ],
)
def test_parse_price_range(text, low, high, currency):
    assert parse_price_range(text) == (Decimal(low), Decimal(high), currency)


def test_parse_price_range_unknown():
    assert parse_price_range(None) == (None, None, None)
    assert parse_price_range("Negotiable") == (None, None, None)


@pytest.mark.parametrize(
    ("text", "moq", "unit"),
    [
        pytest.param("50 Pieces", 50, "Pieces", id="pieces"),
        pytest.param("10.0 pieces", 10, "pieces", id="float"),
        pytest.param("1,000 Sets", 1000, "Sets", id="thousands"),
        pytest.param("300 - 1000 pairs", 300, "pairs", id="ladder-row"),
        pytest.param("1", 1, None, id="bare"),
        pytest.param(None, None, None, id="none"),
    ],
)
def test_parse_moq(text, moq, unit):
    assert parse_moq(text) == (moq, unit)


@pytest.mark.parametrize(
    ("value", "flag"),
    [
        pytest.param(True, True, id="true"),
        pytest.param(False, False, id="false"),
        pytest.param("1", True, id="str-1"),
        pytest.param("0", False, id="str-0"),
        pytest.param("", None, id="empty-is-unknown"),
        pytest.param(None, None, id="missing-is-unknown"),
        pytest.param(7, None, id="other-int"),
    ],
)
def test_parse_flag(value, flag):
    assert parse_flag(value) is flag
