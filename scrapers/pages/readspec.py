"""Read a page's embedded JSON the way ``readspec.json`` declares (shared with the extension).

The spec is loaded and its paths compiled once, at import, so a parse only walks dicts. Every
read is total: a missing step or a value of the wrong type is unknown (None), and a value that
names something we refuse ("-10,000", "¥10,000") is unknown with the reason kept, never a guess.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from importlib import resources
from typing import Any

from scrapers.ids import subdomain_of
from scrapers.values import clean_text, parse_count, parse_flag, read_money, read_value

SPEC: dict[str, Any] = json.loads(
    resources.files("scrapers.pages").joinpath("readspec.json").read_text(encoding="utf-8")
)
_STEP = re.compile(r"^([^\[\]]+)(?:\[(?:([^=~\]]+)([=~])([^\]]*))?\])?$")
_TAGS = re.compile(r"<[^<>]{0,200}>")
# Dates a page can state that are plausible for Alibaba.com (founded 1999) and not in the future
# by more than a day: a serverTime of 0 or 10**15 is not a date.
_EARLIEST = datetime(1999, 1, 1, tzinfo=UTC)

Step = tuple[str, str, str | None, str | None, str | None]  # (op, key, field, cmp, value)


def compile_path(text: str) -> tuple[Step, ...]:
    """ "a.b[k=v].c" → steps; raises ValueError for a path the grammar does not allow."""
    steps: list[Step] = []
    for part in text.split("."):
        match = _STEP.match(part)
        if not match:
            raise ValueError(f"bad readspec path {text!r}")
        key, fld, cmp, value = match.groups()
        if fld is not None:
            steps.append(("match", key, fld, cmp, value))
        elif part.endswith("[]"):
            steps.append(("each", key, None, None, None))
        else:
            steps.append(("key", key, None, None, None))
    return tuple(steps)


def get(data: Any, steps: tuple[Step, ...], unwrap: bool = False) -> Any:
    """The value at ``steps`` (no "each" steps), or None; ``unwrap`` reads {"value": x} as x."""
    for op, key, fld, cmp, want in steps:
        data = data.get(key) if isinstance(data, dict) else None
        if unwrap and isinstance(data, dict) and "value" in data:
            data = data["value"]
        if op == "match":
            data = _first_match(data, fld, cmp, want)
        if data is None:
            return None
    if unwrap and isinstance(data, dict) and "value" in data:
        return data["value"]
    return data


def each(data: Any, steps: tuple[Step, ...]) -> list[Any]:
    """Every value ``steps`` reaches, walking "key[]" lists (non-dict elements are skipped)."""
    current = [data]
    for op, key, fld, cmp, want in steps:
        found: list[Any] = []
        for item in current:
            value = item.get(key) if isinstance(item, dict) else None
            if op == "each":
                if isinstance(value, list):
                    found.extend(v for v in value if isinstance(v, dict))
            elif op == "match":
                hit = _first_match(value, fld, cmp, want)
                if hit is not None:
                    found.append(hit)
            elif value is not None:
                found.append(value)
        current = found
    return current


def _first_match(items: Any, fld: str | None, cmp: str | None, want: str | None) -> Any:
    if not isinstance(items, list) or fld is None or want is None:
        return None
    for item in items:
        value = item.get(fld) if isinstance(item, dict) else None
        if not isinstance(value, str | int) or isinstance(value, bool):
            continue
        text = str(value)
        if (cmp == "=" and text == want) or (cmp == "~" and want in text):
            return item
    return None


@dataclass(frozen=True)
class Field:
    """One signal (or identity/listing value) as the spec declares it, paths compiled."""

    name: str
    kind: str
    paths: tuple[tuple[str, tuple[Step, ...], str | None], ...]  # (text, steps, equals)
    options: dict[str, Any]
    requires: tuple[tuple[tuple[Step, ...], str], ...] = ()


def _field(name: str, spec: dict[str, Any]) -> Field:
    paths = []
    for entry in spec.get("paths", []):
        text, equals = (entry, None) if isinstance(entry, str) else (entry["path"], entry["equals"])
        paths.append((text, compile_path(text), equals))
    requires = tuple((compile_path(r["path"]), r["test"]) for r in spec.get("requires", []))
    options = {k: v for k, v in spec.items() if k not in ("paths", "requires", "kind")}
    for key in ("amount", "count", "raw"):
        if isinstance(options.get(key), str):
            options[key + "_steps"] = compile_path(options[key])
    return Field(name, spec.get("kind", "text"), tuple(paths), options, requires)


@dataclass(frozen=True)
class KindSpec:
    name: str
    page_kind: str
    locate: dict[str, Any]
    records: tuple[Step, ...] | None
    identity: dict[str, Field]
    signals: tuple[Field, ...]
    listings: dict[str, Any]
    observed_at: Field | None
    unwrap: bool = False
    listing_fields: dict[str, Field] = field(default_factory=dict)


def kind_spec(name: str) -> KindSpec:
    """The compiled spec of one page kind × generation (KeyError for an unknown name)."""
    raw = SPEC["kinds"][name]
    listings = dict(raw.get("listings", {}))
    listing_fields = {
        key: _field(key, value)
        for key, value in listings.items()
        if isinstance(value, dict) and "paths" in value and key != "ladder"
    }
    return KindSpec(
        name=name,
        page_kind=raw["page_kind"],
        locate=raw["locate"],
        records=compile_path(raw["records"]) if raw.get("records") else None,
        identity={k: _field(k, v) for k, v in raw.get("identity", {}).items()},
        signals=tuple(_field(k, v) for k, v in raw.get("signals", {}).items()),
        listings=listings,
        observed_at=_field("observed_at", raw["observed_at"]) if raw.get("observed_at") else None,
        unwrap=raw["locate"].get("unwrap") == "value",
        listing_fields=listing_fields,
    )


# -- reading one field --------------------------------------------------------------------------


@dataclass
class Read:
    value: Any = None
    raw: Any = None
    path: str | None = None
    why: str | None = None  # set when a path held something that was refused


def read(record: Any, f: Field, unwrap: bool = False) -> Read:
    """The first path of ``f`` that reads as a known value of its kind."""
    for steps, test in f.requires:
        if not _passes(get(record, steps, unwrap), test):
            return Read()
    if f.kind == "transactions":
        return _transactions(record, f, unwrap)
    refused = None
    for text, steps, equals in f.paths:
        raw = get(record, steps, unwrap)
        if raw is None:
            continue
        if equals is not None:
            value, why = (True, None) if clean_text(raw) == equals else (None, None)
        else:
            value, why = convert(f.kind, raw, f.options)
        if value is not None:
            return Read(value, raw, text)
        refused = refused or (f"{text}: {why}" if why else None)
    return Read(why=refused)


def _passes(value: Any, test: str) -> bool:
    if test == "true":
        return parse_flag(value) is True
    if test == "positive":
        count = parse_count(value)
        return count is not None and count > 0
    raise ValueError(f"unknown readspec test {test!r}")


def convert(kind: str, raw: Any, options: dict[str, Any]) -> tuple[Any, str | None]:
    """A raw JSON value as ``kind`` → (value, None) or (None, why)."""
    if kind == "text":
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            return None, f"expected text, got {type(raw).__name__}"
        text = str(raw)
        if options.get("strip_tags"):
            text = _TAGS.sub("", text)
        value = clean_text(text)
        prefix = options.get("strip_prefix")
        if value and prefix and value.startswith(prefix):
            value = clean_text(value[len(prefix) :])
        return value, None if value else "empty text"
    if kind == "id":
        ok = isinstance(raw, int | str) and not isinstance(raw, bool) and str(raw).isdigit()
        return (str(raw), None) if ok and str(raw).isascii() else (None, "not a numeric id")
    if kind == "host":
        host = subdomain_of(raw) if isinstance(raw, str) else None
        return (_host(raw), None) if host else (None, "not an Alibaba supplier link")
    if kind == "present":
        return (True, None) if clean_text(raw) else (None, None)
    if kind in ("epoch_ms", "yyyymmdd"):
        return _date(kind, raw)
    max_amount = options.get("max_amount")
    return read_value(
        kind,
        raw,
        default_currency=options.get("default_currency"),
        max_amount=None if max_amount is None else Decimal(max_amount),
    )


def _host(url: str) -> str:
    """``//foo.en.alibaba.com/x`` → ``foo.en.alibaba.com`` (the alias kind follows the host)."""
    rest = url.split("//", 1)[-1]
    return rest.split("/", 1)[0].split("?", 1)[0].lower()


