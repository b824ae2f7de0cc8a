"""Order check beyond the shared vectors: parts with reasons, actions, parsing, the JSON shape."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vetting.document import supplier_document as supplier_json
from vetting.model import Money, Signal, Supplier
from vetting.order_input import order_from_json, parse_order, parse_rate
from vetting.orders import OrderError, check_coverage, check_order

USD10K = Money(Decimal("10000"), "USD")


def parts(result):
    return [(p["status"], p["amount"], p["reason_code"]) for p in result.to_json()["parts"]]


@pytest.mark.parametrize(
    "order, ta, limit, expected",
    [
        pytest.param(
            parse_order("25000"),
            True,
            USD10K,
            [("covered", 10000, "WITHIN_LIMIT"), ("uncovered", 15000, "ABOVE_LIMIT")],
            id="seed-2-above-limit",
        ),
        pytest.param(
            parse_order("25000", deposit="50%", coverage="pre-shipment"),
            True,
            USD10K,
            [
                ("covered", 10000, "WITHIN_LIMIT"),
                ("uncovered", 2500, "ABOVE_LIMIT"),
                ("uncovered", 12500, "BALANCE_NOT_COVERED"),
            ],
            id="seed-3-pre-shipment-advance-above-limit-and-balance",
        ),
        pytest.param(
            parse_order("5000", payment="off-platform"),
            True,
            USD10K,
            [("uncovered", 5000, "OFF_PLATFORM")],
            id="alibaba-help-off-platform",
        ),
        pytest.param(
            parse_order("5000"),
            False,
            None,
            [("uncovered", 5000, "NO_TRADE_ASSURANCE")],
            id="seed-1-no-ta",
        ),
        pytest.param(
            parse_order("25000", deposit="30%", coverage="pre-shipment"),
            True,
            None,
            [("unknown", 7500, "LIMIT_UNKNOWN"), ("uncovered", 17500, "BALANCE_NOT_COVERED")],
            id="pre-shipment-unknown-limit-balance-still-uncovered",
        ),
        pytest.param(
            parse_order("500"),
            None,
            None,
            [("unknown", 500, "TRADE_ASSURANCE_UNKNOWN")],
            id="ta-unknown",
        ),
    ],
)
def test_parts_carry_their_reason(order, ta, limit, expected):
    result = check_order(order, ta, limit)
    assert parts(result) == expected
    assert all(p["reason"] for p in result.to_json()["parts"])
    assert sum(p[1] for p in expected) == result.to_json()["value"]


@pytest.mark.parametrize(
    "order, ta, limit, wanted",
    [
        pytest.param(parse_order("25000"), True, USD10K, "Split the order", id="split"),
        pytest.param(
            parse_order("25000", deposit="60%"), True, USD10K, "Lower the deposit", id="deposit"
        ),
        pytest.param(
            parse_order("100", payment="off-platform"),
            True,
            USD10K,
            "Pay only through Alibaba's Trade Assurance checkout",
            id="pay-through-ta",
        ),
        pytest.param(
            parse_order("100", deposit="30%", coverage="pre-shipment"),
            True,
            USD10K,
            "pre-shipment inspection",
            id="inspection-with-pre-shipment",
        ),
        pytest.param(parse_order("100"), True, None, "confirm its Trade Assurance limit", id="ask"),
    ],
)
def test_actions(order, ta, limit, wanted):
    actions = check_order(order, ta, limit).actions
    assert any(wanted in a for a in actions), actions


def test_no_actions_when_fully_covered_post_delivery():
    assert check_order(parse_order("4000"), True, USD10K).actions == []


def test_limit_observed_date_and_rate_are_echoed():
    order = parse_order("20000", "eur", rate="USD:EUR:0.92:2026-01-02")
    doc = check_order(order, True, USD10K, "2022-09-01T00:00:00+00:00").to_json()
    assert doc["rate"] == {"from": "USD", "to": "EUR", "rate": "0.92", "date": "2026-01-02"}
    assert doc["limit_observed_at"] == "2022-09-01T00:00:00+00:00"
    assert doc["limit_in_order_currency"] == 9200
    assert doc["currency"] == "EUR"
    assert "9,200 EUR" in doc["flags"][0]["message"]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        pytest.param(dict(value="1e3x"), "order_value", id="garbage-value"),
        pytest.param(dict(value=""), "order_value", id="empty-value"),
        pytest.param(dict(value=None), "order_value", id="missing-value"),
        pytest.param(dict(value=True), "order_value", id="boolean-value"),
        pytest.param(dict(value="100", currency="dollars"), "currency", id="currency-word"),
        pytest.param(dict(value="100", deposit="%"), "deposit", id="bare-percent"),
        pytest.param(dict(value="100", rate="USD:EUR:x"), "rate", id="rate-not-number"),
        pytest.param(dict(value="100", rate="USD:USD:1"), "rate", id="rate-same-currency"),
        pytest.param(dict(value="100", rate="USD:EUR:1:yesterday"), "rate", id="rate-bad-date"),
        pytest.param(dict(value="100", rate=["USD"]), "rate", id="rate-wrong-type"),
    ],
)
def test_parse_order_errors_name_the_field(kwargs, field):
    with pytest.raises(OrderError) as info:
        parse_order(kwargs.pop("value"), **kwargs)
    assert info.value.field == field
    assert str(info.value)


def test_order_from_json_body():
    order = order_from_json(
        {
            "supplier": "259052175",
            "order_value": 20000,
            "currency": "EUR",
            "deposit": "30%",
            "payment": "TA",
            "coverage": "pre-shipment",
            "rate": {"from": "USD", "to": "EUR", "rate": "0.92", "date": "2026-01-02"},
        }
    )
    assert order.value == Decimal(20000) and order.currency == "EUR"
    assert order.deposit and order.deposit.percent == Decimal(30)
    assert order.payment == "ta" and order.coverage == "pre-shipment"
    assert order.rate == parse_rate("USD:EUR:0.92:2026-01-02")


@pytest.mark.parametrize(
    "body, field",
    [
        pytest.param([], "body", id="not-an-object"),
        pytest.param({}, "order_value", id="no-value"),
        pytest.param({"order_value": float("nan")}, "order_value", id="json-nan"),
        pytest.param({"order_value": 1e300}, "order_value", id="json-huge"),
    ],
)
def test_order_from_json_errors(body, field):
    with pytest.raises(OrderError) as info:
        order_from_json(body)
    assert info.value.field == field


def test_check_coverage_keeps_the_foundation_contract():
    result = check_coverage(Decimal("20000"), "USD", True, Money(Decimal("12000"), "USD"))
    assert (result.covered, result.uncovered) == (Decimal("12000.00"), Decimal("8000.00"))
    assert [f.code for f in result.flags] == ["ORDER_ABOVE_COVERAGE"]
    with pytest.raises(OrderError):
        check_coverage(Decimal("-1"), "USD", True, None)


def test_supplier_json_order_object():
    sup = Supplier(
        "9",
        "X",
        signals={
            "trade_assurance": Signal("trade_assurance", True),
            "ta_limit": Signal("ta_limit", USD10K, observed_at="2022-09-01T00:00:00+00:00"),
        },
    )
    doc = supplier_json(sup, order=parse_order("25000", deposit="7500"))["order"]
    assert {"value", "covered", "uncovered", "flags"} <= set(doc)
    assert doc["deposit"] == {"percent": None, "amount": 7500, "value": 7500}
    assert doc["limit_observed_at"] == "2022-09-01T00:00:00+00:00"
    legacy = supplier_json(sup, Decimal("25000"), "usd")["order"]
    assert (legacy["covered"], legacy["uncovered"]) == (10000, 15000)
