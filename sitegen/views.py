"""View models: turn one `supplier_document` (plus its signal history) into what the
templates print. Pure functions; every value shown comes from the document or the history."""

from __future__ import annotations

from typing import Any

from sitegen.safety import safe_url
from vetting.dates import read_timestamp
from vetting.display import UNKNOWN, fmt_value, label, moment, money, tri
from vetting.ids import alibaba_home
from vetting.model import SIGNALS
from vetting.scoring import GOLD_REMINDER

# Signals whose history is drawn as a line (numbers) or told as changes (yes/no).
NUMERIC_HISTORY = ("ta_limit", "on_time_delivery", "response_rate", "rating", "review_count")
FLAG_HISTORY = ("trade_assurance", "verified", "gold_supplier")
# Reason bar chart geometry (SVG user units).
BAR_WIDTH, BAR_ROW, BAR_LABEL = 220, 22, 170
SPARK_W, SPARK_H, SPARK_PAD = 240, 48, 4
MIN_CHART_POINTS = 2  # one observation is a fact, not a history: told in a sentence instead


def day(stamp: str | None) -> str:
    return stamp[:10] if stamp else UNKNOWN


def grade_of(doc: dict[str, Any]) -> str:
    return doc["score"]["grade"] or "insufficient data"


def index_row(doc: dict[str, Any]) -> dict[str, Any]:
    """The summary a row of the index, suppliers.json and suppliers.csv show."""
    sig = doc["signals"]
    limit = sig["ta_limit"]["value"]
    return {
        "supplier_id": doc["supplier_id"],
        "name": doc["name"],
        "grade": doc["score"]["grade"],
        "score": doc["score"]["value"],
        "trade_assurance": sig["trade_assurance"]["value"],
        "ta_limit": limit["amount"] if limit else None,
        "ta_limit_currency": limit["currency"] if limit else None,
        "gold_years": sig["gold_years"]["value"],
        "verified": sig["verified"]["value"],
        "on_time_delivery": sig["on_time_delivery"]["value"],
        "last_checked": doc["last_checked"],
        "report": f"suppliers/{doc['supplier_id']}.html",
        "api": f"api/v1/suppliers/{doc['supplier_id']}.json",
    }


def reason_bars(reasons: list[dict[str, Any]]) -> dict[str, Any]:
    """Horizontal bars around a zero axis: one per reason, scaled to the largest effect."""
    biggest = max((abs(r["effect"]) for r in reasons), default=1) or 1
    half = BAR_WIDTH / 2
    axis = BAR_LABEL + half
    bars = []
    for i, r in enumerate(reasons):
        length = abs(r["effect"]) / biggest * half
        bars.append(
            {
                "y": i * BAR_ROW,
                "x": round(axis if r["effect"] >= 0 else axis - length, 1),
                "w": round(max(length, 1), 1),
                "cls": "pos" if r["effect"] >= 0 else "neg",
                "label": label(r["signal"]),
                "effect": f"{r['effect']:+d}",
                "evidence": r["evidence"],
                "tx": round(axis + length + 4 if r["effect"] >= 0 else axis - length - 4, 1),
                "anchor": "start" if r["effect"] >= 0 else "end",
            }
        )
    width = BAR_LABEL + BAR_WIDTH + 60
    return {"bars": bars, "axis": axis, "width": width, "height": max(len(bars), 1) * BAR_ROW}


def _when(stamp: str) -> float:
    moment = read_timestamp(stamp)
    return moment.timestamp() if moment else 0.0


def _num_of(name: str, value: Any) -> float | None:
    if SIGNALS.get(name) == "money" and isinstance(value, dict):
        value = value.get("amount")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def history_view(history: list[dict[str, Any]]) -> dict[str, Any]:
    """Sparklines for numeric key signals and change lists for yes/no key signals, each only
    once the signal has two or more observations; ``single`` names the signals seen once."""
    series: dict[str, list[tuple[str, Any]]] = {}
    for row in history:
        if row["name"] in NUMERIC_HISTORY or row["name"] in FLAG_HISTORY:
            points = series.setdefault(row["name"], [])
            stamp = row["observed_at"] or ""
            # The same value again on the same day (two pages of one import) is no new point.
            if points and points[-1][1] == row["value"] and day(points[-1][0]) == day(stamp):
                continue
            points.append((stamp, row["value"]))
    lines, single = [], []
    for name in NUMERIC_HISTORY:
        numeric = [(t, v, _num_of(name, v)) for t, v in series.get(name, [])]
        numeric = [p for p in numeric if p[2] is not None]
        if len(numeric) >= MIN_CHART_POINTS:
            lines.append(_sparkline(name, numeric))
        elif numeric:
            single.append(label(name))
    flags = []
    for name in FLAG_HISTORY:
        seen = series.get(name, [])
        if len(seen) < MIN_CHART_POINTS:
            single += [label(name)] if seen else []
            continue
        changes, last = [], object()
        for stamp, value in seen:
            if value != last:
                changes.append({"date": day(stamp), "value": fmt_value(name, value)})
                last = value
        flags.append({"label": label(name), "changes": changes})
    return {"lines": lines, "flags": flags, "single": single}


