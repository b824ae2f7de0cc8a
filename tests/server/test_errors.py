"""Every error path of the API answers in the one shape, from the one function."""

from __future__ import annotations

import json

import pytest

from tests.helpers.api import API_KEY, assert_error, seeded_app

SQLITE_MAX = 2**63 - 1
TOO_BIG = str(SQLITE_MAX + 1)
AUTH = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture
def client(db_path):
    return seeded_app(db_path).test_client()


BAD_REQUESTS = [
    pytest.param(
        "get",
        "/api/v1/suppliers/900000001?order_value=-1",
        None,
        "order_value",
        id="negative-order-value",
    ),
    pytest.param(
        "get",
        "/api/v1/suppliers/900000001?order_value=lots",
        None,
        "order_value",
        id="non-numeric-order-value",
    ),
    pytest.param(
        "get",
        "/api/v1/suppliers/900000001?order_value=100&currency=US$",
        None,
        "currency",
        id="unknown-currency",
    ),
    pytest.param(
        "get",
        "/api/v1/suppliers/900000001?order_value=100&currency=EUR",
        None,
        "rate",
        id="currency-differs-from-limit-without-rate",
    ),
    pytest.param(
        "get",
        "/api/v1/suppliers/900000001?order_value=100&deposit=500",
        None,
        "deposit",
        id="deposit-above-order",
    ),
    pytest.param(
        "get",
        "/api/v1/suppliers/900000001?currency=EUR",
        None,
        "order_value",
        id="order-fields-without-value",
    ),
    pytest.param("get", f"/api/v1/suppliers/{TOO_BIG}", None, "id", id="path-id-too-large"),
    pytest.param(
        "get", f"/api/v1/suppliers/{TOO_BIG}/history", None, "id", id="history-id-too-large"
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": [int(TOO_BIG)]},
        "items[0]",
        id="batch-int-id-too-large",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": ["1", TOO_BIG]},
        "items[1]",
        id="batch-string-id-too-large",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": [{"id": -4}]},
        "items[0].id",
        id="batch-negative-id",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": [str(i) for i in range(101)]},
        "items",
        id="batch-over-100",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": "900000001"},
        "items",
        id="batch-items-not-a-list",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": [], "extra": 1},
        "extra",
        id="batch-unknown-field",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": [{"id": "x", "signals": {"trade_assurance": "yes"}}]},
        "items[0].signals.trade_assurance",
        id="observed-signal-wrong-type",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": [{"id": "x", "signals": {"badge_colour": "gold"}}]},
        "items[0].signals.badge_colour",
        id="observed-signal-unknown",
    ),
    pytest.param(
        "post",
        "/api/v1/suppliers/lookup",
        {"items": ["900000001"], "order": {"order_value": 0}},
        "order.order_value",
        id="batch-order-zero",
    ),
    pytest.param("get", "/api/v1/suppliers?per_page=0", None, "per_page", id="per-page-zero"),
    pytest.param("get", "/api/v1/suppliers?per_page=101", None, "per_page", id="per-page-large"),
    pytest.param("get", "/api/v1/suppliers?sort=price", None, "sort", id="unknown-sort"),
    pytest.param("get", "/api/v1/suppliers?grade=Z", None, "grade", id="unknown-grade"),
    pytest.param("get", "/api/v1/suppliers?ta=maybe", None, "ta", id="bad-tri-state"),
    pytest.param(
        "get", "/api/v1/suppliers?min_ta_limit=-5", None, "min_ta_limit", id="negative-min-limit"
    ),
    pytest.param("get", "/api/v1/suppliers?colour=red", None, "colour", id="unknown-param"),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"order": {"order_value": "abc"}},
        "order.order_value",
        id="order-check-non-numeric",
    ),
    pytest.param(
        "post", "/api/v1/orders/check", {"order": "lots"}, "order", id="order-not-an-object"
    ),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"events": {"shipped": "2026-02-30"}},
        "events.shipped",
        id="impossible-date",
    ),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"events": {"paid": "2026-03-01", "shipped": "2026-02-01"}},
        "events.shipped",
        id="events-out-of-order",
    ),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"events": {"arrived": "2026-03-01"}},
        "events.arrived",
        id="unknown-event",
    ),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"contract": {"terms": {"colour": ["navy"]}}},
        "contract.terms",
        id="contract-term-not-text",
    ),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"contract": {"terms": {"colour": True}}},
        "contract.terms",
        id="contract-term-boolean",
    ),
    pytest.param(
        "post", "/api/v1/orders/check", {"profiles": ["mine"]}, "profiles", id="bad-profile"
    ),
    pytest.param(
        "post",
        "/api/v1/orders/check",
        {"order": {"order_value": 100, "payment": "cash"}},
        "order.payment",
        id="order-check-bad-payment",
    ),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), BAD_REQUESTS)
