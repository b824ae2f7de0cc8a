"""Helpers for the distributed-crawl tests and bench: `vet worker` processes, the fictional site,
the in-process reference crawl, and a comparable snapshot of a database (no ids, no timestamps)."""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from scrapers.crawl import run_crawl
from scrapers.distributed import route_to_mirror
from scrapers.fetch import Fetcher, FetchPolicy
from tests.helpers.distributed_site import Site
from tests.helpers.paths import ROOT as REPO
from vetting.store import Store

VET = [sys.executable, "-c", "from vetcli import main; main()"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Workers:
    """`vet worker` processes started (and ended) by one test."""

    def __init__(self, redis_url: str, mirror: str):
        self.redis_url, self.mirror = redis_url, mirror
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, count: int, grace: int = 1, *extra: str) -> None:
        for _ in range(count):
            name = f"test-worker-{len(self.procs)}"
            self.procs[name] = subprocess.Popen(
                [*VET, "worker", "--queue", self.redis_url, "--route-to", self.mirror]
                + ["--delay", "0", "--heartbeat-grace", str(grace), "--quiet", "--name", name]
                + list(extra),
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )

    def kill(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def make_site(pages: int = 5, per_page: int = 4) -> Site:
    return Site("fixture nets", pages, per_page)


def mirror_fetcher(base: str) -> Fetcher:
    return route_to_mirror(Fetcher(policy=FetchPolicy(min_delay=0, jitter=0)), base)


def crawl_in_process(path: Path, site: Site, base: str) -> None:
    """The single-machine crawl of the same site: the reference database."""
    store = Store(path)
    fetcher = mirror_fetcher(base)
    run_crawl(store, fetcher, site.query, site.pages)
    fetcher.close()
    store.close()


def snapshot(path: Path) -> dict[str, list]:
    """Everything a crawl writes, without row ids and timestamps. Order-sensitive where the
    crawl's order is defined (captures, signals, frontier), as sets elsewhere."""
    db = sqlite3.connect(path)

    def ordered(sql: str) -> list:
        return db.execute(sql).fetchall()

    def unordered(sql: str) -> list:
        return sorted(db.execute(sql).fetchall(), key=repr)

    snap = {
        "captures": ordered(
            "SELECT url, kind, outcome, http_status, parser, parser_version, content_hash, "
            "source, message, html_z IS NOT NULL FROM captures ORDER BY id"
        ),
        "signals": ordered(
            "SELECT supplier_id, name, value, raw, source_url, page_kind, extractor "
            "FROM signals ORDER BY id"
        ),
        "frontier": ordered(
            "SELECT url, kind, depth, status, outcome, attempts, message FROM crawl_frontier "
            "ORDER BY id"
        ),
        "suppliers": unordered("SELECT supplier_id, name FROM suppliers"),
        "aliases": unordered("SELECT alias, supplier_id, kind FROM aliases"),
        # The current value is the latest *observed*: workers may observe a supplier's search
        # card and profile in either order within a second, so provenance is compared in
        # `signals` (the full history, in order) and only values here.
        "current": unordered("SELECT supplier_id, name, value FROM signals_current"),
        "listings": unordered(
            "SELECT product_id, supplier_id, title, url, price_min, price_max, currency, moq, "
            "moq_unit FROM listings"
        ),
        "summary": unordered(
            "SELECT supplier_id, name, score, grade, trade_assurance, ta_limit_amount, "
            "ta_limit_currency, verified, gold_supplier, methodology FROM supplier_summary"
        ),
    }
    db.close()
    return snap
