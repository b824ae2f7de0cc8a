"""The store: round trip, alias lookup, unknown stays unknown, blocked pages write nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vetting.model import Capture, Money, ParseResult, Signal, SupplierObservation
from vetting.store import Store, UnknownSupplier, migrate


def observation(sid="259052175", **signals) -> SupplierObservation:
    return SupplierObservation(
        supplier_id=sid,
        name="Example Co.",
        aliases={"jinqisportswear.en.alibaba.com": "subdomain", "251857419": "member_id"},
        signals=[
            Signal(n, v, source_url="https://x.test/p", extractor="test", observed_at=at)
            for n, (v, at) in signals.items()
        ],
    )


def ok(obs, fetched_at="2026-01-01T00:00:00+00:00", outcome="ok") -> ParseResult:
    return ParseResult(
        Capture(url="https://x.test/p", kind="test", outcome=outcome, fetched_at=fetched_at), [obs]
    )


def test_round_trip_keeps_types_and_provenance(store: Store):
    limit = Money(Decimal("10000"), "USD", "10,000")
    store.record(
        ok(observation(trade_assurance=(True, "2026-01-01"), ta_limit=(limit, "2026-01-01")))
    )
    got = store.get("259052175")
    assert got.name == "Example Co."
    assert got.value("trade_assurance") is True
    assert got.value("ta_limit") == limit
    assert got.signal("ta_limit").extractor == "test"
    assert got.signal("ta_limit").source_url == "https://x.test/p"


@pytest.mark.parametrize(
    "alias",
    [
        "259052175",
        "jinqisportswear",
        "JinqiSportswear.en.alibaba.com",
        "https://jinqisportswear.m.en.alibaba.com/company_profile.html",
        "251857419",
    ],
)
def test_lookup_by_any_alias(store: Store, alias: str):
    store.record(ok(observation(trade_assurance=(True, "2026-01-01"))))
    assert store.get(alias).supplier_id == "259052175"


def test_unknown_signal_is_none_not_false(store: Store):
    store.record(ok(observation(trade_assurance=(True, "2026-01-01"))))
    got = store.get("259052175")
    assert got.value("verified") is None
    assert got.signal("verified").known is False


def test_unknown_never_overwrites_known(store: Store):
    store.record(ok(observation(verified=(True, "2026-01-01"))))
    store.record(ok(observation(verified=(None, "2026-02-01")), "2026-02-01T00:00:00+00:00"))
    assert store.get("259052175").value("verified") is True


def test_history_is_append_only_and_latest_wins(store: Store):
    store.record(ok(observation(ta_limit=(Money(Decimal(46000), "USD"), "2026-01-01"))))
    store.record(
        ok(
            observation(ta_limit=(Money(Decimal(10000), "USD"), "2026-03-01")),
            "2026-03-01T00:00:00+00:00",
        )
    )
    assert store.get("259052175").value("ta_limit").amount == Decimal(10000)
    history = [h["value"]["amount"] for h in store.history("259052175")]
    assert history == [46000, 10000]


@pytest.mark.parametrize("outcome", ["blocked", "unparseable", "not_found", "error"])
def test_non_ok_capture_writes_no_signals(store: Store, outcome: str):
    store.record(ok(observation(trade_assurance=(True, "2026-01-01")), outcome=outcome))
    with pytest.raises(UnknownSupplier):
        store.get("259052175")
    assert [c["outcome"] for c in store.captures()] == [outcome]


def test_migrations_are_idempotent_and_wal(db_path):
    s = Store(db_path)
    assert migrate(s.db) == migrate(s.db)
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_readonly_store_cannot_write(db_path):
    Store(db_path).close()
    ro = Store(db_path, readonly=True)
    with pytest.raises(Exception, match="readonly"):
        ro.record(ok(observation(trade_assurance=(True, "2026-01-01"))))


def test_readonly_store_on_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="database not found"):
        Store(tmp_path / "nope.db", readonly=True)
