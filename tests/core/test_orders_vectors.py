"""The shared coverage vectors (tests/vectors/coverage.json) against the Python order check.

The JavaScript port runs the same file under `node --test`; each case cites its rule source.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.helpers.paths import VECTORS
from vetting.model import Money
from vetting.order_input import parse_order
from vetting.orders import OrderError, check_order

VECTORS = VECTORS / "coverage.json"
CASES = json.loads(VECTORS.read_text())["cases"]
REQUIRED_INPUT_KEYS = {
    "order_value",
    "currency",
    "deposit",
    "payment",
    "coverage",
    "trade_assurance",
    "ta_limit",
    "rate",
}


def run_case(inp: dict):
    order = parse_order(
        inp["order_value"],
        inp["currency"],
        inp["deposit"],
        inp["payment"],
        inp["coverage"],
        inp["rate"],
    )
    limit = inp["ta_limit"]
    money = None if limit is None else Money(Decimal(limit["amount"]), limit["currency"])
    return check_order(order, inp["trade_assurance"], money)


def _dec(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_vector(case):
    assert case["source"], "every vector cites its rule source"
    assert set(case["input"]) == REQUIRED_INPUT_KEYS
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(OrderError) as info:
            run_case(case["input"])
        assert info.value.field == expected["error"]["field"]
        return
    result = run_case(case["input"])
    doc = result.to_json()
    assert _dec(doc["covered"]) == _dec(expected["covered"])
    assert _dec(doc["uncovered"]) == _dec(expected["uncovered"])
    assert [f["code"] for f in doc["flags"]] == expected["flags"]
    if "rate" in expected:
        assert doc["rate"] == expected["rate"]


def test_vectors_cover_every_boundary_the_brief_names():
    ids = {c["id"] for c in CASES}
    for needed in (
        "exactly-at-limit",
        "zero-order-value",
        "negative-order-value",
        "nan-order-value",
        "huge-order-value-at-max",
        "unknown-limit",
        "unknown-ta-and-limit",
        "no-trade-assurance",
        "off-platform-within-limit",
        "pre-shipment-deposit-percent",
        "pre-shipment-deposit-amount",
        "currency-mismatch-without-rate",
        "currency-mismatch-with-rate",
    ):
        assert needed in ids
    assert len(ids) == len(CASES), "vector ids are unique"
