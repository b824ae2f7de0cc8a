"""The scoring method as data: every weight, threshold, grade floor and warning, with its meaning.

`vetting.scoring` applies these; `methodology()` renders them as one table for the site's
methodology page, so the page and the code cannot disagree. Sources: DESIGN §4-5 (seed rules 1-7,
Alibaba help notes).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

METHODOLOGY_VERSION = "1.0"
GOLD_REMINDER = "Gold Supplier is a paid membership; the badge proves nothing by itself."

# Points each known signal moves the score by, from a neutral base.
BASE_SCORE = 50
WEIGHTS: dict[str, int] = {
    "trade_assurance_yes": 20,
    "trade_assurance_no": -35,
    "verified_yes": 15,
    "verified_no": -5,
    "gold_supplier_yes": 1,  # paid membership: almost nothing by itself (seed rule 6)
    "established_supplier": 5,
    "new_supplier": -5,
    "on_time_delivery_high": 5,
    "on_time_delivery_low": -10,
    "fast_response": 3,
    "slow_response": -5,
    "rating_high": 5,
    "rating_low": -5,
}
WEIGHT_MEANINGS: dict[str, str] = {
    "trade_assurance_yes": "Trade Assurance mark shown: Alibaba refunds up to the limit",
    "trade_assurance_no": "no Trade Assurance mark: no Alibaba refund (seed rule 1)",
    "verified_yes": "company verified by a third-party assessment",
    "verified_no": "company not verified by a third party",
    "gold_supplier_yes": "Gold Supplier: " + GOLD_REMINDER,
    "established_supplier": "at least `established_years` years on Alibaba",
    "new_supplier": "fewer than `new_supplier_years` years on Alibaba",
    "on_time_delivery_high": "on-time delivery at or above `on_time_high_percent`",
    "on_time_delivery_low": "on-time delivery below `on_time_low_percent`",
    "fast_response": "answers within `fast_response_hours` hours",
    "slow_response": "answers after more than `slow_response_hours` hours, or replies to fewer "
    "than `low_response_rate_percent` of messages",
    "rating_high": "rating at or above `high_rating` over at least `min_reviews` reviews",
    "rating_low": "rating below `low_rating` over at least `min_reviews` reviews",
}
THRESHOLDS: dict[str, float] = {
    "new_supplier_years": 2,
    "established_years": 5,
    "on_time_low_percent": 90,
    "on_time_high_percent": 97,
    "fast_response_hours": 6,
    "slow_response_hours": 24,
    "low_response_rate_percent": 50,
    "min_reviews": 10,
    "high_rating": 4.5,
    "low_rating": 4.0,
    "stale_after_days": 90,
    "min_known_signals": 2,
}
# Fewer known scored signals than this and the grade is "insufficient data".
MIN_KNOWN_SIGNALS = int(THRESHOLDS["min_known_signals"])
SCORED_SIGNALS = (
    "trade_assurance",
    "ta_limit",
    "verified",
    "years_on_alibaba",
    "on_time_delivery",
    "response_time",
    "response_rate",
    "review_count",
    "rating",
)
STALE_AFTER = timedelta(days=THRESHOLDS["stale_after_days"])
GRADE_FLOORS: list[tuple[int, str]] = [(80, "A"), (65, "B"), (50, "C"), (35, "D"), (0, "F")]

# Warning code -> (severity, meaning, next action). Codes are stable: clients match on them.
WARNINGS: dict[str, tuple[str, str, str]] = {
    "NO_TRADE_ASSURANCE": (
        "strong",
        "No Trade Assurance: Alibaba will not refund (seed rule 1).",
        "Pay only suppliers that offer Trade Assurance, through Alibaba's checkout.",
    ),
    "TRADE_ASSURANCE_UNKNOWN": (
        "warning",
        "Trade Assurance status is unknown.",
        "Check the supplier page for the Trade Assurance mark before paying.",
    ),
    "COVERAGE_LIMIT_UNKNOWN": (
        "warning",
        "The Trade Assurance limit is not shown, so how much is covered is unknown.",
        "Ask the supplier to confirm its Trade Assurance limit in writing.",
    ),
    "GOLD_BADGE_ALONE": (
        "warning",
        "Gold Supplier is the only positive signal. " + GOLD_REMINDER,
        "Verify the company independently (licence, audit, references) before ordering.",
    ),
    "UNVERIFIED": (
        "warning",
        "The company is not verified by a third-party assessment.",
        "Ask for a third-party verification report or book a factory audit.",
    ),
    "TRADING_COMPANY": (
        "info",
        "A trading company, not the manufacturer: quality depends on a factory you do not see.",
        "Ask which factory makes the goods; inspect at every production stage (seed rule 7).",
    ),
    "NEW_SUPPLIER": (
        "warning",
        "New on Alibaba: little track record.",
        "Start with a small trial order.",
    ),
    "LOW_ON_TIME_DELIVERY": (
        "warning",
        "On-time delivery is low.",
        "Put the shipment date in the contract and plan for delays.",
    ),
    "SLOW_RESPONSE": (
        "info",
        "Slow or rare replies to buyers.",
        "Agree on response times before paying.",
    ),
    "FEW_REVIEWS": (
        "info",
        "Too few reviews for the rating to mean much.",
        "Ask the supplier for buyer references.",
    ),
    "STALE_DATA": (
        "warning",
        "The supplier data is older than the configured age.",
        "Re-check the supplier page before ordering.",
    ),
}


def methodology() -> list[dict[str, Any]]:
    """The whole method as rows {name, kind, value, meaning}: base, weights, thresholds, grades,
    warnings. The site's methodology page renders exactly this."""
    rows: list[dict[str, Any]] = [
        {"name": "version", "kind": "version", "value": METHODOLOGY_VERSION, "meaning": ""},
        {
            "name": "base_score",
            "kind": "base",
            "value": BASE_SCORE,
            "meaning": "every supplier starts here; unknown signals add and cost nothing",
        },
    ]
    for name, points in WEIGHTS.items():
        rows.append(
            {"name": name, "kind": "weight", "value": points, "meaning": WEIGHT_MEANINGS[name]}
        )
    for name, limit in THRESHOLDS.items():
        rows.append(
            {"name": name, "kind": "threshold", "value": limit, "meaning": _THRESHOLD_TEXT[name]}
        )
    for floor, grade in GRADE_FLOORS:
        rows.append(
            {
                "name": f"grade_{grade}",
                "kind": "grade",
                "value": floor,
                "meaning": f"grade {grade} from {floor} points",
            }
        )
    for code, (severity, meaning, action) in WARNINGS.items():
        rows.append(
            {
                "name": code,
                "kind": "warning",
                "value": severity,
                "meaning": f"{meaning} Action: {action}",
            }
        )
    return rows


_THRESHOLD_TEXT: dict[str, str] = {
    "new_supplier_years": "fewer years on Alibaba than this: NEW_SUPPLIER",
    "established_years": "at least this many years on Alibaba: established",
    "on_time_low_percent": "on-time delivery below this percentage: LOW_ON_TIME_DELIVERY",
    "on_time_high_percent": "on-time delivery at or above this percentage counts in favour",
    "fast_response_hours": "average response within this many hours counts in favour",
    "slow_response_hours": "average response slower than this many hours: SLOW_RESPONSE",
    "low_response_rate_percent": "response rate below this percentage: SLOW_RESPONSE",
    "min_reviews": "fewer reviews than this: the rating is ignored (FEW_REVIEWS)",
    "high_rating": "rating at or above this (with enough reviews) counts in favour",
    "low_rating": "rating below this (with enough reviews) counts against",
    "stale_after_days": "data older than this many days: STALE_DATA (configurable)",
    "min_known_signals": "fewer known scored signals than this: insufficient data",
}
