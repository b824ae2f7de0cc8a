"""The nouns of supplier-vetting, defined once.

Every fact about a supplier is a `Signal`: a tri-state value (``None`` means *unknown*, never
"no") with its provenance. A `Capture` is one fetch of one page; only an ``ok`` capture may write
signals. Server, site builder and scrapers import these and never redeclare them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from vetting.dates import OutOfRange, parse_timestamp

Outcome = Literal["ok", "blocked", "not_found", "unparseable", "error"]
OUTCOMES: tuple[Outcome, ...] = ("ok", "blocked", "not_found", "unparseable", "error")

# Signal names and the JSON type of their value. The order is the display order.
SIGNALS: dict[str, str] = {
    "trade_assurance": "bool",
    "ta_limit": "money",
    "gold_supplier": "bool",
    "gold_years": "int",
    "years_on_alibaba": "int",
    "verified": "bool",
    "verifier": "str",
    "onsite_check": "bool",
    "verified_pro": "bool",
    "business_type": "str",
    "location": "str",
    "response_time": "duration_hours",
    "response_rate": "percent",
    "on_time_delivery": "percent",
    "rating": "number",
    "review_count": "int",
    "transactions": "transactions",
    "revenue_band": "str",
    "staff": "str",
    "floor_area": "str",
    "main_products": "list",
}

# Alias kinds a supplier may be looked up by.
ALIAS_KINDS = ("company_id", "subdomain", "member_id", "trustpass")


def utcnow() -> str:
    """Now, as the ISO-8601 UTC string stored everywhere (second precision)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def parse_observed_at(text: str) -> str:
    """A user's statement of when a page was seen ("2022-09-02" or an ISO-8601 time) as the
    stored UTC string; InputError (a ValueError) for anything else, OutOfRange for a time in the
    future or out of bounds."""
    moment = parse_timestamp(text, "observed_at")
    if moment > datetime.now(UTC):
        raise OutOfRange("observed_at", f"a date in the future: {text.strip()[:40]}")
    return moment.replace(microsecond=0).isoformat()


def seen_text(observed_at: str | None) -> str:
    """How a capture's date is shown everywhere: "seen 2022-09-02", or that it is unknown."""
    return f"seen {observed_at[:10]}" if observed_at else "date unknown"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    raw: str | None = None

    def to_json(self) -> dict[str, Any]:
        amount = (
            int(self.amount) if self.amount == self.amount.to_integral() else float(self.amount)
        )
        return {"amount": amount, "currency": self.currency, "raw": self.raw}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Money:
        return cls(Decimal(str(data["amount"])), data["currency"], data.get("raw"))


@dataclass(frozen=True)
class Signal:
    """One observed fact. ``value is None`` means the source did not say (unknown)."""

    name: str
    value: Any
    source_url: str | None = None
    page_kind: str | None = None
    extractor: str | None = None
    observed_at: str | None = None
    raw: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    def to_json(self) -> dict[str, Any]:
        value = self.value.to_json() if isinstance(self.value, Money) else self.value
        return {
            "value": value,
            "raw": self.raw,
            "source_url": self.source_url,
            "page_kind": self.page_kind,
            "extractor": self.extractor,
            "observed_at": self.observed_at,
        }


_UNKNOWN: dict[str, Signal] = {}


def unknown(name: str) -> Signal:
    """The unknown signal of that name (one shared instance: a Signal is frozen, and scoring
    asks for a supplier's unknown signals thousands of times a page)."""
    found = _UNKNOWN.get(name)
    if found is None:
        found = Signal(name=name, value=None)
        if name in SIGNALS:  # only the known names: an arbitrary one must not grow the cache
            _UNKNOWN[name] = found
    return found


def decode_value(name: str, value: Any) -> Any:
    """Turn a stored JSON value back into its model type."""
    if value is not None and SIGNALS.get(name) == "money":
        return Money.from_json(value)
    return value


def encode_value(value: Any) -> Any:
    return value.to_json() if isinstance(value, Money) else value


@dataclass
class Capture:
    """One fetch (or import) of one page."""

    url: str
    kind: str | None
    outcome: Outcome
    fetched_at: str = field(default_factory=utcnow)
    http_status: int | None = None
    parser: str | None = None
    parser_version: int | None = None
    content_hash: str | None = None
    source: str = "scrape"
    message: str | None = None
    id: int | None = None
    # When the page was seen, and who says so ("page:<json path>", "http-date", "fetch-time",
    # "import-flag", "contributor"); None = unknown date. ``fetched_at`` is when this program got
    # the bytes (for an import: the import time), never presented as the observation time.
    observed_at: str | None = None
    observed_from: str | None = None
    contributor: str | None = None  # key id of a contributed capture (never the key itself)
    review: str | None = None  # contributed: accepted / flagged / revoked (vetting.contributions)


@dataclass
class SupplierObservation:
    """What one page says about one supplier."""

    supplier_id: str
    name: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> kind
    signals: list[Signal] = field(default_factory=list)


@dataclass
class Listing:
    product_id: str
    title: str | None = None
    url: str | None = None
    supplier_id: str | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    currency: str | None = None
    moq: int | None = None
    moq_unit: str | None = None


@dataclass
class ParseResult:
    capture: Capture
    suppliers: list[SupplierObservation] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)


@dataclass
class Supplier:
    """A supplier as stored: its identity plus the latest known value of each signal."""

    supplier_id: str
    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    signals: dict[str, Signal] = field(default_factory=dict)
    last_checked: str | None = None

    def signal(self, name: str) -> Signal:
        return self.signals.get(name) or unknown(name)

    def value(self, name: str) -> Any:
        return self.signal(name).value
