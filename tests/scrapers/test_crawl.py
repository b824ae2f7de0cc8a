"""The crawl against a `responses`-mocked alibaba.com: 429s, a captcha mid-crawl, a kill and a
resume that never refetches a done page, and the stop after consecutive blocked pages."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
import responses

from scrapers.crawl import Frontier, crawl_name, fetch_and_parse, run_crawl
from scrapers.ids import profile_url, search_url
from scrapers.reparse import reparse_all
from tests.helpers.crawl_site import PUNISH, QUERY, fetcher, serve
from tests.helpers.paths import ROOT
from vetting.store import Store


@pytest.fixture
def site():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def fetch_counts(site) -> Counter:
    return Counter(c.request.url for c in site.calls if not c.request.url.endswith("robots.txt"))


def test_full_crawl_survives_429_and_walks_to_suppliers(site, store):
    serve(site, first_429=True)
    report = run_crawl(store, fetcher(), QUERY, pages=2)
    assert report.counts == Counter(ok=5)  # 2 search pages + 3 distinct supplier profiles
    assert report.stopped is None
    assert fetch_counts(site)[search_url(QUERY, 1)] == 2  # the 429, then the page
    assert store.count_suppliers() == 3
    assert store.get("sample-nets").value("trade_assurance") is True
    assert Frontier(store, crawl_name(QUERY)).counts() == Counter(done=5)
    assert "ok 5, blocked 0, unparseable 0, failed 0" in report.summary()


def test_captcha_mid_crawl_is_blocked_and_writes_nothing(site, store):
    serve(site, profiles={"demo-lighting": [PUNISH]})
    report = run_crawl(store, fetcher(), QUERY, pages=2)
    assert report.counts == Counter(ok=4, blocked=1)
    assert store.get("demo-lighting").value("trade_assurance") is True  # from the search page
    blocked = store.captures("blocked")
    assert [c["url"] for c in blocked] == [profile_url("demo-lighting")]
    rows = store.db.execute(
        "SELECT count(*) FROM signals s JOIN captures c ON c.id = s.capture_id "
        "WHERE c.outcome = 'blocked'"
    ).fetchone()[0]
    assert rows == 0


def test_stops_after_consecutive_blocked_pages_and_resumes_later(site, store):
    serve(site, profiles={sub: [PUNISH] for sub in ("example-textiles", "demo-lighting")})
    report = run_crawl(store, fetcher(), QUERY, pages=1, max_blocked=2)
    assert report.counts == Counter(ok=1, blocked=2)
    assert report.stopped and "2 consecutive blocked pages" in report.stopped
    # Later, the site serves real pages again: the blocked ones are retried, the done one not.
    with responses.RequestsMock(assert_all_requests_are_fired=False) as later:
        serve(later)
        again = run_crawl(store, fetcher(), QUERY, pages=1)
        assert again.resumed and again.counts == Counter(ok=2)
        assert search_url(QUERY, 1) not in fetch_counts(later)


class Killed(Exception):
    pass


def test_killed_crawl_resumes_without_refetching_done_pages(site, store):
    serve(site)

    def kill_after_two(done, pending, url, outcome):
        if done == 2:
            raise Killed  # like Ctrl-C or SIGKILL after the second page was recorded

    with pytest.raises(Killed):
        run_crawl(store, fetcher(), QUERY, pages=2, progress=kill_after_two)
    report = run_crawl(store, fetcher(), QUERY, pages=2)
    assert report.resumed and report.counts == Counter(ok=3)
    counts = fetch_counts(site)
    assert set(counts.values()) == {1}, counts  # every page fetched exactly once overall
    assert len(counts) == 5
    # A third run has nothing left to do.
    assert run_crawl(store, fetcher(), QUERY, pages=2).counts == Counter()


def test_more_pages_extend_an_existing_crawl(site, store):
    serve(site)
    run_crawl(store, fetcher(), QUERY, pages=1)
    report = run_crawl(store, fetcher(), QUERY, pages=2)
    assert report.counts == Counter(ok=2)  # page 2 and the one new supplier
    assert set(fetch_counts(site).values()) == {1}


def test_robots_disallowed_pages_are_skipped(store):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        site.get("https://www.alibaba.com/robots.txt", body="User-agent: *\nDisallow: /trade/\n")
        report = run_crawl(store, fetcher(), QUERY, pages=1)
        assert report.counts == Counter(skipped=1)
        assert fetch_counts(site) == Counter()


def test_fetch_and_parse_is_pure_of_the_database(site):
    serve(site)
    page = fetch_and_parse(fetcher(), search_url(QUERY, 1))
    assert page.outcome == "ok" and page.parsed.capture.kind == "product-search"
    assert page.links == [profile_url("example-textiles"), profile_url("demo-lighting")]


def test_raw_html_is_kept_compressed_and_reparse_is_idempotent(site, store):
    serve(site)
    run_crawl(store, fetcher(), QUERY, pages=1)
    kept = store.db.execute("SELECT count(*) FROM captures WHERE html_z IS NOT NULL").fetchone()
    assert kept[0] == 3
    assert reparse_all(store) == Counter(unchanged=3)
    # A capture recorded by an older parser version is re-parsed once, then left alone.
    store.db.execute("UPDATE captures SET parser_version = 0 WHERE id = 1")
    assert reparse_all(store) == Counter(unchanged=2, ok=1)
    assert reparse_all(store) == Counter(unchanged=3)


def test_no_keep_html(site, store):
    serve(site)
    run_crawl(store, fetcher(), QUERY, pages=1, keep_html=False)
    kept = store.db.execute("SELECT count(*) FROM captures WHERE html_z IS NOT NULL").fetchone()
    assert kept[0] == 0


CHILD = """
import os, sys, time, responses
from scrapers.crawl import run_crawl
from tests.helpers.crawl_site import QUERY, fetcher, serve
from vetting.store import Store

marker = sys.argv[2]

def hang_after_two(done, pending, url, outcome):
    if done == 2:
        open(marker, "w").close()
        time.sleep(60)  # the parent SIGKILLs us here

with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
    serve(site)
    run_crawl(Store(sys.argv[1]), fetcher(), QUERY, pages=2, progress=hang_after_two)
"""


def test_sigkilled_crawl_process_resumes(tmp_path, db_path):
    """A real kill -9 of a crawling process: the next run fetches only what was not done."""
    marker = tmp_path / "two-pages-done"
    root = ROOT
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(marker)], cwd=root, env=None
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the crawling process ended early"
            assert time.monotonic() < deadline, "the crawling process never got going"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    store = Store(db_path)
    try:
        done_before = {
            r[0]
            for r in store.db.execute(
                "SELECT url FROM crawl_frontier WHERE status = 'done'"
            ).fetchall()
        }
        assert len(done_before) == 2
        with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
            serve(site)
            report = run_crawl(store, fetcher(), QUERY, pages=2)
            fetched_now = set(fetch_counts(site))
        assert report.resumed and report.counts == Counter(ok=3)
        assert not fetched_now & done_before  # no done page fetched twice
        assert Frontier(store, crawl_name(QUERY)).counts() == Counter(done=5)
    finally:
        store.close()
