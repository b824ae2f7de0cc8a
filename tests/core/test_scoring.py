"""Supplier score: one named row per rule, citing its source (DESIGN §4-5, seed rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from vetting.model import Money, Signal, Supplier
from vetting.scoring import (
    BASE_SCORE,
    GOLD_REMINDER,
    METHODOLOGY_VERSION,
    THRESHOLDS,
    WARNINGS,
    WEIGHTS,
    grade_for,
    methodology,
    score_supplier,
)

NOW = datetime(2026, 3, 1, tzinfo=UTC)
SEEN = "2026-02-20T10:00:00+00:00"
LIMIT = Money(Decimal("10000"), "USD")


def supplier(**values) -> Supplier:
    signals = {k: Signal(k, v, observed_at=SEEN) for k, v in values.items()}
    return Supplier("1", "Test Co", signals=signals, last_checked=SEEN)


def codes(sup: Supplier) -> list[str]:
    return score_supplier(sup, now=NOW).codes


# (row id citing the rule, signals, warning codes that must appear, codes that must not)
WARNING_ROWS = [
    pytest.param(
        dict(trade_assurance=False, verified=True),
        ["NO_TRADE_ASSURANCE"],
        ["TRADE_ASSURANCE_UNKNOWN"],
        id="seed-1-no-ta-mark-is-a-strong-warning",
    ),
    pytest.param(
        dict(verified=True, years_on_alibaba=6),
        ["TRADE_ASSURANCE_UNKNOWN"],
        ["NO_TRADE_ASSURANCE"],
        id="design-5-ta-unknown-says-so-not-no",
    ),
    pytest.param(
        dict(trade_assurance=True, verified=True),
        ["COVERAGE_LIMIT_UNKNOWN"],
        [],
        id="alibaba-help-ta-mark-without-limit-limit-unknown",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, verified=False),
        ["UNVERIFIED"],
        ["COVERAGE_LIMIT_UNKNOWN"],
        id="seed-7-unverified-company",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, business_type="Trading Company"),
        ["TRADING_COMPANY"],
        [],
        id="seed-7-trading-company-informational",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, business_type="Manufacturer,Trading Company"),
        [],
        ["TRADING_COMPANY"],
        id="manufacturer-and-trader-is-not-trading-only",
    ),
    pytest.param(
        dict(trade_assurance=True, years_on_alibaba=1),
        ["NEW_SUPPLIER"],
        [],
        id="new-supplier-below-2-years",
    ),
    pytest.param(
        dict(trade_assurance=True, years_on_alibaba=2),
        [],
        ["NEW_SUPPLIER"],
        id="boundary-exactly-2-years-is-not-new",
    ),
    pytest.param(
        dict(trade_assurance=True, on_time_delivery=89.9),
        ["LOW_ON_TIME_DELIVERY"],
        [],
        id="low-on-time-delivery-below-90",
    ),
    pytest.param(
        dict(trade_assurance=True, on_time_delivery=90.0),
        [],
        ["LOW_ON_TIME_DELIVERY"],
        id="boundary-on-time-exactly-90-is-not-low",
    ),
    pytest.param(
        dict(trade_assurance=True, response_time=48.0),
        ["SLOW_RESPONSE"],
        [],
        id="slow-response-over-24h",
    ),
    pytest.param(
        dict(trade_assurance=True, response_rate=30.0),
        ["SLOW_RESPONSE"],
        [],
        id="slow-response-low-response-rate",
    ),
    pytest.param(
        dict(trade_assurance=True, review_count=3, rating=5.0),
        ["FEW_REVIEWS"],
        [],
        id="few-reviews-rating-not-weighed",
    ),
    pytest.param(
        dict(trade_assurance=True, review_count=0),
        ["FEW_REVIEWS"],
        [],
        id="boundary-zero-reviews",
    ),
    pytest.param(
        dict(gold_supplier=True, trade_assurance=False, verified=False),
        ["GOLD_BADGE_ALONE"],
        [],
        id="seed-6-gold-only-positive-signal",
    ),
    pytest.param(
        dict(gold_supplier=True, trade_assurance=True, ta_limit=LIMIT),
        [],
        ["GOLD_BADGE_ALONE"],
        id="seed-6-gold-with-ta-is-not-alone",
    ),
    pytest.param(
        dict(trade_assurance=True, response_rate=None, on_time_delivery=None, rating=None),
        [],
        ["SLOW_RESPONSE", "LOW_ON_TIME_DELIVERY", "FEW_REVIEWS"],
        id="alibaba-help-hidden-metrics-are-unknown-not-bad",
    ),
]


@pytest.mark.parametrize("signals, present, absent", WARNING_ROWS)
def test_warning_rules(signals, present, absent):
    got = codes(supplier(**signals))
    for code in present:
        assert code in got
    for code in absent:
        assert code not in got


# (signals, expected score) from BASE_SCORE and the named weights
SCORE_ROWS = [
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, verified=True),
        BASE_SCORE + WEIGHTS["trade_assurance_yes"] + WEIGHTS["verified_yes"],
        id="ta-and-verified",
    ),
    pytest.param(
        dict(trade_assurance=False, verified=False),
        BASE_SCORE + WEIGHTS["trade_assurance_no"] + WEIGHTS["verified_no"],
        id="seed-1-no-ta-costs-most",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, review_count=50, rating=4.8),
        BASE_SCORE + WEIGHTS["trade_assurance_yes"] + WEIGHTS["rating_high"],
        id="rating-with-enough-reviews",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, review_count=50, rating=3.0),
        BASE_SCORE + WEIGHTS["trade_assurance_yes"] + WEIGHTS["rating_low"],
        id="low-rating-with-enough-reviews",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, rating=1.0),
        BASE_SCORE + WEIGHTS["trade_assurance_yes"],
        id="rating-without-review-count-counts-nothing",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, years_on_alibaba=12, on_time_delivery=99.0),
        BASE_SCORE
        + WEIGHTS["trade_assurance_yes"]
        + WEIGHTS["established_supplier"]
        + WEIGHTS["on_time_delivery_high"],
        id="established-and-punctual",
    ),
    pytest.param(
        dict(trade_assurance=True, ta_limit=LIMIT, gold_supplier=True),
        BASE_SCORE + WEIGHTS["trade_assurance_yes"] + WEIGHTS["gold_supplier_yes"],
        id="seed-6-gold-adds-almost-nothing",
    ),
]


@pytest.mark.parametrize("signals, expected", SCORE_ROWS)
def test_score_values(signals, expected):
    sc = score_supplier(supplier(**signals), now=NOW)
    assert sc.value == expected
    assert sc.grade == grade_for(expected)
    assert sum(r.effect for r in sc.reasons) == expected - BASE_SCORE


def test_gold_weight_is_almost_nothing():
    # Seed rule 6: the paid badge must never outweigh any real signal.
    others = [abs(v) for k, v in WEIGHTS.items() if k != "gold_supplier_yes"]
    assert 0 <= WEIGHTS["gold_supplier_yes"] < min(others)


@pytest.mark.parametrize(
    "signals",
    [
        pytest.param(dict(gold_supplier=True), id="gold-only"),
        pytest.param(dict(gold_supplier=True, trade_assurance=True, verified=True), id="gold-ta"),
        pytest.param(dict(gold_supplier=True, trade_assurance=False), id="gold-no-ta"),
    ],
)
def test_gold_reminder_whenever_gold_is_shown(signals):
    doc = score_supplier(supplier(**signals), now=NOW).to_json()
    gold = [r for r in doc["reasons"] if r["signal"] == "gold_supplier"]
    assert gold and GOLD_REMINDER in gold[0]["evidence"]
    assert gold[0]["observed_at"] == SEEN


def test_no_gold_no_reminder():
    doc = score_supplier(supplier(gold_supplier=False, trade_assurance=True), now=NOW).to_json()
    assert GOLD_REMINDER not in str(doc)


@pytest.mark.parametrize(
    "signals",
    [
        pytest.param({}, id="nothing-known"),
        pytest.param(dict(gold_supplier=True, location="CN"), id="gold-and-location-only"),
        pytest.param(dict(trade_assurance=True), id="one-scored-signal"),
    ],
)
def test_insufficient_data(signals):
    doc = score_supplier(supplier(**signals), now=NOW).to_json()
    assert doc["status"] == "insufficient data"
    assert doc["value"] is None and doc["grade"] is None
    assert doc["methodology"] == METHODOLOGY_VERSION


@pytest.mark.parametrize(
    "age_days, stale",
    [
        pytest.param(THRESHOLDS["stale_after_days"], False, id="boundary-exactly-at-age"),
        pytest.param(THRESHOLDS["stale_after_days"] + 1, True, id="one-day-older-is-stale"),
        pytest.param(0, False, id="fresh"),
    ],
)
def test_stale_data(age_days, stale):
    checked = (NOW - timedelta(days=age_days)).isoformat()
    sup = supplier(trade_assurance=True, verified=True)
    sup.last_checked = checked
    assert ("STALE_DATA" in score_supplier(sup, now=NOW).codes) is stale


def test_stale_after_is_configurable():
    sup = supplier(trade_assurance=True, verified=True)  # last checked 2026-02-20
    assert "STALE_DATA" in score_supplier(sup, now=NOW, stale_after=timedelta(days=3)).codes
    assert "STALE_DATA" not in score_supplier(sup, now="2026-02-21T00:00:00+00:00").codes


def test_json_shape_and_actions():
    doc = score_supplier(supplier(trade_assurance=False, verified=False), now=NOW).to_json()
    assert set(doc) == {"value", "grade", "status", "reasons", "warnings", "actions", "methodology"}
    assert set(doc["reasons"][0]) == {"signal", "effect", "evidence", "observed_at"}
    assert {"code", "message"} <= set(doc["warnings"][0])
    assert WARNINGS["NO_TRADE_ASSURANCE"][2] in doc["actions"]
    assert doc["warnings"][0]["severity"] == "strong"


def test_score_is_clamped_to_0_100():
    worst = supplier(
        trade_assurance=False,
        verified=False,
        years_on_alibaba=0,
        on_time_delivery=10.0,
        response_time=200.0,
        review_count=100,
        rating=1.0,
    )
    assert score_supplier(worst, now=NOW).value == max(
        0,
        BASE_SCORE
        + WEIGHTS["trade_assurance_no"]
        + WEIGHTS["verified_no"]
        + WEIGHTS["new_supplier"]
        + WEIGHTS["on_time_delivery_low"]
        + WEIGHTS["slow_response"]
        + WEIGHTS["rating_low"],
    )


def test_methodology_table_is_built_from_the_constants():
    rows = methodology()
    by_name = {r["name"]: r for r in rows}
    assert len(by_name) == len(rows), "names are unique"
    for name, points in WEIGHTS.items():
        assert by_name[name]["value"] == points and by_name[name]["kind"] == "weight"
    for name, limit in THRESHOLDS.items():
        assert by_name[name]["value"] == limit and by_name[name]["meaning"]
    for code in WARNINGS:
        assert by_name[code]["kind"] == "warning"
    assert all({"name", "value", "meaning"} <= set(r) for r in rows)
    assert by_name["version"]["value"] == METHODOLOGY_VERSION
