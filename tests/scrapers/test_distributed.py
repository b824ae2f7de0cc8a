"""Distributed crawl against a real redis-server and real `vet worker` processes, fetching from a
fixture alibaba.com on 127.0.0.1: same database as the in-process crawl, every page fetched
once, a SIGKILLed worker's page redone by another, dead letters, resume without refetching."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections import Counter

import pytest
from click.testing import CliRunner
from rq import Worker

from scrapers.crawl import crawl_name
from scrapers.distributed import Keys, crawl_queue, job_id
from scrapers.ids import profile_url
from tests.helpers.distributed import REPO, VET, crawl_in_process, make_site, snapshot
from tests.helpers.distributed_site import supplier
from vetcli import main

WRITER_TIMEOUT = 90  # s; a healthy run takes a few seconds
FAST = ["--task-timeout", "3", "--retry-backoff", "1,1"]


def crawl_args(db, site, redis_url, *extra: str) -> list[str]:
    return ["--db", str(db), "crawl", "--search", site.query, "--pages", str(site.pages)] + [
        "--queue",
        redis_url,
        *FAST,
        *extra,
    ]


def run_writer(db, site, redis_url, *extra: str):
    result = CliRunner().invoke(main, crawl_args(db, site, redis_url, *extra))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def reference(tmp_path):
    """The in-process crawl of an identical site, and the pages it fetched."""
    site = make_site()
    base = site.start()
    try:
        crawl_in_process(tmp_path / "reference.db", site, base)
    finally:
        site.stop()
    return snapshot(tmp_path / "reference.db"), site.page_hits()


def test_two_workers_build_the_same_database_as_one_process(
    tmp_path, queue, site_server, workers, reference, redis_url
):
    site, _ = site_server
    workers.start(2)
    output = run_writer(tmp_path / "dist.db", site, redis_url)
    expected, reference_hits = reference
    assert site.page_hits() == Counter({url: 1 for url in site.urls()}) == reference_hits
    assert snapshot(tmp_path / "dist.db") == expected
    pages = len(site.urls())
    assert f"crawl summary: ok {pages}, blocked 0, unparseable 0, failed 0" in output
    assert f"{pages} enqueued" in output and "0 dead-lettered" in output
    done = {w.name: w.successful_job_count for w in Worker.all(queue=crawl_queue(queue))}
    assert sum(done.values()) == pages and len(done) == 2, done


def test_a_killed_worker_s_page_is_redone_by_another(
    tmp_path, queue, site_server, workers, reference, redis_url
):
    site, _ = site_server
    victim_url = profile_url(supplier(2)["sub"])
    site.hold.add(victim_url)  # its first request hangs until the worker is killed
    workers.start(2)
    writer = subprocess.Popen(
        [*VET, *crawl_args(tmp_path / "dist.db", site, redis_url)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert site.held.wait(WRITER_TIMEOUT), "the held page was never requested"
        victim = _worker_running(queue, job_id(crawl_name(site.query), victim_url))
        workers.kill(victim)
        out, err = writer.communicate(timeout=WRITER_TIMEOUT)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    hits = site.page_hits()
    assert hits[victim_url] == 2  # the killed worker's request, then the survivor's
    assert hits - Counter({victim_url: 1}) == Counter({url: 1 for url in site.urls()})
    assert snapshot(tmp_path / "dist.db") == reference[0]
    survivor = next(name for name in workers.procs if name != victim)
    assert workers.procs[survivor].poll() is None
    assert "0 dead-lettered" in out


def _worker_running(conn, wanted: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in Worker.all(queue=crawl_queue(conn)):
            if worker.get_current_job_id() == wanted:
                return worker.name
        time.sleep(0.05)
    raise AssertionError("no worker reported the held job as its current job")


def test_a_page_that_keeps_failing_is_dead_lettered(
    tmp_path, queue, site_server, workers, redis_url
):
    site, _ = site_server
    bad = profile_url(supplier(1)["sub"])
    site.hold_always.add(bad)  # every attempt outlives the task timeout
    workers.start(2)
    output = run_writer(tmp_path / "dist.db", site, redis_url, "--task-timeout", "1")
    assert site.page_hits()[bad] == 3  # first attempt + the two retries of --retry-backoff 1,1
    assert "crawl summary: ok" in output and "failed 1" in output and "1 dead-lettered" in output
    letters = [json.loads(x) for x in queue.lrange(Keys(crawl_name(site.query)).dead, 0, -1)]
    assert [letter["url"] for letter in letters] == [bad]
    # The last attempt overran --task-timeout: its worker reports JobTimeoutException, unless
    # the writer's cleanup of the started-job registry finds the overdue job first (seen under
    # load) and fails it as abandoned. Either way the dead letter names the overrun.
    assert any(why in letters[0]["error"] for why in ("JobTimeoutException", "AbandonedJobError"))
    from vetting.store import Store

    row = (
        Store(tmp_path / "dist.db")
        .db.execute("SELECT status, outcome, message FROM crawl_frontier WHERE url = ?", [bad])
        .fetchone()
    )
    assert row[0] == "failed" and row[1] == "error" and "dead-lettered after 3 attempts" in row[2]


def test_a_stopped_writer_resumes_and_reuses_fetched_pages(
    tmp_path, queue, site_server, workers, reference, redis_url
):
    site, _ = site_server
    workers.start(2)
    first = run_writer(tmp_path / "dist.db", site, redis_url, "--limit", "3")
    assert "stopped after 3 pages" in first
    time.sleep(1)  # let the workers finish what they had prefetched
    second = run_writer(tmp_path / "dist.db", site, redis_url)
    assert "resumed an earlier crawl" in second
    assert site.page_hits() == Counter({url: 1 for url in site.urls()})  # nothing fetched twice
    assert snapshot(tmp_path / "dist.db") == reference[0]


def test_a_duplicate_task_for_a_recorded_page_does_not_fetch_or_write(
    tmp_path, queue, site_server, workers, redis_url
):
    site, _ = site_server
    workers.start(2)
    run_writer(tmp_path / "dist.db", site, redis_url)
    before, hits = snapshot(tmp_path / "dist.db"), site.page_hits()
    crawl, url = crawl_name(site.query), site.urls()[0]
    job = crawl_queue(queue).enqueue_call(
        "scrapers.distributed.fetch_task", args=(crawl, url, True), job_id=job_id(crawl, url)
    )
    deadline = time.monotonic() + 10
    while job.get_status(refresh=True) != "finished" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.return_value() == "duplicate"
    assert site.page_hits() == hits and snapshot(tmp_path / "dist.db") == before


@pytest.mark.parametrize(
    "mirror",
    [
        pytest.param("http://10.1.2.3:8000", id="not-this-machine"),
        pytest.param("https://127.0.0.1:8000", id="not-plain-http"),
    ],
)
def test_the_test_mirror_must_be_local(redis_url, mirror):
    args = ["worker", "--queue", redis_url, "--route-to", mirror, "--delay", "0", "--burst"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "must be an http:// URL on this machine" in result.output


def test_consecutive_blocked_pages_stop_the_crawl_as_in_process(
    tmp_path, queue, site_server, workers, redis_url
):
    site, _ = site_server
    site.punish.update(site.urls()[: site.pages])  # every search page is a captcha
    workers.start(2)
    result = CliRunner().invoke(main, crawl_args(tmp_path / "dist.db", site, redis_url))
    assert result.exit_code == 2, result.output
    assert "crawl summary: ok 0, blocked 3" in result.output
    assert "3 consecutive blocked pages" in result.output
    with sqlite3.connect(tmp_path / "dist.db") as db:
        outcomes = db.execute("SELECT outcome FROM captures ORDER BY id").fetchall()
        assert outcomes == [("blocked",)] * 3  # recorded in frontier order, then stopped
        assert db.execute("SELECT count(*) FROM signals").fetchone()[0] == 0
    waiting = crawl_queue(queue).count
    assert waiting == 0  # the stopped crawl took its queued pages off the queue


def test_an_unreadable_result_is_an_error_page_not_a_traceback(tmp_path, queue, redis_url):
    site = make_site(pages=1)
    url = site.urls()[0]
    queue.hset(Keys(crawl_name(site.query)).results, url, '{"format": 0}')  # another version's
    result = CliRunner().invoke(main, crawl_args(tmp_path / "dist.db", site, redis_url))
    assert result.exit_code == 0, result.output
    assert "crawl summary: ok 0, blocked 0, unparseable 0, failed 1" in result.output
    with sqlite3.connect(tmp_path / "dist.db") as db:
        row = db.execute("SELECT status, message FROM crawl_frontier").fetchone()
    assert row[0] == "failed" and "unreadable result from a worker" in row[1]
