"""Crash safety: a crawling process is killed with SIGKILL at random moments (at least 20 times),
resumed after each kill, and finally allowed to finish.

The crawler runs in a child process against a `responses`-mocked alibaba.com (the seam of
tests/scrapers/test_crawl.py) with a small random network delay per page. The child appends one
line to a log file after each capture is committed and before each page fetch (O_APPEND writes
survive SIGKILL of the writer). After every kill: the database passes ``PRAGMA integrity_check``
and every capture the child saw committed is still there. At the end: every page is done, and no
page was ever fetched again after its capture had been committed.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers.crash_site import TOTAL_PAGES
from tests.helpers.paths import ROOT

KILLS = 20
MAX_KILL_DELAY_S = 0.15  # after the child says it is crawling
START_TIMEOUT_S = 60


CHILD = """
import os, random, sys, responses
from scrapers.crawl import run_crawl
from scrapers.fetch import Fetcher, FetchPolicy
from tests.helpers.crash_site import QUERY, SEARCH_PAGES, serve
from tests.helpers.crawl_site import FakeClock
from vetting.store import Store

db, log, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)

class LoggingStore(Store):
    def record(self, result, html=None, **kw):
        capture_id = super().record(result, html, **kw)  # committed when this returns
        os.write(fd, f"committed {capture_id} {result.capture.url}\\n".encode())
        return capture_id

clock = FakeClock()
with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
    serve(site, fd, random.Random(seed))
    store = LoggingStore(db)
    os.write(fd, b"crawling\\n")
    report = run_crawl(store, Fetcher(policy=FetchPolicy(), clock=clock, sleep=clock.sleep),
                       QUERY, pages=SEARCH_PAGES)
    os.write(fd, f"finished {report.summary()}\\n".encode())
"""


def _events(log: Path, start: int) -> list[list[str]]:
    lines = log.read_text().splitlines()[start:]
    return [line.split(" ", 2) for line in lines]


def _run_child(db: Path, log: Path, seed: int, kill_after: float | None) -> tuple[bool, int]:
    """One crawling process; killed ``kill_after`` s after it starts crawling (None: never).
    Returns (killed, number of log lines before it started)."""
    start = len(log.read_text().splitlines()) if log.exists() else 0
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(log), str(seed)], cwd=ROOT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (log.exists() and ["crawling"] in _events(log, start)):
            assert child.poll() is None, "the crawling process ended before crawling"
            assert time.monotonic() < deadline, "the crawling process never got going"
            time.sleep(0.01)
        if kill_after is None:
            assert child.wait(timeout=300) == 0
            return False, start
        time.sleep(kill_after)
        if child.poll() is not None:
            assert child.returncode == 0, "the crawling process failed"
            return False, start  # finished before the kill
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        return True, start
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _check_database(db: Path, committed: dict[int, str]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = dict(conn.execute("SELECT id, url FROM captures").fetchall())
    finally:
        conn.close()
    missing = {cid: url for cid, url in committed.items() if rows.get(cid) != url}
    assert not missing, f"captures committed before a kill are gone: {missing}"


@pytest.mark.parametrize(
    ("kills", "seed"),
    [
        pytest.param(KILLS, 20260101, id="20-kills"),
        pytest.param(3 * KILLS, 20260102, marks=pytest.mark.slow, id="60-kills"),
    ],
)
def test_sigkill_at_random_points_loses_nothing_and_refetches_nothing(tmp_path, kills, seed):
    db, log = tmp_path / "crash.db", tmp_path / "events.log"
    rng = random.Random(seed)
    wanted = kills
    committed: dict[int, str] = {}  # capture id → url, as the child saw them committed
    done_urls: set[str] = set()  # pages whose capture was committed
    refetched: list[str] = []
    kills = rounds = 0
    while True:
        rounds += 1
        assert rounds < 200, "the crawl never finished"
        delay = None if kills >= wanted else rng.uniform(0, MAX_KILL_DELAY_S / (wanted / KILLS))
        killed, start = _run_child(db, log, rng.randrange(10**6), delay)
        for event in _events(log, start):
            if event[0] == "fetch":
                url = event[1]
                if url in done_urls:
                    refetched.append(url)
            elif event[0] == "committed":
                committed[int(event[1])] = event[2]
                done_urls.add(event[2])
        _check_database(db, committed)
        kills += killed
        if not killed and delay is None:
            break
    conn = sqlite3.connect(db)
    try:
        frontier = Counter(
            dict(conn.execute("SELECT status, count(*) FROM crawl_frontier GROUP BY status"))
        )
        per_url = Counter(url for (url,) in conn.execute("SELECT url FROM captures"))
    finally:
        conn.close()
    print(
        f"\ncrash safety: {kills} SIGKILLs over {rounds} runs; {len(committed)} captures "
        f"committed, all kept; frontier {dict(frontier)}; pages fetched again after their "
        f"capture was committed: {len(refetched)}"
    )
    assert kills >= wanted
    assert frontier == Counter(done=TOTAL_PAGES)
    assert refetched == [], f"pages fetched again after being recorded: {refetched}"
    assert set(per_url.values()) == {1}, "a page was recorded twice"
