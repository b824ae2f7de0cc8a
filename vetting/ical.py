"""A small iCalendar (RFC 5545) writer for claim deadlines: all-day events, no dependency.

Each deadline becomes one VEVENT with a stable UID (same order, same rule -> same UID, so a
re-import updates instead of duplicating) and, for real deadlines, an alarm a few days before.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from vetting.policy import ALL_PROFILES, Deadline, DeadlineResult

PRODID = "-//supplier-vetting//claim deadlines//EN"
ALARM_DAYS_BEFORE = 3
MAX_LINE_OCTETS = 75  # RFC 5545 3.1: fold lines longer than this


def escape_text(text: str) -> str:
    """RFC 5545 3.3.11 TEXT escaping (backslash, semicolon, comma, newline)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = MAX_LINE_OCTETS if not out else MAX_LINE_OCTETS - 1  # continuation has a space
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _uid(item: Deadline, context: str) -> str:
    key = f"{context}|{item.rule}|{item.event_date.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:24] + "@supplier-vetting"


def _event(item: Deadline, act_by: bool, context: str, stamp: str) -> list[str]:
    profile = ALL_PROFILES[item.profile]
    summary = ("ACT BY: " if act_by else "") + item.title
    if context:
        summary += f" ({context})"
    description = (
        f"{item.text}\nRule {item.rule} of profile {profile.id}: {profile.name}.\n"
        f"Source: {profile.source}.\nAnchor: {item.event} {item.event_date.isoformat()} "
        f"+ {item.days} days."
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(item, context)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{item.date.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(item.date + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(item.kind)}",
        "TRANSP:TRANSPARENT",
    ]
    if item.kind == "deadline":
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:-P{ALARM_DAYS_BEFORE}D",
            f"DESCRIPTION:{escape_text(summary)}",
            "END:VALARM",
        ]
    return lines + ["END:VEVENT"]


def to_ical(result: DeadlineResult, context: str = "", now: datetime | None = None) -> str:
    """The deadlines of ``result`` as an iCalendar document (CRLF line ends, folded lines).

    ``context`` (e.g. "order with supplier 259052175") goes into each summary and the UIDs.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for item in result.deadlines:
        lines += _event(item, item is result.act_by, context, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
