"""Supplier score: 0-100 and a grade, with the reason for every point. Pure functions.

The score is about supplier-profile and transaction risk, never about product quality.
Unknown signals add nothing and cost nothing: hidden is not bad.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from vetting.model import Supplier

METHODOLOGY_VERSION = "0.1"
GOLD_REMINDER = "Gold Supplier is a paid membership; the badge proves nothing by itself."

# Points each known signal moves the score by, from a neutral base. One table, rendered on the
# methodology page.
BASE_SCORE = 50
WEIGHTS: dict[str, int] = {
    "trade_assurance_yes": 20,
    "trade_assurance_no": -35,
    "verified_yes": 15,
    "gold_supplier_yes": 1,  # paid membership: almost nothing by itself
}
# Fewer known signals than this and the grade is "insufficient data".
MIN_KNOWN_SIGNALS = 2
GRADE_FLOORS: list[tuple[int, str]] = [(80, "A"), (65, "B"), (50, "C"), (35, "D"), (0, "F")]


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


@dataclass
class Score:
    value: int | None
    grade: str | None
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    methodology: str = METHODOLOGY_VERSION

    @property
    def insufficient(self) -> bool:
        return self.value is None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = "insufficient data" if self.value is None else "scored"
        return data


def grade_for(value: int) -> str:
    for floor, grade in GRADE_FLOORS:
        if value >= floor:
            return grade
    return "F"


def score_supplier(supplier: Supplier) -> Score:
    reasons: list[Reason] = []
    warnings: list[Warning] = []
    actions: list[str] = []

    def add(signal: str, key: str, evidence: str) -> None:
        s = supplier.signal(signal)
        reasons.append(Reason(signal, WEIGHTS[key], evidence, s.observed_at))

    ta = supplier.value("trade_assurance")
    if ta is True:
        add("trade_assurance", "trade_assurance_yes", "Trade Assurance mark shown")
    elif ta is False:
        add("trade_assurance", "trade_assurance_no", "no Trade Assurance mark")
        warnings.append(
            Warning("NO_TRADE_ASSURANCE", "No Trade Assurance: Alibaba will not refund.")
        )
        actions.append("Pay only suppliers that offer Trade Assurance, through Alibaba's checkout.")
    else:
        warnings.append(Warning("TRADE_ASSURANCE_UNKNOWN", "Trade Assurance status is unknown."))
    if supplier.value("verified") is True:
        add("verified", "verified_yes", "verified by a third-party assessment")
    gold = supplier.value("gold_supplier")
    if gold is True:
        add("gold_supplier", "gold_supplier_yes", GOLD_REMINDER)
        if all(r.signal == "gold_supplier" or r.effect <= 0 for r in reasons):
            warnings.append(
                Warning(
                    "GOLD_BADGE_ALONE",
                    "Gold Supplier is the only positive signal. " + GOLD_REMINDER,
                )
            )
    if ta is True and supplier.value("ta_limit") is None:
        warnings.append(Warning("COVERAGE_LIMIT_UNKNOWN", "The Trade Assurance limit is unknown."))

    known = sum(1 for s in supplier.signals.values() if s.known)
    if known < MIN_KNOWN_SIGNALS:
        return Score(None, None, reasons, warnings, actions)
    value = max(0, min(100, BASE_SCORE + sum(r.effect for r in reasons)))
    return Score(value, grade_for(value), reasons, warnings, actions)
