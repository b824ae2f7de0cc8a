"""The ``alibaba-2026`` policy profile: only what current sources state, each rule and fact with
its source; where no source states a number it says so; the earliest deadline still wins."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.pages.readspec import SPEC
from vetting.policy import ALL_PROFILES, PROFILES, deadlines

PROFILE = ALL_PROFILES["alibaba-2026"]
DONE_WHEN = {"shipped": "2026-01-10", "cleared": "2026-02-10", "received": "2026-02-15"}
HELP_PAGES = ("https://service.alibaba.com/buyer/", "https://sale.alibaba.com/")


def _is_page_field(source: str) -> bool:
    """A field the 2026 product page states (declared in the reading spec or the seller JSON)."""
    return source.startswith("globalData.seller.")


def test_every_rule_and_fact_cites_its_source():
    assert PROFILE.rules and PROFILE.facts
    for rule in PROFILE.rules:
        assert rule.source and rule.source.startswith(HELP_PAGES), rule.id
    for fact in PROFILE.facts:
        assert fact.source.startswith(HELP_PAGES) or _is_page_field(fact.source), fact.id
    declared = SPEC["kinds"]["product-detail-2026"]["signals"]["ta_limit"]["paths"]
    limit = next(f for f in PROFILE.facts if f.id == "alibaba-2026.supplier-limit")
    assert limit.source in declared  # the field the parser reads


def test_unstated_numbers_are_said_to_be_unstated():
    dispatch = next(f for f in PROFILE.facts if f.id == "alibaba-2026.dispatch-guarantee")
    assert dispatch.number is None and "no compensation figure" in dispatch.text
    assert any("No current source states" in f.text for f in PROFILE.facts)
    assert PROFILE.effective_from is None  # the help pages carry no date: none is invented


def test_todays_profile_is_applied_by_default():
    assert "alibaba-2026" in PROFILES
    assert [p.id for p in deadlines(DONE_WHEN).applied] == ["seed", "alibaba-2017", "alibaba-2026"]


@pytest.mark.parametrize(
    ("events", "rule", "expected"),
    [
        pytest.param(DONE_WHEN, "alibaba-2026.claim-after-receipt", "2026-03-17", id="30-days"),
        pytest.param(
            {"dispute_opened": "2026-03-01"},
            "alibaba-2026.escalate-from-day-4",
            "2026-03-04",
            id="day-4",
        ),
        pytest.param(
            {"dispute_opened": "2026-03-01"},
            "alibaba-2026.auto-escalation-day-7",
            "2026-03-07",
            id="auto-day-7",
        ),
    ],
)
def test_rule_dates(events, rule, expected):
    result = deadlines(events, ["alibaba-2026"])
    assert {d.rule: d.date.isoformat() for d in result.deadlines}[rule] == expected


def test_earliest_deadline_wins_across_profiles():
    result = deadlines(DONE_WHEN, ["seed", "alibaba-2017", "alibaba-2026"])
    assert result.act_by is not None
    assert (result.act_by.rule, result.act_by.date) == (
        "seed.quality-after-clearance",
        date(2026, 2, 25),
    )
    alone = deadlines(DONE_WHEN, ["alibaba-2026"])
    assert alone.act_by is not None and alone.act_by.rule == "alibaba-2026.claim-after-receipt"
    past = deadlines(DONE_WHEN, ["alibaba-2026"], today=date(2026, 3, 18))
    assert past.act_by is None  # the only deadline is past: nothing left to act by


def test_json_and_ical_carry_the_profile():
    result = deadlines(DONE_WHEN, ["alibaba-2026"])
    [doc] = result.to_json()["profiles"]
    assert doc["id"] == "alibaba-2026" and doc["source_url"].startswith(HELP_PAGES)
    assert {f["id"] for f in doc["facts"]} == {f.id for f in PROFILE.facts}
    assert "alibaba-2026.claim-after-receipt" in result.to_ical()
