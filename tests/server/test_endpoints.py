"""Every endpoint on a real SQLite file: lookup, batch, search, history, orders, captures."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from server import create_app
from tests.helpers.api import API_KEY, seeded_app
from tests.helpers.paths import EXAMPLES, ROOT
from vetting.document import supplier_document as supplier_json
from vetting.model import utcnow
from vetting.store import Store

AUTH = {"Authorization": f"Bearer {API_KEY}"}
TEXTILES, LIGHTING = "900000001", "900000002"


@pytest.fixture
def app(db_path):
    return seeded_app(db_path)


@pytest.fixture
def client(app):
    return app.test_client()


def test_single_lookup_is_the_report_shape(client, db_path):
    doc = client.get("/api/v1/suppliers/example-textiles").get_json()
    store = Store(db_path, readonly=True)
    assert doc == supplier_json(store.get(TEXTILES))
    store.close()


def test_order_params_add_deposit_payment_and_coverage(client):
    doc = client.get(
        f"/api/v1/suppliers/{TEXTILES}?order_value=20000&currency=usd&deposit=30%25"
        "&payment=ta&coverage=pre-shipment"
    ).get_json()
    order = doc["order"]
    assert (order["coverage"], order["payment"]) == ("pre-shipment", "ta")
    assert order["covered"] == 6000  # the 30 % deposit, within the 12,000 limit
    assert order["uncovered"] == 14000


def test_batch_is_one_result_per_item_in_order(client):
    items = [
        LIGHTING,
        "nobody-here",
        {"id": "example-textiles"},
        int(TEXTILES),
        {
            "id": "new-shop",
            "url": "https://new-shop.en.alibaba.com/",
            "signals": {
                "trade_assurance": True,
                "ta_limit": {"amount": 5000, "currency": "USD"},
                "verified": None,
            },
        },
        {"id": "bare", "signals": {"verified": None}},
    ]
    body = client.post(
        "/api/v1/suppliers/lookup", json={"items": items, "order": {"order_value": 8000}}
    ).get_json()
    results = body["results"]
    assert [r["id"] for r in results] == [
        LIGHTING,
        "nobody-here",
        "example-textiles",
        TEXTILES,
        "new-shop",
        "bare",
    ]
    assert [r["status"] for r in results] == [
        "found",
        "unknown",
        "found",
        "found",
        "observed",
        "unknown",
    ]
    assert body["counts"] == {"found": 3, "observed": 1, "unknown": 2}
    assert results[1]["supplier"] is None and results[1]["source"] is None
    assert results[2]["supplier"]["supplier_id"] == TEXTILES
    observed = results[4]
    assert observed["source"] == "observed"
    sup = observed["supplier"]
    assert sup["signals"]["ta_limit"]["page_kind"] == "observed"
    assert sup["signals"]["ta_limit"]["source_url"] == "https://new-shop.en.alibaba.com/"
    assert sup["signals"]["verified"]["value"] is None  # unknown stays unknown
    assert sup["score"]["status"] in ("scored", "insufficient data")
    assert sup["order"]["uncovered"] == 3000
    assert results[0]["supplier"]["order"]["flags"][0]["code"] == "NO_TRADE_ASSURANCE"


def test_batch_of_100_is_accepted(client):
    body = client.post("/api/v1/suppliers/lookup", json={"items": [TEXTILES] * 100}).get_json()
    assert len(body["results"]) == 100


def test_search_totals_filters_and_next_links(client):
    page = client.get("/api/v1/suppliers?per_page=1").get_json()
    assert (page["total"], page["pages"], len(page["items"])) == (2, 2, 1)
    assert page["items"][0]["name"].startswith("Demo Lighting")  # sorted by name
    assert page["links"]["prev"] is None
    second = client.get(page["links"]["next"]).get_json()
    assert second["items"][0]["supplier_id"] == TEXTILES
    assert second["links"]["next"] is None
    assert "per_page=1" in second["links"]["prev"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("ta=yes", [TEXTILES], id="ta-yes"),
        pytest.param("ta=no", [LIGHTING], id="ta-no"),
        pytest.param("ta=unknown", [], id="ta-unknown"),
        pytest.param("verified=true", [TEXTILES], id="verified"),
        pytest.param("min_ta_limit=10000", [TEXTILES], id="min-limit"),
        pytest.param("min_ta_limit=20000", [], id="min-limit-above"),
        pytest.param("q=lighting", [LIGHTING], id="name-contains"),
        pytest.param("q=example-textiles", [TEXTILES], id="alias"),
        pytest.param("q=100%25_", [], id="like-wildcards-are-literal"),
        pytest.param("sort=-score", [TEXTILES, LIGHTING], id="by-score"),
        pytest.param("sort=-ta_limit", [TEXTILES, LIGHTING], id="by-limit-unknown-last"),
    ],
)
def test_search_filters(client, query, expected):
    page = client.get(f"/api/v1/suppliers?{query}").get_json()
    assert [s["supplier_id"] for s in page["items"]] == expected
    assert page["total"] == len(expected)


def test_search_by_grade_matches_the_score(client):
    grade = client.get(f"/api/v1/suppliers/{TEXTILES}").get_json()["score"]["grade"]
    page = client.get(f"/api/v1/suppliers?grade={grade}").get_json()
    assert TEXTILES in [s["supplier_id"] for s in page["items"]]


def test_capture_of_raw_html_goes_through_the_parsers(client, db_path):
    html = sorted(EXAMPLES.glob("*textiles*.html"))[0].read_text()
    page_url = "https://www.alibaba.com/product-detail/x_1600900000001.html"
    response = client.post("/api/v1/captures", json={"url": page_url, "html": html}, headers=AUTH)
    assert response.status_code == 201
    doc = response.get_json()
    assert (doc["outcome"], doc["source"], doc["suppliers"]) == ("ok", "extension", [TEXTILES])
    store = Store(db_path, readonly=True)
    row = store.db.execute(
        "SELECT source, url FROM captures WHERE id = ?", [doc["capture_id"]]
    ).fetchone()
    store.close()
    assert row == ("extension", page_url)


def test_capture_of_an_unrecognised_page_writes_nothing(client):
    response = client.post(
        "/api/v1/captures",
        json={"url": "https://x.test/", "html": "<html><p>hello</p></html>"},
        headers=AUTH,
    )
    assert response.status_code == 201
    assert response.get_json()["outcome"] == "unparseable"
    assert response.get_json()["suppliers"] == []


def test_observed_capture_shows_up_in_history(client):
    capture = {
        "url": "https://example-textiles.en.alibaba.com/",
        "supplier_id": "example-textiles",
        "signals": {"ta_limit": {"amount": 9000, "currency": "USD"}, "verified": None},
    }
    response = client.post("/api/v1/captures", json=capture, headers=AUTH)
    assert response.status_code == 201
    assert response.get_json()["suppliers"] == [TEXTILES]  # the alias resolved
    history = client.get("/api/v1/suppliers/example-textiles/history").get_json()
    limits = [c for c in history["changes"] if c["signal"] == "ta_limit"]
    assert [c["to"]["amount"] for c in limits] == [12000, 9000]
    assert limits[0]["from"] is None and limits[1]["from"]["amount"] == 12000
    assert limits[1]["page_kind"] == "observed"
    # A contribution is kept beside the crawled value, which stays the one shown (and searched).
    assert (
        client.get(f"/api/v1/suppliers/{TEXTILES}").get_json()["signals"]["ta_limit"]["value"][
            "amount"
        ]
        == 12000
    )
    assert client.get("/api/v1/suppliers?min_ta_limit=10000").get_json()["total"] == 1


def test_order_check_with_stored_and_observed_suppliers(client):
    stored = client.post(
        "/api/v1/orders/check",
        json={"supplier_id": TEXTILES, "order": {"order_value": "20,000", "currency": "USD"}},
    ).get_json()
    assert stored["supplier_id"] == TEXTILES
    assert stored["coverage"]["covered"] == 12000
    observed = client.post(
        "/api/v1/orders/check",
        json={"signals": {"trade_assurance": True}, "order": {"order_value": 100}},
    ).get_json()
    assert observed["supplier_id"] is None
    assert "COVERAGE_LIMIT_UNKNOWN" in [f["code"] for f in observed["coverage"]["flags"]]


def test_order_check_returns_checklist_and_deadlines(client):
    body = client.post(
        "/api/v1/orders/check",
        json={
            "supplier_id": "example-textiles",
            "order": {"order_value": 5000},
            "contract": {
                "terms": {"colour": "navy blue, Pantone 19-4052"},
                "text": "Shipment date: about March",
            },
            "events": {"paid": "2026-01-05", "shipped": "2026-02-01"},
        },
    ).get_json()
    assert body["coverage"]["covered"] == 5000
    status = {row["term"]: row["status"] for row in body["checklist"]}
    assert status["shipment_date"] == "vague"
    assert status["colour"] == "present"
    assert status["packaging"] == "missing"
    act_by = body["deadlines"]["act_by"]
    assert act_by["kind"] == "deadline" and act_by["date"] > "2026-02-01"
    # Without an order there is no coverage, but the checklist and the schedule still come back.
    bare = client.post("/api/v1/orders/check", json={"contract": "Colour: navy"}).get_json()
    assert bare["coverage"] is None and bare["supplier_id"] is None
    assert bare["deadlines"]["act_by"] is None


def test_healthz(client):
    assert client.get("/api/v1/healthz").get_json() == {"status": "ok", "suppliers": 2}


def _flask_routes(app) -> set[tuple[str, str]]:
    out = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", "{id}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            out.add((method, path))
    return out


def test_every_route_is_in_the_openapi_document_and_the_readme(app):
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    routes = _flask_routes(app)
    assert routes == documented
    readme = (ROOT / "README.md").read_text()
    for method, path in routes:
        assert f"{method} {path.removeprefix('/api/v1')}" in readme, (method, path)


def test_app_factory_reads_its_settings_from_the_environment(monkeypatch, db_path):
    monkeypatch.setenv("VETTING_API_KEYS", "a, b")
    monkeypatch.setenv("VETTING_CORS_ORIGINS", "https://www.alibaba.com")
    monkeypatch.setenv("VETTING_RATELIMIT", "5 per second")
    app = create_app({"DATABASE": str(db_path)})
    assert app.config["API_KEYS"] == ["a", "b"]
    assert app.config["CORS_ORIGINS"] == ["https://www.alibaba.com"]
    assert app.config["RATELIMIT_DEFAULT"] == "5 per second"


def _tamper(db_path, **columns) -> None:
    store = Store(db_path)
    sets = ", ".join(f"{c} = ?" for c in columns)
    with store.db.conn:
        store.db.execute(
            f"UPDATE supplier_summary SET {sets} WHERE supplier_id = ?",
            [*columns.values(), TEXTILES],
        )
    store.close()


@pytest.mark.parametrize(
    ("columns", "served"),
    [
        pytest.param({}, True, id="exact-document-served"),
        pytest.param({"doc_valid_until": "2000-01-01T00:00:00+00:00"}, False, id="expired"),
        pytest.param({"doc_version": "older-code"}, False, id="made-by-other-code"),
    ],
)
def test_stored_documents_are_served_only_while_exact(client, db_path, columns, served):
    live = client.get(f"/api/v1/suppliers/{TEXTILES}").get_json()
    _tamper(db_path, doc='{"marker":"stored"}', **columns)
    single = client.get(f"/api/v1/suppliers/{TEXTILES}").get_json()
    batch = client.post("/api/v1/suppliers/lookup", json={"items": [TEXTILES]}).get_json()
    expected = {"marker": "stored"} if served else live
    assert single == expected
    assert batch["results"][0]["supplier"] == expected


def test_stored_document_validity_follows_the_staleness_rule(store):
    from vetting.document import FOREVER
    from vetting.document import stored_document as _document
    from vetting.model import Signal, Supplier
    from vetting.scoring_rules import STALE_AFTER

    fresh = "2026-11-01T00:00:00+00:00"
    signals = {
        "trade_assurance": Signal("trade_assurance", True, observed_at=fresh),
        "verified": Signal("verified", True, observed_at=fresh),
    }
    recent = Supplier("1", signals=signals, last_checked=utcnow())
    text, until = _document(recent)
    assert json.loads(text) == supplier_json(recent)
    assert until[:10] == (datetime.now(UTC) + STALE_AFTER).date().isoformat()
    old = Supplier("2", signals=signals, last_checked="2020-01-01T00:00:00+00:00")
    assert _document(old)[1] == FOREVER  # already stale: only a new write changes it


def test_root_links_to_docs_and_health(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "application/json"
    links = response.get_json()["links"]
    for name in ("docs", "health"):
        assert client.get(links[name]).status_code == 200, name
    assert "/" in client.get("/api/v1/openapi.json").get_json()["paths"]
    # Only / itself: any other unknown address keeps the one error shape.
    assert client.get("/nothing").get_json()["error"]["status"] == 404
