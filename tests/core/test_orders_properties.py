"""Invariants of the order check over generated orders (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from vetting.model import Money
from vetting.orders import MAX_ORDER_VALUE, Deposit, Order, check_order

amounts = st.decimals(min_value=Decimal("0.01"), max_value=MAX_ORDER_VALUE, places=2)
limits = st.decimals(min_value=Decimal(0), max_value=Decimal("1000000"), places=2)
percents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2)


@given(value=amounts, limit=limits, ta=st.sampled_from([True, None]))
def test_post_delivery_covered_plus_uncovered_is_the_order(value, limit, ta):
    result = check_order(Order(value, "USD"), ta, Money(limit, "USD"))
    assert result.covered is not None and result.uncovered is not None
    assert result.covered + result.uncovered == value
    assert result.covered == min(value, limit)
    assert ("ORDER_ABOVE_COVERAGE" in [f.code for f in result.flags]) == (value > limit)


@given(value=amounts, limit=limits, pct=percents)
def test_pre_shipment_never_covers_more_than_the_deposit(value, limit, pct):
    order = Order(value, "USD", Deposit(percent=pct), coverage="pre-shipment")
    deposit = order.deposit.of(value) if order.deposit else Decimal(0)
    if deposit == 0:
        return  # rounds to nothing: refused, covered by the vectors
    result = check_order(order, True, Money(limit, "USD"))
    assert result.covered is not None and result.uncovered is not None
    assert result.covered <= min(deposit, limit)
    assert result.covered + result.uncovered == value
    assert sum(p.amount for p in result.parts) == value


@given(value=amounts, route=st.sampled_from(["ta", "off-platform"]))
def test_off_platform_or_no_ta_covers_nothing(value, route):
    no_ta = check_order(Order(value, "USD", payment=route), False, None)
    assert (no_ta.covered, no_ta.uncovered) == (0, value)
    if route == "off-platform":
        off = check_order(Order(value, "USD", payment=route), True, Money(value, "USD"))
        assert (off.covered, off.uncovered) == (0, value)
