"""GET /api/v1/suppliers/<id>: the supplier, its signals and score, in the one JSON shape."""

from __future__ import annotations

import pytest

from tests.helpers.api import seeded_app


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
