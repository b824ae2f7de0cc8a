"""Concurrent writers on one database: every write is stored, none answered "database is locked".

Eight threads post contributed captures to the real `vet serve` (gunicorn, 4 worker processes),
and eight `vet import` processes import pages into one file at the same time. Every write path
takes SQLite's write lock up front (BEGIN IMMEDIATE) and waits for it with a bounded timeout, so
a writer waits its turn instead of failing when a deferred transaction cannot upgrade its lock.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.helpers.crash_site import profile_html
from tests.helpers.live_server import vet_serve
from vetting.store import Store

WRITERS = 8
PER_WRITER = 25
FILES_PER_IMPORT = 3
API_KEY = "concurrency-key-0123456789"
PAGE_URL = "https://concurrency.en.alibaba.com/company_profile.html"


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_concurrent_api_captures_are_all_stored(tmp_path):
    db = tmp_path / "vetting.db"
    Store(db).close()
    auth = {"Authorization": f"Bearer {API_KEY}"}

    def writer(w: int) -> list[int]:
        statuses = []
        with requests.Session() as session:
            for i in range(PER_WRITER):
                body = {
                    "url": PAGE_URL,
                    "supplier_id": str(920000000 + w * 100 + i),
                    "name": f"Concurrent Supplier {w}-{i} (fictional)",
                    "signals": {"trade_assurance": True, "gold_supplier": i % 2 == 0},
                }
                r = session.post(f"{base}/api/v1/captures", json=body, headers=auth, timeout=60)
                statuses.append(r.status_code)
        return statuses

    with vet_serve(db, workers=4, VETTING_API_KEYS=API_KEY) as base:
        with ThreadPoolExecutor(WRITERS) as pool:
            statuses = [s for batch in pool.map(writer, range(WRITERS)) for s in batch]
    assert statuses.count(201) == WRITERS * PER_WRITER, sorted(set(statuses))
    assert _count(db, "SELECT count(*) FROM captures") == WRITERS * PER_WRITER
    assert _count(db, "SELECT count(*) FROM suppliers") == WRITERS * PER_WRITER
    assert _count(db, "SELECT count(*) FROM supplier_summary") == WRITERS * PER_WRITER


def test_concurrent_imports_are_all_stored(tmp_path):
    db = tmp_path / "vetting.db"
    pages = []
    for w in range(WRITERS):
        for i in range(FILES_PER_IMPORT):
            path = tmp_path / f"profile-{w}-{i}.html"
            path.write_text(profile_html(w, i))
            pages.append(path)
    vet = str(Path(sys.executable).with_name("vet"))
    procs = [
        subprocess.Popen(
            [vet, "--db", str(db), "import", *map(str, pages[w::WRITERS])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for w in range(WRITERS)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    total = WRITERS * FILES_PER_IMPORT
    assert _count(db, "SELECT count(*) FROM captures WHERE outcome = 'ok'") == total
    assert _count(db, "SELECT count(*) FROM suppliers") == total
    assert _count(db, "SELECT count(*) FROM supplier_summary") == total


def test_a_writer_that_cannot_get_the_lock_says_so_and_writes_nothing(tmp_path, monkeypatch):
    from scrapers.pages import parse_page
    from tests.helpers.api import seeded_app
    from vetting.store import schema

    db = tmp_path / "vetting.db"
    app = seeded_app(db, API_KEYS=[API_KEY])
    monkeypatch.setattr(schema, "WRITE_WAIT_S", 0.3)
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 20)
    before = _count(db, "SELECT count(*) FROM captures")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that keeps the lock
    try:
        store = Store(db)
        try:
            result = parse_page(profile_html(0, 0), PAGE_URL)
            try:
                store.record(result, None)
            except schema.DatabaseBusy as exc:
                assert "nothing was written" in str(exc)
            else:
                raise AssertionError("record() wrote while another writer held the lock")
        finally:
            store.close()
        body = {"url": PAGE_URL, "supplier_id": "930000001", "signals": {"trade_assurance": True}}
        response = app.test_client().post(
            "/api/v1/captures", json=body, headers={"Authorization": f"Bearer {API_KEY}"}
        )
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert response.get_json()["error"]["code"] == "unavailable"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _count(db, "SELECT count(*) FROM captures") == before
