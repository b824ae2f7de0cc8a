"""Distributed-crawl benchmark: pages/s with 1, 2 and 4 `vet worker` processes, and the writer's
ceiling, against the fixture alibaba.com on 127.0.0.1 with politeness delays set to zero.

    .venv/bin/python bench/crawl.py            (or: make bench-crawl)

Baseline, measured in the same run: the in-process crawl (`vet crawl` without --queue) of the
same site. "writer ceiling" is the one writer alone, with every page's result already waiting in
Redis: no distributed crawl can record faster than that, however many workers fetch. Bounded and
short on purpose (the machine has 2 cores shared with other work): a few hundred small pages per
run; on 2 cores, more than 2 workers cannot scale CPU-bound work and mostly show queue overhead.
Needs redis-server (Debian package); exits 2 without it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from rq import Worker  # noqa: E402

from scrapers.crawl import crawl_name, fetch_and_parse  # noqa: E402
from scrapers.dispatch import run_distributed_crawl  # noqa: E402
from scrapers.distributed import Keys, crawl_queue  # noqa: E402
from scrapers.pagecodec import encode_page  # noqa: E402
from tests.helpers.distributed import (  # noqa: E402
    Workers,
    crawl_in_process,
    free_port,
    mirror_fetcher,
)
from tests.helpers.distributed_site import Site  # noqa: E402
from vetting.store import Store  # noqa: E402

SEARCH_PAGES = 24
PER_PAGE = 8  # → 24 searches + 144 supplier profiles = 168 pages per run
PAD_KB = 64  # page weight
WORKER_COUNTS = (1, 2, 4)
READY_SECONDS = 30.0


def start_redis() -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        print("redis-server not found (Debian package redis-server)", file=sys.stderr)
        sys.exit(2)
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(200):
        try:
            redis.Redis.from_url(url).ping()
            return proc, url
        except redis.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("redis-server did not start")


def new_site() -> tuple[Site, str]:
    site = Site("bench nets", SEARCH_PAGES, PER_PAGE, pad_kb=PAD_KB)
    return site, site.start()


def timed_in_process(work: Path) -> tuple[int, float]:
    site, base = new_site()
    start = time.perf_counter()
    crawl_in_process(work / "inprocess.db", site, base)
    elapsed = time.perf_counter() - start
    site.stop()
    return sum(site.page_hits().values()), elapsed


def timed_distributed(work: Path, url: str, workers: int) -> tuple[int, float]:
    conn = redis.Redis.from_url(url)
    conn.flushdb()
    site, base = new_site()
    pool = Workers(url, base)
    pool.start(workers, 30)
    deadline = time.monotonic() + READY_SECONDS
    while Worker.count(queue=crawl_queue(conn)) < workers and time.monotonic() < deadline:
        time.sleep(0.05)
    store = Store(work / f"dist{workers}.db")
    start = time.perf_counter()
    report, _ = run_distributed_crawl(store, conn, site.query, site.pages)
    elapsed = time.perf_counter() - start
    pool.stop_all()
    site.stop()
    return sum(report.counts.values()), elapsed


def timed_writer_alone(work: Path, url: str) -> tuple[int, float]:
    """Every result already in Redis (fetched here beforehand): only the writer's work is timed."""
    conn = redis.Redis.from_url(url)
    conn.flushdb()
    site, base = new_site()
    fetcher = mirror_fetcher(base)
    keys = Keys(crawl_name(site.query))
    for page_url in site.urls():
        conn.hset(keys.results, page_url, encode_page(fetch_and_parse(fetcher, page_url)))
    fetcher.close()
    site.stop()
    store = Store(work / "writer.db")
    start = time.perf_counter()
    report, _ = run_distributed_crawl(store, conn, site.query, site.pages)
    return sum(report.counts.values()), time.perf_counter() - start


def main() -> int:
    redis_proc, url = start_redis()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            pages, secs = timed_in_process(work)
            base_rate = pages / secs
            rows.append(("in-process (no queue)", pages, secs))
            for count in WORKER_COUNTS:
                pages, secs = timed_distributed(work, url, count)
                rows.append((f"{count} worker(s) + writer", pages, secs))
            pages, secs = timed_writer_alone(work, url)
            rows.append(("writer ceiling", pages, secs))
    finally:
        redis_proc.terminate()
        redis_proc.wait(timeout=10)
    print(f"{'mode':26} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'vs in-process':>14}")
    for name, pages, secs in rows:
        rate = pages / secs
        print(f"{name:26} {pages:6d} {secs:8.2f} {rate:8.1f} {rate / base_rate:13.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