def _date(kind: str, raw: Any) -> tuple[str | None, str | None]:
    try:
        if kind == "epoch_ms":
            if not isinstance(raw, int | float) or isinstance(raw, bool):
                return None, "serverTime is not a number"
            moment = datetime.fromtimestamp(raw / 1000, UTC)
        else:
            if not isinstance(raw, str | int) or not re.fullmatch(r"\d{8}", str(raw)):
                return None, "service date is not YYYYMMDD"
            moment = datetime.strptime(str(raw), "%Y%m%d").replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None, "not a date"
    if moment < _EARLIEST or (moment - datetime.now(UTC)).days > 1:
        return None, "a date Alibaba could not have served"
    return moment.replace(microsecond=0).isoformat(), None


def _transactions(record: Any, f: Field, unwrap: bool) -> Read:
    opts = f.options
    amount_raw = get(record, opts["amount_steps"], unwrap) if "amount_steps" in opts else None
    count_raw = get(record, opts["count_steps"], unwrap) if "count_steps" in opts else None
    raw = get(record, opts["raw_steps"], unwrap) if "raw_steps" in opts else amount_raw
    currency = opts.get("currency")
    amount = None
    if opts.get("amount_kind") == "money" and isinstance(amount_raw, str):
        try:
            money = read_money(amount_raw)
            amount, currency = float(money.amount), money.currency
        except ValueError:
            amount = None
    elif isinstance(amount_raw, int | float | str) and not isinstance(amount_raw, bool):
        number, _ = read_value("number", amount_raw)
        amount = None if number is None else round(float(number), 2)
    count = parse_count(count_raw) if count_raw is not None else None
    if amount is None and count is None:
        return Read()
    value = {
        "amount": amount,
        "currency": currency if amount is not None else None,
        "count": count,
        "window_months": opts.get("window_months"),
    }
    return Read(value, raw if raw is not None else amount_raw, opts.get("amount"))