def test_bad_input_is_400_with_the_field_named(client, method, path, body, field):
    response = (
        getattr(client, method)(path, json=body)
        if body is not None
        else getattr(client, method)(path)
    )
    err = assert_error(response, 400)
    assert field in err["details"], err


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        pytest.param("/api/v1/suppliers/lookup", {}, id="lookup"),
        pytest.param("/api/v1/orders/check", {}, id="orders"),
        pytest.param("/api/v1/captures", AUTH, id="captures"),
    ],
)
@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b'{"items": [', id="truncated"),
        pytest.param(b"{'items': []}", id="single-quotes"),
        pytest.param(b'{"items": [NaN]}', id="nan"),
        pytest.param(b"\xff\xfe\x00", id="not-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
def test_malformed_json_is_400(client, path, headers, raw):
    response = client.post(path, data=raw, content_type="application/json", headers=headers)
    err = assert_error(response, 400)
    assert "body" in err["details"]


def test_json_that_is_not_an_object_is_400(client):
    err = assert_error(client.post("/api/v1/suppliers/lookup", json=[1, 2]), 400)
    assert err["details"] == {"body": "must be a JSON object"}


def test_captures_without_a_key_is_401(client):
    response = client.post("/api/v1/captures", json={"url": "https://x.test/", "html": "<p>"})
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_captures_with_an_unknown_key_is_403(client):
    response = client.post(
        "/api/v1/captures",
        json={"url": "https://x.test/", "html": "<p>"},
        headers={"Authorization": "Bearer not-a-key"},
    )
    assert_error(response, 403)


def test_captures_with_no_keys_configured_refuse_every_key(db_path):
    client = seeded_app(db_path, API_KEYS=[]).test_client()
    response = client.post(
        "/api/v1/captures", json={"url": "https://x.test/", "html": "<p>"}, headers=AUTH
    )
    assert_error(response, 403)


@pytest.mark.parametrize(
    ("path", "echoed"),
    [
        pytest.param("/api/v1/suppliers/424242", "424242", id="supplier"),
        pytest.param("/api/v1/suppliers/no-such-shop/history", "no-such-shop", id="history"),
        pytest.param(f"/api/v1/suppliers/{SQLITE_MAX}", str(SQLITE_MAX), id="largest-int"),
    ],
)
def test_unknown_id_is_404_with_the_id_echoed(client, path, echoed):
    err = assert_error(client.get(path), 404)
    assert err["details"] == {"id": echoed}
    assert echoed in err["message"]


def test_order_check_unknown_supplier_is_404(client):
    response = client.post(
        "/api/v1/orders/check", json={"supplier_id": "nobody", "order": {"order_value": 5}}
    )
    assert assert_error(response, 404)["details"] == {"id": "nobody"}


def test_unknown_route_is_404(client):
    err = assert_error(client.get("/api/v1/nothing-here"), 404)
    assert err["details"] == {"path": "/api/v1/nothing-here"}


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        pytest.param("put", "/api/v1/suppliers/900000001", {"GET", "HEAD", "OPTIONS"}, id="put"),
        pytest.param("delete", "/api/v1/suppliers/lookup", {"POST", "OPTIONS"}, id="delete"),
        pytest.param("get", "/api/v1/captures", {"POST", "OPTIONS"}, id="get-captures"),
    ],
)
def test_wrong_method_is_405_keeping_allow(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert_error(response, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= allowed


def test_oversized_body_is_413(db_path):
    client = seeded_app(db_path, MAX_CONTENT_LENGTH=1024).test_client()
    response = client.post(
        "/api/v1/captures",
        json={"url": "https://x.test/", "html": "x" * 5000},
        headers=AUTH,
    )
    assert assert_error(response, 413)["details"] == {"body": "at most 1024 bytes"}


def test_rate_limit_is_429_with_retry_after(db_path):
    client = seeded_app(
        db_path, RATELIMIT_ENABLED=True, RATELIMIT_DEFAULT="2 per minute"
    ).test_client()
    for _ in range(2):
        assert client.get("/api/v1/suppliers/900000001").status_code == 200
    response = client.get("/api/v1/suppliers/900000001")
    assert_error(response, 429)
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    # Liveness probes are never limited.
    assert client.get("/api/v1/healthz").status_code == 200


def test_internal_error_is_500_without_stack_trace(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not an SQLite database" * 100)
    client_app = seeded_app(tmp_path / "ok.db", DATABASE=str(broken), PROPAGATE_EXCEPTIONS=False)
    client_app.testing = False  # let the error handler answer instead of re-raising
    response = client_app.test_client().get("/api/v1/suppliers/900000001")
    err = assert_error(response, 500)
    assert err["details"] is None
    assert "database" not in err["message"].lower()


def test_error_bodies_are_json_even_when_gzip_is_accepted(client):
    response = client.get("/api/v1/suppliers/424242", headers={"Accept-Encoding": "gzip"})
    assert json.loads(response.get_data())["error"]["status"] == 404
