"""The site's view helpers: values in plain words (unknown is never "no"), the reason bars and
the history sparklines."""

from __future__ import annotations

import pytest

from sitegen.views import fmt_value, history_view, reason_bars


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        pytest.param("trade_assurance", None, "unknown", id="unknown-bool-is-not-no"),
        pytest.param("trade_assurance", False, "no", id="false-is-no"),
        pytest.param("verified", True, "yes", id="true-is-yes"),
        pytest.param("ta_limit", None, "unknown", id="unknown-limit"),
        pytest.param("ta_limit", {"amount": 46000, "currency": "USD"}, "46,000 USD", id="money"),
        pytest.param("ta_limit", {"amount": 99.5, "currency": "EUR"}, "99.50 EUR", id="cents"),
        pytest.param("on_time_delivery", 97.25, "97.25%", id="percent"),
        pytest.param("on_time_delivery", 0, "0%", id="zero-percent-is-known"),
        pytest.param("response_time", 3, "within 3 h", id="hours"),
        pytest.param("gold_years", 0, "0", id="zero-years-is-known"),
        pytest.param("main_products", ["nets", "mesh"], "nets, mesh", id="list"),
        pytest.param(
            "transactions",
            {"amount": 3827.3700000000003, "currency": "USD", "count": 36, "flag": True},
            "3,827.37 USD, 36 transactions",
            id="dict-float-noise-rounded",
        ),
    ],
)
def test_values_in_plain_words(name, value, shown):
    assert fmt_value(name, value) == shown


def test_reason_bars_scale_around_zero():
    chart = reason_bars(
        [
            {"signal": "trade_assurance", "effect": 20, "evidence": "TA"},
            {"signal": "verified", "effect": -5, "evidence": "not verified"},
        ]
    )
    up, down = chart["bars"]
    assert up["cls"] == "pos" and down["cls"] == "neg"
    assert up["x"] == chart["axis"] and down["x"] + down["w"] == pytest.approx(chart["axis"])
    assert up["w"] == pytest.approx(4 * down["w"])  # 20 vs 5 points
    assert reason_bars([])["bars"] == []


def test_history_draws_numbers_and_tells_changes():
    rows = [
        {
            "name": "ta_limit",
            "value": {"amount": 46000, "currency": "USD"},
            "observed_at": "2025-01-01T00:00:00",
        },
        {
            "name": "ta_limit",
            "value": {"amount": 10000, "currency": "USD"},
            "observed_at": "2026-01-01T00:00:00",
        },
        {"name": "verified", "value": True, "observed_at": "2025-01-01T00:00:00"},
        {"name": "verified", "value": True, "observed_at": "2025-06-01T00:00:00"},
        {"name": "verified", "value": False, "observed_at": "2026-01-01T00:00:00"},
        {"name": "location", "value": "CN", "observed_at": "2026-01-01T00:00:00"},
    ]
    view = history_view(rows)
    (line,) = view["lines"]
    (first, last) = line["dots"]
    assert first[0] < last[0] and first[1] < last[1]  # later and lower (SVG y grows down)
    assert [c["value"] for c in view["flags"][0]["changes"]] == ["yes", "no"]
    assert history_view([]) == {"lines": [], "flags": [], "single": []}
