"""The one writer of a distributed crawl (`vet crawl --queue`): enqueue, collect, record.

`run_crawl` itself drives the crawl, exactly as in-process: same frontier, same order, same
politeness-free bookkeeping, same summary. The only difference is its ``fetch_page``: here a
`Dispatcher` that keeps the next pending frontier rows enqueued as RQ jobs (a bounded window, so
workers fetch ahead while this process writes) and waits for the result of the row `run_crawl`
asks for. Recording in frontier order makes the database the same as an in-process crawl's.

The dispatcher also does the queue's maintenance, since it is the one process that must be
running: it retries jobs of lost workers (RQ's started-registry cleanup), moves due retries from
the scheduled registry to the queue, and turns jobs that exhausted their retries into dead
letters (a Redis list, plus an ``error`` capture so the frontier marks the page ``failed`` and a
later run retries it like any failed page).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable

import redis
from rq import Retry, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import FailedJobRegistry, StartedJobRegistry
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer

from scrapers.crawl import CrawlReport, PageResult, Progress, crawl_name, run_crawl
from scrapers.distributed import (
    ACTIVE,
    DEFAULT_RETRY_INTERVALS,
    DEFAULT_TASK_TIMEOUT,
    QUEUE_NAME,
    RESULT_TTL,
    Keys,
    crawl_queue,
    job_id,
)
from scrapers.fetch import CircuitOpen, Fetched
from scrapers.pagecodec import CodecError, decode_page
from vetting.model import Capture, ParseResult, utcnow
from vetting.store import Store
from vetting.store.writer import frontier_status, pending_window

DEFAULT_WINDOW = 64  # pending pages kept enqueued ahead of the writer
WAIT_STEP = 1  # s: longest sleep on the notify list before checking the registries again
MAINTAIN_EVERY = 1.0  # s between two maintenance passes
NO_WORKER_NOTICE_AFTER = 10.0  # s of waiting with no worker listening before saying so

Notice = Callable[[str], None]


class Dispatcher:
    """Feeds the queue from the frontier and hands `run_crawl` one page result at a time."""

    def __init__(
        self,
        store: Store,
        conn: redis.Redis,
        crawl: str,
        keep_html: bool = True,
        task_timeout: int = DEFAULT_TASK_TIMEOUT,
        retry_intervals: tuple[int, ...] = DEFAULT_RETRY_INTERVALS,
        window: int = DEFAULT_WINDOW,
        notice: Notice | None = None,
    ):
        self.store, self.conn, self.crawl = store, conn, crawl
        self.keys = Keys(crawl)
        self.queue = crawl_queue(conn)
        self.keep_html, self.task_timeout = keep_html, task_timeout
        self.retry_intervals, self.window = retry_intervals, window
        self.notice = notice or (lambda message: None)
        self.scheduler = RQScheduler(
            [QUEUE_NAME], connection=conn, serializer=JSONSerializer, logging_level="WARNING"
        )
        self.stats: Counter = Counter()  # enqueued, reused, dead-lettered, duplicates
        self.url_of: dict[str, str] = {}  # job id → url, for the jobs this writer enqueued
        self.dead: dict[str, str] = {}  # url → why it was dead-lettered
        self.last_maintained = 0.0
        self.taken: str | None = None  # the url handed to run_crawl last, recorded by now
        self._drop_stale_results()

    # -- feeding the queue --------------------------------------------------------------------

    def dispatch(self) -> None:
        for url in pending_window(self.store, self.crawl, self.window):
            if job_id(self.crawl, url) not in self.url_of:
                self._enqueue(url)

    def _enqueue(self, url: str) -> None:
        jid = job_id(self.crawl, url)
        self.url_of[jid] = url
        if self.conn.hexists(self.keys.results, url):
            self.stats["reused"] += 1  # fetched for an earlier run of this crawl, not recorded
            return
        job = self._job(jid)
        if job is not None and job.get_status() in ACTIVE:
            return  # already waiting or running (an earlier run of this writer enqueued it)
        if job is not None:
            job.delete()
        self.conn.srem(self.keys.recorded, url)  # asked again on purpose (a retried page)
        self.queue.enqueue_call(
            "scrapers.distributed.fetch_task",
            args=(self.crawl, url, self.keep_html),
            job_id=jid,
            timeout=self.task_timeout,
            result_ttl=RESULT_TTL,
            retry=Retry(max=len(self.retry_intervals), interval=list(self.retry_intervals)),
        )
        self.stats["enqueued"] += 1

    def _job(self, jid: str) -> Job | None:
        try:
            return Job.fetch(jid, connection=self.conn, serializer=JSONSerializer)
        except NoSuchJobError:
            return None

    # -- collecting -----------------------------------------------------------------------------

    def __call__(self, url: str) -> PageResult:
        """The result for ``url``, waiting for a worker as long as it takes."""
        self._finish_taken()
        self.dispatch()
        if job_id(self.crawl, url) not in self.url_of:
            self._enqueue(url)
        waited_since = time.monotonic()
        warned = False
        while True:
            raw = self.conn.hget(self.keys.results, url)
            if raw is not None:
                return self._take(url, raw)
            if url in self.dead:
                return self._take_dead(url)
            self._maintain()
            if not warned and time.monotonic() - waited_since > NO_WORKER_NOTICE_AFTER:
                if Worker.count(queue=self.queue) == 0:
                    self.notice("waiting: no worker is listening on the queue (run `vet worker`)")
                    warned = True
            if self.conn.blpop([self.keys.notify], timeout=WAIT_STEP):
                self.conn.delete(self.keys.notify)  # only a wake-up call; the hash is the truth

    def _take(self, url: str, raw: bytes | str) -> PageResult:
        self.taken = url
        data = json.loads(raw)
        if "circuit_open" in data:
            self.conn.hdel(self.keys.results, url)  # not a page: ask again on the next run
            self.taken = None
            opened = data["circuit_open"]
            raise CircuitOpen(opened["host"], opened["count"])
        try:
            return decode_page(raw)
        except CodecError as exc:  # e.g. a worker running another version: an error page
            self.dead[url] = f"unreadable result from a worker: {exc}"
            return self._take_dead(url)

    def _take_dead(self, url: str) -> PageResult:
        self.taken = url
        message = self.dead.pop(url)
        capture = Capture(url=url, kind=None, outcome="error", message=message)
        return PageResult(Fetched(url, "error", message=message), ParseResult(capture))

    def _finish_taken(self) -> None:
        """`run_crawl` recorded the last result: drop it, and let late duplicates skip it."""
        if self.taken is not None:
            with self.conn.pipeline() as pipe:
                pipe.hdel(self.keys.results, self.taken)
                pipe.sadd(self.keys.recorded, self.taken)
                pipe.execute()
            self.taken = None

    def _drop_stale_results(self) -> None:
        """Results for pages that are no longer pending (recorded, then the writer stopped)."""
        for raw_url in self.conn.hkeys(self.keys.results):
            url = raw_url.decode() if isinstance(raw_url, bytes) else raw_url
            status = frontier_status(self.store, self.crawl, url)
            if status is not None and status != "pending":
                self.conn.hdel(self.keys.results, url)

    # -- maintenance ----------------------------------------------------------------------------

    def _maintain(self) -> None:
        now = time.monotonic()
        if now - self.last_maintained < MAINTAIN_EVERY:
            return
        self.last_maintained = now
        StartedJobRegistry(queue=self.queue).cleanup()  # lost workers' jobs: retry or fail
        if self.scheduler.acquire_locks():
            self.scheduler.enqueue_scheduled_jobs()  # retries whose backoff interval is over
        self._collect_dead_letters()

    def _collect_dead_letters(self) -> None:
        failed = FailedJobRegistry(queue=self.queue)
        for jid in failed.get_job_ids():
            url = self.url_of.get(jid)
            job = self._job(jid) if url else None
            if url is None or job is None:
                continue  # another crawl's job: its own writer handles it
            latest = job.latest_result()
            text = (getattr(latest, "exc_string", None) or "failed").strip() or "failed"
            error = text.splitlines()[-1][:300]
            message = f"dead-lettered after {len(self.retry_intervals) + 1} attempts: {error}"
            letter = {"url": url, "job_id": jid, "error": error, "at": utcnow()}
            self.conn.rpush(self.keys.dead, json.dumps(letter))
            failed.remove(job, delete_job=True)
            self.dead[url] = message
            self.stats["dead-lettered"] += 1

    def close(self) -> None:
        """Stop: take this crawl's waiting jobs off the queue; fetched results stay for a rerun."""
        self._finish_taken()
        for jid in list(self.url_of):
            job = self._job(jid)
            if job is not None and job.get_status() in ("queued", "scheduled"):
                job.delete()
        self.scheduler.release_locks()

    def summary(self) -> str:
        workers = Worker.count(queue=self.queue)
        parts = [f"{self.stats[k]} {k}" for k in ("enqueued", "reused", "dead-lettered")]
        return f"queue {QUEUE_NAME}: " + ", ".join(parts) + f"; {workers} worker(s) registered"


def run_distributed_crawl(
    store: Store,
    conn: redis.Redis,
    query: str,
    pages: int,
    keep_html: bool = True,
    max_blocked: int = 3,
    progress: Progress | None = None,
    limit: int | None = None,
    notice: Notice | None = None,
    **dispatch_options,
) -> tuple[CrawlReport, Dispatcher]:
    """`run_crawl` with its pages fetched by `vet worker` processes through the queue."""
    if limit is not None:  # never fetch far beyond what this run will record
        dispatch_options.setdefault("window", min(DEFAULT_WINDOW, limit))
    dispatcher = Dispatcher(
        store, conn, crawl_name(query), keep_html, notice=notice, **dispatch_options
    )
    try:
        report = run_crawl(
            store,
            None,  # no local fetcher: every page comes through the dispatcher
            query,
            pages,
            keep_html,
            max_blocked,
            progress,
            limit,
            fetch_page=dispatcher,
        )
    finally:
        dispatcher.close()
    return report, dispatcher
