"""Supplier score: 0-100 and a grade, with the reason for every point. Pure functions.

The score is about supplier-profile and transaction risk, never about product quality.
Unknown signals add nothing and cost nothing: hidden is not bad (DESIGN §4, Alibaba help).
Every weight and threshold is a named constant in `vetting.scoring_rules` (re-exported here);
`methodology()` renders them as one table for the site's methodology page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from vetting.dates import read_timestamp
from vetting.model import Supplier
from vetting.scoring_rules import (
    BASE_SCORE,
    GOLD_REMINDER,
    GRADE_FLOORS,
    METHODOLOGY_VERSION,
    MIN_KNOWN_SIGNALS,
    SCORED_SIGNALS,
    STALE_AFTER,
    THRESHOLDS,
    WARNINGS,
    WEIGHT_MEANINGS,
    WEIGHTS,
    methodology,
)

# Re-exported: callers import the method's constants and table from here.
__all__ = [
    "METHODOLOGY_VERSION",
    "GOLD_REMINDER",
    "BASE_SCORE",
    "WEIGHTS",
    "WEIGHT_MEANINGS",
    "THRESHOLDS",
    "MIN_KNOWN_SIGNALS",
    "SCORED_SIGNALS",
    "STALE_AFTER",
    "GRADE_FLOORS",
    "WARNINGS",
    "methodology",
    "Reason",
    "Warning",
    "Score",
    "grade_for",
    "score_supplier",
]


@dataclass
class Reason:
    signal: str
    effect: int
    evidence: str
    observed_at: str | None = None


@dataclass
class Warning:
    code: str
    message: str
    severity: str = "warning"


@dataclass
class Score:
    """``to_json()`` keys: value, grade, status, reasons, warnings, actions, methodology."""

    value: int | None
    grade: str | None
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    methodology: str = METHODOLOGY_VERSION

    @property
    def insufficient(self) -> bool:
        return self.value is None

    @property
    def codes(self) -> list[str]:
        return [w.code for w in self.warnings]

    def to_json(self) -> dict[str, Any]:
        # By hand, not dataclasses.asdict: its recursive deep copy was a third of each write.
        return {
            "value": self.value,
            "grade": self.grade,
            "reasons": [vars(r).copy() for r in self.reasons],
            "warnings": [vars(w).copy() for w in self.warnings],
            "actions": list(self.actions),
            "methodology": self.methodology,
            "status": "insufficient data" if self.value is None else "scored",
        }


def grade_for(value: int) -> str:
    for floor, grade in GRADE_FLOORS:
        if value >= floor:
            return grade
    return "F"


class _Scorer:
    """Collects reasons, warnings and actions for one supplier; one method per rule group."""

    def __init__(self, supplier: Supplier):
        self.s = supplier
        self.reasons: list[Reason] = []
        self.warnings: list[Warning] = []

    def add(self, signal: str, weight: str | None, evidence: str) -> None:
        effect = WEIGHTS[weight] if weight else 0
        self.reasons.append(Reason(signal, effect, evidence, self.s.signal(signal).observed_at))

    def warn(self, code: str, detail: str | None = None) -> None:
        severity, meaning, _ = WARNINGS[code]
        message = f"{meaning} ({detail})" if detail else meaning
        self.warnings.append(Warning(code, message, severity))

    def trade_assurance(self) -> None:
        ta = self.s.value("trade_assurance")
        if ta is True:
            self.add("trade_assurance", "trade_assurance_yes", "Trade Assurance mark shown")
            if self.s.value("ta_limit") is None:
                self.warn("COVERAGE_LIMIT_UNKNOWN")
        elif ta is False:
            self.add("trade_assurance", "trade_assurance_no", "no Trade Assurance mark")
            self.warn("NO_TRADE_ASSURANCE")
        else:
            self.warn("TRADE_ASSURANCE_UNKNOWN")

    def company(self) -> None:
        verified = self.s.value("verified")
        if verified is True:
            verifier = self.s.value("verifier")
            by = f" ({verifier})" if verifier else ""
            self.add("verified", "verified_yes", f"verified by a third-party assessment{by}")
        elif verified is False:
            self.add("verified", "verified_no", "not verified by a third party")
            self.warn("UNVERIFIED")
        kind = self.s.value("business_type")
        if isinstance(kind, str) and "trading" in kind.lower() and "manufactur" not in kind.lower():
            self.add("business_type", None, f"business type: {kind}")
            self.warn("TRADING_COMPANY")
        years = self.s.value("years_on_alibaba")
        if isinstance(years, int):
            if years < THRESHOLDS["new_supplier_years"]:
                self.add("years_on_alibaba", "new_supplier", f"{years} year(s) on Alibaba")
                self.warn("NEW_SUPPLIER", f"{years} year(s)")
            elif years >= THRESHOLDS["established_years"]:
                self.add("years_on_alibaba", "established_supplier", f"{years} years on Alibaba")

    def performance(self) -> None:
        on_time = self.s.value("on_time_delivery")
        if isinstance(on_time, int | float):
            if on_time < THRESHOLDS["on_time_low_percent"]:
                self.add("on_time_delivery", "on_time_delivery_low", f"{on_time}% on time")
                self.warn("LOW_ON_TIME_DELIVERY", f"{on_time}%")
            elif on_time >= THRESHOLDS["on_time_high_percent"]:
                self.add("on_time_delivery", "on_time_delivery_high", f"{on_time}% on time")
        hours, rate = self.s.value("response_time"), self.s.value("response_rate")
        slow_rate = isinstance(rate, int | float) and rate < THRESHOLDS["low_response_rate_percent"]
        if isinstance(hours, int | float) and hours > THRESHOLDS["slow_response_hours"]:
            self.add("response_time", "slow_response", f"responds in about {hours:g} h")
            self.warn("SLOW_RESPONSE", f"about {hours:g} h")
        elif slow_rate:
            self.add("response_rate", "slow_response", f"replies to {rate}% of messages")
            self.warn("SLOW_RESPONSE", f"{rate}% response rate")
        elif isinstance(hours, int | float) and hours <= THRESHOLDS["fast_response_hours"]:
            self.add("response_time", "fast_response", f"responds within {hours:g} h")
        self.reviews()

    def reviews(self) -> None:
        count, rating = self.s.value("review_count"), self.s.value("rating")
        if not isinstance(count, int):
            return  # unknown review count: the rating cannot be weighed, and costs nothing
        if count < THRESHOLDS["min_reviews"]:
            self.add("review_count", None, f"{count} review(s): rating not weighed")
            self.warn("FEW_REVIEWS", f"{count}")
        elif isinstance(rating, int | float):
            if rating >= THRESHOLDS["high_rating"]:
                self.add("rating", "rating_high", f"rated {rating} over {count} reviews")
            elif rating < THRESHOLDS["low_rating"]:
                self.add("rating", "rating_low", f"rated {rating} over {count} reviews")

    def gold(self) -> None:
        """Seed rule 6: shown whenever Gold is, with the reminder; never worth much."""
        if self.s.value("gold_supplier") is not True:
            return
        years = self.s.value("gold_years")
        shown = f"Gold Supplier for {years} year(s). " if isinstance(years, int) else ""
        self.add("gold_supplier", "gold_supplier_yes", shown + GOLD_REMINDER)
        positives = [r for r in self.reasons if r.effect > 0 and r.signal != "gold_supplier"]
        if not positives:
            self.warn("GOLD_BADGE_ALONE")

    def staleness(self, now: datetime, stale_after: timedelta) -> None:
        seen = _parse_time(self.s.last_checked) or max(
            (t for s in self.s.signals.values() if (t := _parse_time(s.observed_at))),
            default=None,
        )
        if seen is not None and now - seen > stale_after:
            self.warn("STALE_DATA", f"seen {seen.date().isoformat()}")


_parse_time = read_timestamp


def score_supplier(
    supplier: Supplier,
    now: datetime | str | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> Score:
    """Score ``supplier`` as of ``now`` (default: the current UTC time).

    Returns a `Score` whose ``to_json()`` has value (0-100 or None), grade (A-F or None),
    status ("scored" | "insufficient data"), reasons [{signal, effect, evidence, observed_at}],
    warnings [{code, message, severity}], actions [str] and methodology (the version).
    Data whose last check is older than ``stale_after`` gets STALE_DATA.
    """
    moment = _parse_time(now) if isinstance(now, str) else now
    scorer = _Scorer(supplier)
    scorer.trade_assurance()
    scorer.company()
    scorer.performance()
    scorer.gold()
    scorer.staleness(moment or datetime.now(UTC), stale_after)
    actions = [WARNINGS[w.code][2] for w in scorer.warnings]
    known = sum(1 for name in SCORED_SIGNALS if supplier.signal(name).known)
    if known < MIN_KNOWN_SIGNALS:
        return Score(None, None, scorer.reasons, scorer.warnings, actions)
    value = max(0, min(100, BASE_SCORE + sum(r.effect for r in scorer.reasons)))
    return Score(value, grade_for(value), scorer.reasons, scorer.warnings, actions)
