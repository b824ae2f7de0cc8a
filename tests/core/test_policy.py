"""Claim deadlines under policy profiles, and their iCalendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from vetting.ical import escape_text, fold, to_ical
from vetting.orders import OrderError
from vetting.policy import PROFILES, EventError, deadlines

DONE_WHEN = {"shipped": "2026-01-10", "cleared": "2026-02-10", "received": "2026-02-15"}


def dates(result, profile):
    return {d.rule: d.date.isoformat() for d in result.for_profile(profile)}


def test_profiles_are_data_with_source_and_effective_date():
    assert set(PROFILES) == {"seed", "alibaba-2017", "alibaba-2026"}
    assert PROFILES["alibaba-2017"].effective_from == "2017-12-08"
    assert PROFILES["alibaba-2026"].effective_from is None  # undated help pages: none invented
    for profile in PROFILES.values():
        assert profile.source and profile.rules
        assert len({r.id for r in profile.rules}) == len(profile.rules)


def test_done_when_each_profile_and_act_by():
    result = deadlines(DONE_WHEN)
    assert dates(result, "seed") == {
        "seed.quality-after-clearance": "2026-02-25",  # seed rule 3: 15 days after clearance
        "seed.quality-after-shipment": "2026-04-10",  # seed rule 3: 90 days after shipment
    }
    assert dates(result, "alibaba-2017") == {
        "alibaba-2017.claim-after-receipt": "2026-03-17"  # 30 days after confirmed receipt
    }
    assert result.act_by is not None
    assert (result.act_by.date, result.act_by.rule) == (
        date(2026, 2, 25),
        "seed.quality-after-clearance",
    )
    doc = result.to_json()
    assert doc["act_by"]["rule"] == "seed.quality-after-clearance"
    assert [p["id"] for p in doc["profiles"]] == ["seed", "alibaba-2017", "alibaba-2026"]
    assert {p["needs"] for p in doc["pending"]} == {"dispute_opened"}


@pytest.mark.parametrize(
    "events, rule, expected",
    [
        pytest.param(
            {"dispute_opened": "2026-03-01"},
            "seed.supplier-silence",
            "2026-03-16",
            id="seed-5-supplier-silent-15-days",
        ),
        pytest.param(
            {"dispute_opened": "2026-03-01"},
            "alibaba-2017.escalate-from-day-4",
            "2026-03-04",
            id="alibaba-2017-escalate-from-day-4",
        ),
        pytest.param(
            {"dispute_opened": "2026-03-01"},
            "alibaba-2017.auto-escalation-day-7",
            "2026-03-07",
            id="alibaba-2017-automatic-escalation-day-7",
        ),
        pytest.param(
            {"shipped": "2025-12-31"},
            "seed.quality-after-shipment",
            "2026-03-31",
            id="seed-3-90-days-across-year-end",
        ),
        pytest.param(
            {"received": "2024-02-01"},
            "alibaba-2017.claim-after-receipt",
            "2024-03-02",
            id="alibaba-2017-30-days-across-leap-february",
        ),
    ],
)
def test_rule_dates(events, rule, expected):
    got = {d.rule: d.date.isoformat() for d in deadlines(events).deadlines}
    assert got[rule] == expected


def test_dispute_dates_are_never_act_by_deadlines():
    result = deadlines({"dispute_opened": "2026-03-01"})
    assert result.deadlines and result.act_by is None


def test_alibaba_2017_does_not_apply_to_older_orders():
    result = deadlines({"paid": "2017-12-07", "received": "2018-01-20"})
    assert [p.id for p in result.applied] == ["seed", "alibaba-2026"]  # 2026: undated pages
    assert result.skipped[0][0].id == "alibaba-2017"
    assert "2017-12-08" in result.skipped[0][1]
    boundary = deadlines({"paid": "2017-12-08", "received": "2018-01-20"})
    assert [p.id for p in boundary.applied] == ["seed", "alibaba-2017", "alibaba-2026"]


def test_only_chosen_profiles():
    result = deadlines(DONE_WHEN, profiles=["alibaba-2017"])
    assert result.act_by is not None and result.act_by.profile == "alibaba-2017"


def test_today_skips_past_deadlines_for_act_by():
    result = deadlines(DONE_WHEN, today=date(2026, 3, 1))
    assert result.act_by is not None
    assert result.act_by.rule == "alibaba-2017.claim-after-receipt"
    assert {d.rule: d.status for d in result.deadlines}["seed.quality-after-clearance"] == "past"


@pytest.mark.parametrize(
    "events, field",
    [
        pytest.param({"shipped": "2026-02-30"}, "shipped", id="impossible-date"),
        pytest.param({"shipped": "10/01/2026"}, "shipped", id="not-iso"),
        pytest.param({"delivered": "2026-01-01"}, "delivered", id="unknown-event"),
        pytest.param({"shipped": "2026-02-01", "cleared": "2026-01-01"}, "cleared", id="order"),
    ],
)
def test_bad_events(events, field):
    with pytest.raises(EventError) as info:
        deadlines(events)
    assert info.value.field == field
    assert isinstance(info.value, OrderError)  # the CLI's one-line error policy catches it


def test_unknown_profile():
    with pytest.raises(EventError, match="unknown policy profile"):
        deadlines(DONE_WHEN, profiles=["nope"])


def test_ical_parses_with_a_real_reader():
    icalendar = pytest.importorskip("icalendar")
    result = deadlines(DONE_WHEN)
    text = to_ical(result, "supplier 259052175", now=datetime(2026, 1, 1, tzinfo=UTC))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 4  # alibaba-2017 and alibaba-2026 both: 30 days after receipt
    by_start = {e.decoded("DTSTART"): str(e.get("SUMMARY")) for e in events}
    assert by_start[date(2026, 2, 25)].startswith("ACT BY: ")
    assert not by_start[date(2026, 3, 17)].startswith("ACT BY")
    assert "supplier 259052175" in by_start[date(2026, 4, 10)]
    assert len({str(e.get("UID")) for e in events}) == 4
    assert to_ical(result, "supplier 259052175").count("UID:") == 4


def test_ical_uids_are_stable_across_exports():
    a = to_ical(deadlines(DONE_WHEN), "x", now=datetime(2026, 1, 1, tzinfo=UTC))
    b = to_ical(deadlines(DONE_WHEN), "x", now=datetime(2026, 2, 1, tzinfo=UTC))
    uids = [[ln for ln in t.split("\r\n") if ln.startswith("UID:")] for t in (a, b)]
    assert uids[0] == uids[1]


@pytest.mark.parametrize(
    "raw, escaped",
    [
        pytest.param("a,b;c\\d", "a\\,b\\;c\\\\d", id="specials"),
        pytest.param("line1\nline2", "line1\\nline2", id="newline"),
    ],
)
def test_ical_text_escaping(raw, escaped):
    assert escape_text(raw) == escaped


def test_fold_never_splits_a_utf8_character():
    line = "SUMMARY:" + "§" * 100
    folded = fold(line)
    pieces = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert "".join(pieces) == line


def test_result_exports_itself_as_ical():
    text = deadlines(DONE_WHEN).to_ical("order 7")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "ACT BY: Check quality" in text
