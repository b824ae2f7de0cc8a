"""/healthz tells a corrupt or empty database from a sound one (503 in the error shape), and a
0-byte database file is reported as empty, not as "no such table"."""

from __future__ import annotations

import shutil

import pytest

from server import create_app
from tests.helpers.api import seeded_app
from vetting.store import DatabaseUnusable, Store

PAGE = 4096


def _app(db):
    return create_app({"DATABASE": str(db), "TESTING": True, "RATELIMIT_ENABLED": False})


def test_sound_database_is_healthy(tmp_path):
    seeded_app(tmp_path / "vetting.db")
    response = _app(tmp_path / "vetting.db").test_client().get("/api/v1/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_corrupt_database_is_503(tmp_path):
    good = tmp_path / "good.db"
    seeded_app(good)
    Store(good).db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    bad = tmp_path / "bad.db"
    shutil.copy(good, bad)
    data = bytearray(bad.read_bytes())
    assert len(data) > 4 * PAGE
    for offset in range(2 * PAGE, len(data), PAGE):  # every page after the schema's
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    bad.write_bytes(bytes(data))
    response = _app(bad).test_client().get("/api/v1/healthz")
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "unavailable" and error["details"]["database"]


def test_empty_database_file_is_503_and_says_empty(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    response = _app(empty).test_client().get("/api/v1/healthz")
    assert response.status_code == 503
    assert "is empty" in response.get_json()["error"]["message"]
    with pytest.raises(DatabaseUnusable, match="is empty"):
        Store(empty, readonly=True)
