"""Extreme numbers and dates: bounded at the input (400 naming the field), and robust on read
(a stored limit of 10^30 does not break the lookups that include its supplier)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.helpers.api import API_KEY, seeded_app
from vetting.model import Capture, Money, ParseResult, Signal, SupplierObservation, utcnow
from vetting.store import Store

HUGE_ID = "990000001"
DOC = "/api/v1/suppliers/900000001?order_value=100"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("extremes") / "vetting.db"
    app = seeded_app(db)
    store = Store(db)  # a limit of 1e30 already stored (by an older version, or by hand)
    cap = Capture(url="https://x.en.alibaba.com/", kind="profile", outcome="ok",
                  fetched_at=utcnow(), source="test")  # fmt: skip
    signals = [
        Signal("trade_assurance", True),
        Signal("ta_limit", Money(Decimal("1e30"), "USD"), observed_at=utcnow()),
    ]
    obs = SupplierObservation(supplier_id=HUGE_ID, name="Huge Limit (fictional)", signals=signals)
    store.record(ParseResult(cap, suppliers=[obs]))
    store.close()
    return app.test_client()


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"{DOC}&currency=EUR&rate=USD:EUR:1e25", "rate"),
        (f"{DOC}&currency=EUR&rate=USD:EUR:1e-30", "rate"),
        ("/api/v1/suppliers?min_ta_limit=1e30", "min_ta_limit"),
    ],
    ids=["rate-1e25", "rate-1e-30", "min-limit-1e30"],
)
def test_extreme_query_numbers_are_400_naming_the_field(client, path, field):
    response = client.get(path)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert field in response.get_json()["error"]["details"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"events": {"shipped": "9999-12-31"}}, "events.shipped"),
        ({"events": {"paid": "0001-01-01"}}, "events.paid"),
        ({"order": {"order_value": 100, "currency": "EUR", "rate": "USD:EUR:1e25"}}, "order.rate"),
        ({"signals": {"ta_limit": {"amount": 1e30, "currency": "USD"}}}, "signals.ta_limit.amount"),
    ],
    ids=["shipped-9999", "paid-year-1", "rate-1e25", "observed-limit-1e30"],
)
def test_extreme_body_values_are_400_naming_the_field(client, body, field):
    response = client.post("/api/v1/orders/check", json=body)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert field in response.get_json()["error"]["details"]


def test_contributed_limit_of_1e30_is_refused(client):
    body = {"url": "https://x.en.alibaba.com/", "supplier_id": "990000002",
            "signals": {"ta_limit": {"amount": 1e30, "currency": "USD"}}}  # fmt: skip
    response = client.post(
        "/api/v1/captures", json=body, headers={"Authorization": f"Bearer {API_KEY}"}
    )
    assert response.status_code == 400
    assert "signals.ta_limit.amount" in response.get_json()["error"]["details"]


@pytest.mark.parametrize(
    "order",
    [
        {"order_value": 25000},
        {"order_value": 25000, "currency": "EUR", "rate": "USD:EUR:0.92"},
        {"order_value": 25000, "currency": "EUR", "rate": "USD:EUR:1000000"},
    ],
    ids=["usd", "eur", "eur-top-rate"],
)
def test_a_stored_limit_of_1e30_does_not_break_batch_lookups(client, order):
    body = {"items": ["900000001", HUGE_ID, "900000002"], "order": order}
    response = client.post("/api/v1/suppliers/lookup", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == ["found"] * 3
    huge = client.get(f"/api/v1/suppliers/{HUGE_ID}?order_value=25000").get_json()
    assert huge["order"]["covered"] == 25000
