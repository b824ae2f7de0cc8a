"""The API on a real SQLite file seeded with the fictional example pages, and the one error
shape every API test checks."""

from __future__ import annotations

from server import create_app
from server.errors import CODES
from tests.helpers.paths import EXAMPLES
from vetcli.data import import_file
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


def assert_error(response, status: int) -> dict:
    """The one shape: {"error": {"code", "message", "status", "details"}}, nothing else."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    doc = response.get_json()
    assert set(doc) == {"error"}
    err = doc["error"]
    assert set(err) == {"code", "message", "status", "details"}
    assert err["status"] == status
    assert err["code"] == CODES[status]
    assert err["message"]
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text
    return err
