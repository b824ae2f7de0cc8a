"""Trade Assurance claim deadlines under policy profiles. Pure; the rules are data.

A `Profile` is one published rule set with its source and effective date (DESIGN §4):
- ``seed``: the QC company's Trade Assurance explainer (undated; applies to every order).
- ``alibaba-2017``: Alibaba's help pages for orders created since 2017-12-08.
- ``alibaba-2026``: only what today's (2025-2026) product pages and Alibaba's buyer help pages
  state, each rule and fact citing its page address or page field; where no source states a
  number it says so. Opt-in (``profiles=["alibaba-2026"]``) so the default set stays as it was.

`deadlines(events)` computes every rule whose anchor event is known, under each applicable
profile, and names the earliest *deadline* as ``act_by`` (with the rule that produced it).
Day arithmetic: "within N days after E" ends on E + N days; "from day K" of a dispute opened on
day 1 is opened + (K - 1) days. `DeadlineResult.to_ical()` exports them (`vetting.ical`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vetting import ical
from vetting.dates import EARLIEST, LATEST, parse_day
from vetting.errors import InputError

# Order events a buyer can give, in the order they normally happen.
EVENTS = ("paid", "shipped", "cleared", "received", "dispute_opened")
EVENT_LABELS = {
    "paid": "paid",
    "shipped": "shipped",
    "cleared": "import customs cleared",
    "received": "receipt confirmed",
    "dispute_opened": "dispute opened",
}
# Rule kinds: a "deadline" is the last day to act (the only kind that can be "act by"); "from"
# is the first day an action becomes possible; "auto" is something the platform does by itself.
KINDS = ("deadline", "from", "auto")


class EventError(InputError):
    """A bad or inconsistent order event date; ``field`` is the event name."""


@dataclass(frozen=True)
class Rule:
    id: str
    event: str  # anchor: one of EVENTS
    days: int
    kind: str  # one of KINDS
    title: str
    text: str  # what the source says, paraphrased, with the rule number
    source: str | None = None  # the page address or page field this rule comes from


@dataclass(frozen=True)
class Fact:
    """A statement of a profile that is not a date rule (what is covered, what is unstated)."""

    id: str
    text: str
    source: str  # a page address, or a page field such as ``seller.isDispatchGuaranteed``
    number: str | None = None  # the figure the source states; None = no source states one


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    source: str
    source_url: str | None
    effective_from: str | None  # orders created on or after this date; None = undated
    coverage: tuple[str, ...]
    rules: tuple[Rule, ...]
    note: str = ""
    facts: tuple[Fact, ...] = ()


SEED = Profile(
    id="seed",
    name="Seed article (QC company's Trade Assurance explainer)",
    source="The project's seed article, rules 3 and 5 (DESIGN §4)",
    source_url=None,
    effective_from=None,
    coverage=("pre-shipment", "post-delivery"),
    rules=(
        Rule(
            "seed.quality-after-clearance",
            "cleared",
            15,
            "deadline",
            "Check quality and claim: 15 days after import customs clearance",
            "Post-delivery: check quality within 15 days after import customs clearance "
            "(seed rule 3).",
        ),
        Rule(
            "seed.quality-after-shipment",
            "shipped",
            90,
            "deadline",
            "Check quality and claim: 90 days after shipment",
            "Post-delivery: check quality within 90 days after shipment (seed rule 3).",
        ),
        Rule(
            "seed.supplier-silence",
            "dispute_opened",
            15,
            "from",
            "Supplier silent for 15 days: apply for a refund",
            "First try to agree with the seller; if the supplier does not respond within 15 "
            "days, apply for a refund (seed rule 5).",
        ),
    ),
    note="Undated article; both coverage options. Which of the two quality windows binds is "
    "not stated, so the earlier one is the date to act by.",
)

ALIBABA_2017 = Profile(
    id="alibaba-2017",
    name="Alibaba Trade Assurance rules for orders since 2017-12-08",
    source="Alibaba.com Trade Assurance help pages (research notes, DESIGN §4)",
    source_url=None,  # research notes; no page address verified yet
    effective_from="2017-12-08",
    coverage=("post-delivery",),
    rules=(
        Rule(
            "alibaba-2017.claim-after-receipt",
            "received",
            30,
            "deadline",
            "File a quality or shipment claim: 30 days after confirmed receipt",
            "Orders since 2017-12-08: claims within 30 days after confirmed receipt.",
        ),
        Rule(
            "alibaba-2017.escalate-from-day-4",
            "dispute_opened",
            3,
            "from",
            "No agreement after 3 days of negotiation: escalate to Alibaba (day 4)",
            "Dispute flow: 3 days of negotiation, escalation from day 4.",
        ),
        Rule(
            "alibaba-2017.auto-escalation-day-7",
            "dispute_opened",
            6,
            "auto",
            "Automatic escalation to Alibaba (day 7)",
            "Dispute flow: automatic escalation on day 7 (another version of the page says day 8).",
        ),
    ),
    note="Post-delivery coverage only.",
)

_CLAIM_PERIOD = "https://service.alibaba.com/buyer/faq_detail/1000063651.htm"
_DISPUTE_FLOW = "https://service.alibaba.com/buyer/faq_detail/20155175.htm"
_COVERED = "https://service.alibaba.com/buyer/faq_detail/20153048.htm"
_GUARANTEED_DELIVERY = "https://sale.alibaba.com/p/dkytzdtjl/index.html"

ALIBABA_2026 = Profile(
    id="alibaba-2026",
    name="Alibaba.com order protection as today's pages and help pages state it",
    source="Alibaba.com buyer help pages and the 2026 product page's seller fields",
    source_url=_CLAIM_PERIOD,
    effective_from=None,  # the help pages carry no effective date
    coverage=("on-time-shipment", "post-delivery"),
    rules=(
        Rule(
            "alibaba-2026.claim-after-receipt",
            "received",
            30,
            "deadline",
            "Open a quality or shipment dispute: 30 days after confirming receipt",
            "The claim period never exceeds 30 calendar days after the date of confirmed receipt "
            "(it may be shorter depending on the shipment method in the contract).",
            _CLAIM_PERIOD,
        ),
        Rule(
            "alibaba-2026.escalate-from-day-4",
            "dispute_opened",
            3,
            "from",
            "No agreement after 3 days of negotiation: ask Alibaba to decide (day 4)",
            "After a dispute is submitted the parties negotiate for 3 days; from the 4th day the "
            "buyer may ask Alibaba.com to resolve it.",
            _DISPUTE_FLOW,
        ),
        Rule(
            "alibaba-2026.auto-escalation-day-7",
            "dispute_opened",
            6,
            "auto",
            "Automatic escalation to Alibaba (day 7; another version of the page says day 8)",
            "Unresolved and not escalated, the dispute goes to Alibaba.com automatically on the "
            "7th day from the complaint (an older version of the same page says the 8th day).",
            _DISPUTE_FLOW,
        ),
    ),
    note="Undated help pages; applies to orders paid through Alibaba.com's checkout. The "
    "supplier's own limit is stated only on its product page (seller.baoAccountAmount).",
    facts=(
        Fact(
            "alibaba-2026.checkout-only",
            "Order protection covers payments made through Alibaba.com (to the supplier account "
            "Alibaba designates); money paid outside the checkout is not covered.",
            _COVERED,
        ),
        Fact(
            "alibaba-2026.refund-cap",
            "A refund is for the covered amount of the order and never more than was paid.",
            _DISPUTE_FLOW,
        ),
        Fact(
            "alibaba-2026.supplier-limit",
            "The supplier's Trade Assurance limit (US$) is stated per supplier on its product "
            "page; the page's 'order protection' block is platform-wide and names no limit.",
            "globalData.seller.baoAccountAmount",
        ),
        Fact(
            "alibaba-2026.dispatch-guarantee",
            "The product page marks an on-time dispatch guarantee for this seller; the page states "
            "no compensation figure for it.",
            "globalData.seller.isDispatchGuaranteed",
        ),
        Fact(
            "alibaba-2026.guaranteed-delivery",
            "For products marked 'Guaranteed delivery', compensation for late delivery is applied "
            "for within 30 calendar days of the specified delivery date (payment + lead time + "
            "shipping + handling time), up to US$100 as credit for a later order; not computed "
            "here, since the specified delivery date is not an order event this tool knows.",
            _GUARANTEED_DELIVERY,
            number="30 days; USD 100",
        ),
        Fact(
            "alibaba-2026.inspection",
            "In a quality dispute the buyer arranges and prepays an inspection by a company "
            "Alibaba.com designates; the fee is refunded if the supplier is at fault.",
            _DISPUTE_FLOW,
        ),
        Fact(
            "alibaba-2026.pre-shipment-window",
            "No current source states a claim window counted from shipment or customs clearance.",
            _CLAIM_PERIOD,
        ),
    ),
)

# The profiles applied when none is named: the seed article's rules, the 2017 rules and today's
# help pages; the earliest deadline among them is the date to act by.
PROFILES: dict[str, Profile] = {p.id: p for p in (SEED, ALIBABA_2017, ALIBABA_2026)}
OPT_IN_PROFILES: dict[str, Profile] = {}  # a profile applied only when asked for by name
ALL_PROFILES: dict[str, Profile] = {**PROFILES, **OPT_IN_PROFILES}


Day = date  # the field below is called `date`; this keeps the type nameable inside the class


@dataclass
class Deadline:
    profile: str
    rule: str
    kind: str
    date: Day
    event: str
    event_date: Day
    days: int
    title: str
    text: str
    status: str | None = None  # "past" | "today" | "upcoming" when `today` was given

    def to_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "rule": self.rule,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "event": self.event,
            "event_date": self.event_date.isoformat(),
            "days": self.days,
            "title": self.title,
            "text": self.text,
            "status": self.status,
        }


@dataclass
class DeadlineResult:
    """Every computed date per profile, the rules waiting for an event, and ``act_by``."""

    events: dict[str, date]
    applied: list[Profile]
    skipped: list[tuple[Profile, str]] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    pending: list[tuple[str, Rule]] = field(default_factory=list)
    act_by: Deadline | None = None

    def for_profile(self, profile_id: str) -> list[Deadline]:
        return [d for d in self.deadlines if d.profile == profile_id]

    def to_ical(self, context: str = "") -> str:
        """These dates as an iCalendar document (`vetting.ical.to_ical`)."""
        return ical.to_ical(self, context)

    def to_json(self) -> dict[str, Any]:
        profiles = [_profile_json(p, self.for_profile(p.id), None) for p in self.applied]
        profiles += [_profile_json(p, [], why) for p, why in self.skipped]
        return {
            "events": {k: v.isoformat() for k, v in self.events.items()},
            "profiles": profiles,
            "pending": [
                {"profile": pid, "rule": r.id, "title": r.title, "needs": r.event}
                for pid, r in self.pending
            ],
            "act_by": None if self.act_by is None else self.act_by.to_json(),
        }


def _profile_json(p: Profile, items: list[Deadline], skipped: str | None) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "source": p.source,
        "source_url": p.source_url,
        "effective_from": p.effective_from,
        "facts": [
            {"id": f.id, "text": f.text, "source": f.source, "number": f.number} for f in p.facts
        ],
        "applies": skipped is None,
        "why_not": skipped,
        "deadlines": [d.to_json() for d in items],
    }


# Order events outside these years are typos; the deadlines after 9999-12-31 do not exist.
EARLIEST_EVENT = EARLIEST
LATEST_EVENT = LATEST


def parse_events(raw: dict[str, Any]) -> dict[str, date]:
    """{event: "YYYY-MM-DD" | date | None} -> dates; EventError(event) when bad or out of order."""
    events: dict[str, date] = {}
    for name, value in raw.items():
        if name not in EVENTS:
            raise EventError(name, f"unknown event; expected one of {', '.join(EVENTS)}")
        if value in (None, ""):
            continue
        try:
            events[name] = parse_day(value, name)
        except InputError as exc:
            raise EventError(name, str(exc)) from None
    for earlier, later in (("paid", "shipped"), ("shipped", "cleared"), ("shipped", "received")):
        if earlier in events and later in events and events[later] < events[earlier]:
            raise EventError(
                later, f"{later} {events[later]} is before {earlier} {events[earlier]}"
            )
    return events


def applies(profile: Profile, events: dict[str, date]) -> str | None:
    """None when ``profile`` governs an order with these events, else why not."""
    if profile.effective_from is None or not events:
        return None
    created = events.get("paid") or min(events.values())
    if created < parse_day(profile.effective_from, "effective_from"):
        return f"order created {created} is before {profile.effective_from}"
    return None


def deadlines(
    events: dict[str, Any],
    profiles: tuple[str, ...] | list[str] | None = None,
    today: date | None = None,
) -> DeadlineResult:
    """Each profile's dates for the given order events; ``act_by`` is the earliest deadline (the
    earliest not yet past when ``today`` is given)."""
    known = parse_events(events)
    chosen = [ALL_PROFILES[profile_id(p)] for p in (profiles or PROFILES)]
    result = DeadlineResult(known, applied=[])
    for profile in chosen:
        why_not = applies(profile, known)
        if why_not:
            result.skipped.append((profile, why_not))
            continue
        result.applied.append(profile)
        for rule in profile.rules:
            if rule.event not in known:
                result.pending.append((profile.id, rule))
                continue
            anchor = known[rule.event]
            when = anchor + timedelta(days=rule.days)
            item = Deadline(
                profile.id, rule.id, rule.kind, when, rule.event, anchor, rule.days, rule.title,
                rule.text, _status(when, today),
            )  # fmt: skip
            result.deadlines.append(item)
    result.deadlines.sort(key=lambda d: (d.date, d.profile, d.rule))
    candidates = [d for d in result.deadlines if d.kind == "deadline" and d.status != "past"]
    result.act_by = candidates[0] if candidates else None
    return result


def profile_id(name: str) -> str:
    """The profile id, or an `EventError` naming the known ones."""
    if name not in ALL_PROFILES:
        raise EventError(
            "profile", f"unknown policy profile {name!r}; known: {', '.join(ALL_PROFILES)}"
        )
    return name


def _status(when: date, today: date | None) -> str | None:
    if today is None:
        return None
    return "past" if when < today else "today" if when == today else "upcoming"
