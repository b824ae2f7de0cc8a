"""The shared scoring vectors (tests/vectors/scoring.json) against vetting.scoring, and the
exported rule table the extension scores with (extension/src/lib/scoring-rules.js) is current.
The same vectors run in node against the extension's lib/score.js (extension/test/score.test.js).
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import VECTORS
from vetting import export_rules
from vetting.model import Signal, Supplier, decode_value
from vetting.scoring import score_supplier

VECTORS = json.loads((VECTORS / "scoring.json").read_text())
CASES = VECTORS["cases"]


def supplier(case: dict) -> Supplier:
    signals = {
        name: Signal(name, decode_value(name, value), observed_at=case["observed_at"])
        for name, value in case["signals"].items()
    }
    return Supplier("100000001", signals=signals)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scoring_vector(case):
    got = score_supplier(supplier(case), now=case["now"]).to_json()
    want = case["expected"]
    assert got["value"] == want["value"]
    assert got["grade"] == want["grade"]
    assert got["status"] == want["status"]
    assert [w["code"] for w in got["warnings"]] == want["warnings"]
    assert [[r["signal"], r["effect"]] for r in got["reasons"]] == want["reasons"]


def test_vectors_name_the_cases_the_issue_asks_for():
    names = " ".join(c["name"] for c in CASES)
    for needed in ("insufficient data", "GOLD_BADGE_ALONE", "no TA", "TA limit unknown", "stale"):
        assert needed in names


def test_exported_rule_table_and_reading_spec_are_current():
    for target, text in export_rules.outputs().items():
        assert target.read_text(encoding="utf-8") == text, (
            f"{target.name} is stale: run python -m vetting.export_rules"
        )
    assert export_rules.main(["--check"]) == 0
