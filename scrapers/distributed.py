"""Crawling on several machines: the RQ task, the worker, and the Redis keys they share.

A task is one URL of one crawl. A worker (`vet worker`, any number, on any machine) runs tasks
with RQ's `SimpleWorker`, in its own process, so its one `Fetcher` keeps per-host politeness
(delay, robots.txt, backoff) and its blocked-page circuit breaker across tasks; a forking worker
would forget them after every page. The task runs the same `fetch_and_parse` as the in-process
crawl and puts the result, as JSON, in a Redis hash keyed by URL: a page fetched twice (a worker
died after fetching) overwrites one entry, and the one writer (`vet crawl --queue`, see
`scrapers.dispatch`) records each URL once.

Worker loss: RQ puts a running job in the started registry with a deadline of the job timeout
plus a heartbeat grace (a `SimpleWorker` does not heartbeat while it works). A SIGKILLed worker
misses that deadline; the writer's maintenance then retries the job (RQ `Retry`, with backoff
intervals) on any live worker, and a job that keeps failing lands in the dead-letter list.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import redis
import requests
from rq import Queue, SimpleWorker, get_current_job
from rq.serializers import JSONSerializer

from scrapers.crawl import fetch_and_parse
from scrapers.fetch import CircuitOpen, Fetcher
from scrapers.pagecodec import encode_page

QUEUE_NAME = "vet-crawl"
KEY_PREFIX = "vet:crawl"
DEFAULT_TASK_TIMEOUT = 300  # s: a page with all its polite retries and backoff fits in this
DEFAULT_HEARTBEAT_GRACE = 30  # s after the task timeout before a silent worker counts as lost
DEFAULT_RETRY_INTERVALS = (10, 30, 90)  # s between attempts of a task whose worker was lost
RESULT_TTL = 600  # s: RQ's own copy of the (tiny) return value; the page travels via our hash
ACTIVE = frozenset({"queued", "started", "scheduled", "deferred"})
REDIS_SCHEMES = ("redis", "rediss", "unix")


class QueueError(RuntimeError):
    """A queue URL that cannot be used (one line)."""


def connect(url: str) -> redis.Redis:
    """A checked connection: a bad or unreachable URL is one clear line, not a traceback."""
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        raise QueueError(f"--queue must be a redis:// URL (e.g. redis://HOST:6379/0), got {url!r}")
    try:
        conn = redis.Redis.from_url(url)
        conn.ping()
    except (redis.RedisError, ValueError) as exc:
        raise QueueError(f"cannot reach the queue at {url}: {exc}") from None
    return conn


def crawl_queue(conn: redis.Redis) -> Queue:
    return Queue(QUEUE_NAME, connection=conn, serializer=JSONSerializer)


@dataclass(frozen=True)
class Keys:
    """The Redis keys of one crawl (besides RQ's own)."""

    crawl: str

    def _key(self, part: str) -> str:
        return f"{KEY_PREFIX}:{self.crawl}:{part}"

    @property
    def results(self) -> str:  # hash: url → page result JSON, until the writer recorded it
        return self._key("results")

    @property
    def notify(self) -> str:  # list: urls with a fresh result, to wake the writer up
        return self._key("notify")

    @property
    def recorded(self) -> str:  # set: urls the writer recorded; a task for one skips the fetch
        return self._key("recorded")

    @property
    def dead(self) -> str:  # list: dead letters, JSON {url, job_id, error, at}
        return self._key("dead")


def job_id(crawl: str, url: str) -> str:
    """One job id per (crawl, url): enqueueing the same page twice finds the first job."""
    return "vet-" + hashlib.sha256(f"{crawl}\n{url}".encode()).hexdigest()[:32]


# -- the task (runs in a worker) --------------------------------------------------------------

_fetcher: Fetcher | None = None  # one per worker process; set by `run_worker`


def fetch_task(crawl: str, url: str, keep_html: bool = True) -> str:
    """Fetch and parse one page; hand the result to the writer. Returns the outcome."""
    job = get_current_job()
    assert job is not None and _fetcher is not None, "fetch_task runs inside `vet worker`"
    conn, keys = job.connection, Keys(crawl)
    if conn.sismember(keys.recorded, url) or conn.hexists(keys.results, url):
        return "duplicate"  # an earlier attempt's result already reached the writer
    try:
        page = fetch_and_parse(_fetcher, url)
    except CircuitOpen as exc:  # this worker stops asking that host; the writer stops the crawl
        payload, outcome = _circuit_payload(exc), "circuit-open"
    else:
        payload, outcome = encode_page(page, keep_html), page.outcome
    with conn.pipeline() as pipe:
        pipe.hset(keys.results, url, payload)
        pipe.rpush(keys.notify, url)
        pipe.execute()
    return outcome


def _circuit_payload(exc: CircuitOpen) -> str:
    return json.dumps({"circuit_open": {"host": exc.host, "count": exc.count}})


# -- the worker -------------------------------------------------------------------------------


class CrawlWorker(SimpleWorker):
    """RQ's in-process worker with a configurable grace instead of RQ's fixed 60 s, so a lost
    worker's task is retried soon after its timeout (tests use a second or two)."""

    heartbeat_grace = DEFAULT_HEARTBEAT_GRACE

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        timeout = job.timeout if job.timeout and job.timeout > 0 else DEFAULT_TASK_TIMEOUT
        return int(timeout) + self.heartbeat_grace


def run_worker(
    conn: redis.Redis,
    fetcher: Fetcher,
    burst: bool = False,
    name: str | None = None,
    heartbeat_grace: int = DEFAULT_HEARTBEAT_GRACE,
    logging_level: str = "INFO",
) -> bool:
    """Work on the crawl queue until stopped (or until it is empty, with ``burst``)."""
    global _fetcher
    _fetcher = fetcher
    worker = CrawlWorker([crawl_queue(conn)], connection=conn, name=name, serializer=JSONSerializer)
    worker.heartbeat_grace = heartbeat_grace
    try:
        return worker.work(burst=burst, logging_level=logging_level)
    finally:
        fetcher.close()
        _fetcher = None


def default_worker_name() -> str:
    return f"{socket.gethostname()}.{os.getpid()}"


# -- a local mirror, for tests and benchmarks -------------------------------------------------


class RouteToMirror(requests.adapters.HTTPAdapter):
    """Send every request to one local mirror server, keeping the original Host header, so a
    fixture site on 127.0.0.1 can answer for www.alibaba.com and every supplier subdomain."""

    def __init__(self, base: str):
        super().__init__()
        parts = urlsplit(base)
        host = parts.hostname or ""
        if parts.scheme != "http" or not _is_loopback(host):
            raise QueueError(f"--route-to must be an http:// URL on this machine, got {base!r}")
        self.scheme, self.netloc = parts.scheme, parts.netloc

    def send(self, request, *args, **kwargs):
        parts = urlsplit(request.url)
        request.headers["Host"] = parts.netloc
        request.url = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        return super().send(request, *args, **kwargs)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def route_to_mirror(fetcher: Fetcher, base: str) -> Fetcher:
    adapter = RouteToMirror(base)
    assert fetcher.session is not None
    for prefix in ("https://", "http://"):
        fetcher.session.mount(prefix, adapter)
    return fetcher
