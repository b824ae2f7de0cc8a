"""The shared value vectors (tests/vectors/values.json, also run by the extension) through
scrapers/values.py: every case, including the refusals and their reasons."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scrapers.values import read_value
from tests.helpers.vectors import CASES


def _normal(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


def _plain(kind: str, value):
    if value is None:
        return None
    if kind == "money":
        return {"amount": _normal(value.amount), "currency": value.currency}
    if kind == "number":
        return _normal(value)
    return value


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_value_vector(case):
    max_amount = case.get("max_amount")
    value, why = read_value(
        case["kind"],
        case["input"],
        default_currency=case.get("default_currency"),
        max_amount=None if max_amount is None else Decimal(max_amount),
    )
    assert _plain(case["kind"], value) == case["expect"]
    if case["expect"] is None:
        assert why, "an unknown value says why"
        assert case.get("why", "") in why
    else:
        assert why is None


def test_vector_names_are_unique_and_kinds_known():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    assert {c["kind"] for c in CASES} <= {
        "money",
        "number",
        "hours",
        "percent",
        "years",
        "flag",
        "rating",
        "count",
    }
