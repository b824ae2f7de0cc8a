"""GET /api/v1/suppliers/<id>: the supplier, its signals and score, in the one JSON shape."""

from __future__ import annotations

import pytest

from server import create_app
from tests.conftest import EXAMPLES
from vetting.cli.data import import_file
from vetting.store import Store

API_KEY = "test-key-0123456789"
# The two fictional example suppliers the API tests count on (other examples may come and go).
SEED_PAGES = (
    "2022_product-detail_example-textiles_1600900000001.html",
    "2022_product-detail_demo-lighting_1600900000002.html",
)


def seeded_app(db_path, **config):
    """The app on a real SQLite file holding the example pages, as parsed by the real parsers."""
    store = Store(db_path)
    for name in SEED_PAGES:
        import_file(store, EXAMPLES / name)
    store.close()
    settings = {
        "DATABASE": str(db_path),
        "TESTING": True,
        "RATELIMIT_ENABLED": False,
        "API_KEYS": [API_KEY],
        "CORS_ORIGINS": [],
    }
    return create_app({**settings, **config})


@pytest.fixture
def client(db_path):
    return seeded_app(db_path).test_client()


def test_lookup_by_id_and_alias(client):
    for key in ("900000001", "example-textiles"):
        doc = client.get(f"/api/v1/suppliers/{key}").get_json()
        assert doc["supplier_id"] == "900000001"
        assert doc["signals"]["ta_limit"]["value"]["amount"] == 12000
        assert doc["score"]["grade"] in "ABCDF"


def test_order_value_adds_the_order_check(client):
    doc = client.get("/api/v1/suppliers/900000001?order_value=20000").get_json()
    assert doc["order"]["covered"] == 12000
    assert doc["order"]["uncovered"] == 8000
    assert [f["code"] for f in doc["order"]["flags"]] == ["ORDER_ABOVE_COVERAGE"]


def test_unknown_id_is_404_in_error_shape(client):
    response = client.get("/api/v1/suppliers/424242")
    assert response.status_code == 404
    assert response.get_json()["error"]["details"] == {"id": "424242"}


def test_bad_order_value_is_400(client):
    response = client.get("/api/v1/suppliers/900000001?order_value=-1")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