def _sparkline(name: str, points: list[tuple[str, Any, float | None]]) -> dict[str, Any]:
    times = [_when(t) for t, _, _ in points]
    values = [v for _, _, v in points if v is not None]
    t0, t1 = min(times), max(times)
    v0, v1 = min(values), max(values)
    inner_w, inner_h = SPARK_W - 2 * SPARK_PAD, SPARK_H - 2 * SPARK_PAD

    def xy(t: float, v: float) -> tuple[float, float]:
        x = SPARK_PAD + (inner_w * (t - t0) / (t1 - t0) if t1 > t0 else inner_w / 2)
        y = SPARK_PAD + (inner_h * (1 - (v - v0) / (v1 - v0)) if v1 > v0 else inner_h / 2)
        return round(x, 1), round(y, 1)

    coords = [xy(t, v) for t, v in zip(times, values, strict=True)]
    return {
        "label": label(name),
        "points": " ".join(f"{x},{y}" for x, y in coords),
        "dots": coords,
        "w": SPARK_W,
        "h": SPARK_H,
        "rows": [{"date": day(t), "value": fmt_value(name, raw)} for t, raw, _ in points],
    }


def signal_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name, sig in doc["signals"].items():
        shown = fmt_value(name, sig["value"])
        raw = sig.get("raw")
        # The page's own wording, when it says more than the parsed value.
        plain = raw is not None and raw.strip().lower() not in (shown.lower(), "true", "false")
        rows.append(
            {
                "name": name,
                "label": label(name),
                "value": shown,
                "known": sig["value"] is not None,
                "raw": raw if plain and raw != str(sig["value"]) else None,
                "source": safe_url(sig.get("source_url")),
                "source_text": sig.get("source_url"),
                "page_kind": sig.get("page_kind"),
                "extractor": sig.get("extractor"),
                "date": day(sig.get("observed_at")) if sig["value"] is not None else "",
            }
        )
    return rows


def alibaba_links(doc: dict[str, Any]) -> list[dict[str, str]]:
    """Links back to Alibaba: the mini-site of each subdomain alias, then each source page."""
    links: dict[str, str] = {}
    for alias in doc["aliases"]:
        home = alibaba_home(alias)
        if home:
            links.setdefault(home, f"{alias}.en.alibaba.com (supplier site)")
    for sig in doc["signals"].values():
        url = safe_url(sig.get("source_url"))
        if url:
            links.setdefault(url, f"source page ({sig.get('page_kind') or 'page'})")
    return [{"href": k, "text": v} for k, v in links.items()]


def calculator(doc: dict[str, Any]) -> dict[str, Any]:
    """What the coverage calculator needs, as data-* attribute values."""
    sig = doc["signals"]
    limit = sig["ta_limit"]["value"]
    return {
        "ta": tri(sig["trade_assurance"]["value"]),
        "limit": str(limit["amount"]) if limit else "",
        "currency": limit["currency"] if limit else "USD",
        "limit_date": day(sig["ta_limit"]["observed_at"]) if limit else "",
    }


def without_reminder(text: str) -> str:
    """The report states the Gold reminder once, in its own note; reasons and warnings that
    carry it (for the API and the CLI) drop it on the page."""
    return " ".join(text.replace(GOLD_REMINDER, "").split()) or "Gold Supplier badge shown."


def supplier_view(doc: dict[str, Any], history: list[dict[str, Any]]) -> dict[str, Any]:
    gold = doc["signals"]["gold_supplier"]["value"]
    score = doc["score"]
    return {
        "reasons": [{**r, "evidence": without_reminder(r["evidence"])} for r in score["reasons"]],
        "warnings": [{**w, "message": without_reminder(w["message"])} for w in score["warnings"]],
        "title": doc["name"] or doc["supplier_id"],
        "checked": moment(doc["last_checked"]),
        "grade": grade_of(doc),
        "bars": reason_bars(doc["score"]["reasons"]),
        "signals": signal_rows(doc),
        "history": history_view(history),
        "links": alibaba_links(doc),
        "calc": calculator(doc),
        "gold": gold is True,
        "limit": money(doc["signals"]["ta_limit"]["value"]),
    }
