"""Databases for the site tests: example pages, a supplier with history, hostile payloads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.helpers.paths import ROOT
from vetting.model import Capture, Money, ParseResult, Signal, SupplierObservation
from vetting.store import Store

EXAMPLES = ROOT / "examples" / "pages"

# What an attacker could put into any scraped field.
PAYLOADS = (
    "<script>alert('script')</script>",
    "\"onerror=alert('attr') x=\"",
    "</title><script>alert('title')</script>",
    "<img src=x onerror=alert('img')>",
)
BAD_URLS = ("javascript:alert('js')", "java\tscript:alert('tab')", " JavaScript:alert(1)")
HOSTILE_ID = "900000666"
HISTORY_ID = "900000777"


def hostile_observation(payload: str, url: str) -> SupplierObservation:
    def sig(name: str, value: object) -> Signal:
        return Signal(
            name,
            value,
            source_url=url,
            page_kind=payload,
            extractor=payload,
            observed_at="2026-01-02T00:00:00+00:00",
            raw=payload,
        )

    signals = [
        sig("trade_assurance", True),
        sig("ta_limit", Money(Decimal("10000"), "USD", payload)),
        sig("gold_supplier", True),
        sig("verified", False),
        sig("years_on_alibaba", 3),
        sig("response_time", 5),
        sig("on_time_delivery", 95.5),
        *(
            sig(name, payload)
            for name in ("verifier", "business_type", "location", "revenue_band", "staff")
        ),
        sig("floor_area", payload),
        sig("main_products", [payload, payload]),
    ]
    aliases = {payload.lower(): "subdomain", "javascript:alert(1)": "subdomain"}
    return SupplierObservation(HOSTILE_ID, payload + " Co.", aliases, signals)


def record_hostile(store: Store) -> None:
    for i, payload in enumerate(PAYLOADS):
        url = BAD_URLS[i % len(BAD_URLS)]
        cap = Capture(url=url, kind="test", outcome="ok", fetched_at=f"2026-01-0{i + 2}T00:00:00")
        store.record(ParseResult(cap, [hostile_observation(payload, url)]))


def record_history(store: Store) -> None:
    """A supplier whose TA limit dropped and who lost Verified status."""
    for day, limit, verified in (("2025-03-01", 46000, True), ("2026-03-01", 10000, False)):
        stamp = f"{day}T00:00:00+00:00"
        url = f"https://history.en.alibaba.com/product/{day}.html"
        signals = [
            Signal("trade_assurance", True, url, "product-detail", "x", stamp),
            Signal("ta_limit", Money(Decimal(limit), "USD"), url, "product-detail", "x", stamp),
            Signal("verified", verified, url, "product-detail", "x", stamp),
            Signal("years_on_alibaba", 6, url, "product-detail", "x", stamp),
            Signal(
                "on_time_delivery", 99.0 if verified else 91.5, url, "product-detail", "x", stamp
            ),
        ]
        obs = SupplierObservation(
            HISTORY_ID, "History Trading Ltd", {"history": "subdomain"}, signals
        )
        store.record(
            ParseResult(
                Capture(url=url, kind="product-detail", outcome="ok", fetched_at=stamp), [obs]
            )
        )


def demo_store(path: Path, hostile: bool = True, real_pages: Path | None = None) -> Store:
    """What `vet demo` imports (the example pages, and the real saved pages when given), plus a
    supplier with history and, unless ``hostile`` is False, one with hostile text everywhere."""
    from vetcli.data import import_file

    store = Store(path)
    pages = sorted(EXAMPLES.glob("*.html"))
    if real_pages is not None and real_pages.is_dir():
        pages += sorted(real_pages.glob("*.html"))
    for page in pages:
        import_file(store, page, source="test")
    record_history(store)
    if hostile:
        record_hostile(store)
    return store
