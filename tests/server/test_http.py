"""HTTP behaviour: ETag/304, Cache-Control, gzip, CORS, shared rate limits, WAL reads."""

from __future__ import annotations

import gzip
import json
import shutil
import socket
import subprocess
import time

import pytest

from tests.helpers.api import API_KEY, seeded_app
from vetting.store import Store

ALLOWED = "https://www.alibaba.com"
SUPPLIER = "/api/v1/suppliers/900000001"


@pytest.fixture
def client(db_path):
    return seeded_app(db_path, CORS_ORIGINS=[ALLOWED]).test_client()


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(SUPPLIER, id="supplier"),
        pytest.param("/api/v1/suppliers?per_page=5", id="search"),
        pytest.param(SUPPLIER + "/history", id="history"),
        pytest.param("/api/v1/openapi.json", id="openapi"),
    ],
)
def test_get_has_etag_and_answers_304(client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    assert "max-age=60" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_etag_changes_when_the_supplier_changes(client):
    etag = client.get(SUPPLIER).headers["ETag"]
    client.post(
        "/api/v1/captures",
        json={"url": "https://a.test/", "supplier_id": "900000001", "signals": {"staff": "51-100"}},
        headers={"Authorization": f"Bearer {API_KEY}"},
    )
    assert client.get(SUPPLIER, headers={"If-None-Match": etag}).status_code == 200


def test_posts_are_not_cached(client):
    response = client.post("/api/v1/suppliers/lookup", json={"items": ["900000001"]})
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers


def test_gzip_when_accepted_only(client):
    plain = client.get(SUPPLIER)
    assert "Content-Encoding" not in plain.headers
    zipped = client.get(SUPPLIER, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert json.loads(gzip.decompress(zipped.get_data())) == plain.get_json()
    assert zipped.headers["ETag"] == plain.headers["ETag"]  # weak: same document
    refused = client.get(SUPPLIER, headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_cors_only_for_configured_origins(client):
    allowed = client.get(SUPPLIER, headers={"Origin": ALLOWED})
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in allowed.headers["Vary"]
    other = client.get(SUPPLIER, headers={"Origin": "https://evil.test"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_cors_preflight(client):
    headers = {
        "Origin": ALLOWED,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    response = client.options("/api/v1/suppliers/lookup", headers=headers)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    denied = client.options(
        "/api/v1/suppliers/lookup", headers={**headers, "Origin": "https://evil.test"}
    )
    assert "Access-Control-Allow-Origin" not in denied.headers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    port = _free_port()
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_in_memory_limits_count_per_process(db_path):
    """Two apps stand in for two gunicorn workers: memory storage gives each its own count."""
    config = {"RATELIMIT_ENABLED": True, "RATELIMIT_DEFAULT": "2 per minute"}
    one, two = (seeded_app(db_path, **config).test_client() for _ in range(2))
    statuses = [c.get(SUPPLIER).status_code for c in (one, one, two, two)]
    assert statuses == [200, 200, 200, 200]


def test_redis_storage_shares_the_count_across_workers(db_path, redis_url):
    config = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_DEFAULT": "3 per minute",
        "RATELIMIT_STORAGE_URI": redis_url,
    }
    one, two = (seeded_app(db_path, **config).test_client() for _ in range(2))
    statuses = [c.get(SUPPLIER).status_code for c in (one, two, one, two)]
    assert statuses == [200, 200, 200, 429]


def test_reads_are_not_blocked_by_an_open_write(db_path, client):
    """WAL: a writer holding its transaction open does not stop lookups."""
    writer = Store(db_path)
    writer.db.execute("BEGIN IMMEDIATE")
    writer.db.execute("UPDATE suppliers SET name = 'pending' WHERE supplier_id = '900000001'")
    try:
        started = time.monotonic()
        doc = client.get(SUPPLIER).get_json()
        assert time.monotonic() - started < 1  # the busy timeout (5 s) was not waited out
        assert doc["name"] != "pending"  # uncommitted data is not visible
    finally:
        writer.db.execute("ROLLBACK")
        writer.close()
