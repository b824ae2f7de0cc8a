"""The rule tables the site explains, read from the modules that define them (scoring, policy,
contract). Nothing here restates a rule; it only shapes the tables for the templates."""

from __future__ import annotations

import re
from dataclasses import asdict, is_dataclass
from typing import Any

from sitegen.safety import safe_url
from vetting import contract, policy, scoring

_NAMED = re.compile(r"`(\w+)`")  # a threshold's name inside a rule's meaning


def _plain(item: Any) -> dict[str, Any]:
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    return dict(item) if isinstance(item, dict) else {"value": item}


def grade_letters() -> list[str]:
    return [grade for _, grade in scoring.GRADE_FLOORS]


def methodology() -> dict[str, Any]:
    """The scoring module's own table (`scoring.methodology()` rows of name, kind, value,
    meaning), grouped by kind for the page."""
    rows = scoring.methodology()
    values = {r["name"]: r["value"] for r in rows if r["kind"] == "threshold"}
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        row = {**row, "meaning": plain_meaning(row["meaning"], values)}
        groups.setdefault(row["kind"], []).append(row)
    return {
        "version": scoring.METHODOLOGY_VERSION,
        "base": groups.get("base", [{}])[0],
        "weights": groups.get("weight", []),
        "thresholds": groups.get("threshold", []),
        "grades": groups.get("grade", []),
        "warnings": groups.get("warning", []),
        "gold_reminder": scoring.GOLD_REMINDER,
    }


def plain_meaning(text: str, thresholds: dict[str, Any]) -> str:
    """A rule's meaning for readers: each `threshold_name` becomes its value (with % for
    percentages), and the Gold reminder, which the page states once above, is dropped."""

    def value(m: re.Match[str]) -> str:
        name = m[1]
        if name not in thresholds:
            return name.replace("_", " ")
        return f"{thresholds[name]}{'%' if name.endswith('_percent') else ''}"

    text = _NAMED.sub(value, text)
    text = " ".join(text.replace(scoring.GOLD_REMINDER, "").split())
    return text.rstrip(":").strip() or text


def profiles() -> list[dict[str, Any]]:
    """Trade Assurance policy profiles (`vetting.policy.PROFILES`) with sources and dates."""
    out = []
    for profile in policy.PROFILES.values():
        data = _plain(profile)
        data["source_url"] = safe_url(data.get("source_url"))
        data["rules"] = [_plain(rule) for rule in data.get("rules", ())]
        out.append(data)
    return out


def contract_terms() -> list[dict[str, Any]]:
    """The terms `vetting.contract` checks a contract for, with what a precise one says."""
    return [{"label": t.label, "hint": t.hint, "source": t.source} for t in contract.TERMS]


def advice() -> dict[str, Any]:
    """Context of the contract-advice and claim-deadline fragment every report shares."""
    return {"terms": contract_terms(), "profiles": profiles()}
