"""Load while crawling: 16 concurrent clients send 20,000 requests to a real `vet serve`
(gunicorn) on 127.0.0.1 while a crawl writes to the same SQLite database.

    .venv/bin/python bench/load.py [--requests 20000] [--clients 16] [--suppliers 20000]

The database starts with ``--suppliers`` synthetic suppliers (bench/api.py's bulk loader). The
crawl is the real `run_crawl` (fetch, parse, record, frontier) in its own process, against the
fictional site of tests/helpers/crash_site.py served through `responses` (no network), so every
page it records is a real write transaction on the database the API is reading. It crawls one
query after another until the load is over.

The request mix: 70% single lookups, 20% 60-ID batch lookups, 10% filtered searches. Every
response must be a 200 with the expected JSON; anything else (or a timeout) is an error. Prints
throughput and p50/p99/max latency per kind, the pages the crawl recorded meanwhile, and exits 1
on any error or when the run exceeds its time bound (``--max-seconds``).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import api as api_bench  # noqa: E402  (bench/api.py: bulk loader, server start/stop)

BATCH = 60
MIX = (("single", 0.7), ("batch", 0.2), ("search", 0.1))
REQUEST_TIMEOUT_S = 10.0
SEARCHES = ("?grade=a", "?ta=yes&sort=-ta_limit", "?q=co&per_page=20", "?verified=yes&sort=-score")

CRAWLER = """
import os, random, sys, time, responses
from scrapers.crawl import run_crawl
from scrapers.fetch import Fetcher, FetchPolicy
from tests.helpers import crash_site as site_def
from tests.helpers.crawl_site import FakeClock
from vetting.store import Store

db, stop_file, log = sys.argv[1], sys.argv[2], sys.argv[3]
fd = os.open(os.devnull, os.O_WRONLY)
store = Store(db)
pages = rounds = 0
with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
    site_def.serve(site, fd, random.Random(1))
    while not os.path.exists(stop_file):
        rounds += 1
        # A new crawl name each round (the frontier is per crawl), on the same fictional site.
        clock = FakeClock()
        fetcher = Fetcher(policy=FetchPolicy(), clock=clock, sleep=clock.sleep)
        def progress(done, pending, url, outcome):
            global pages
            pages += 1
            if os.path.exists(stop_file):
                raise KeyboardInterrupt
        try:
            run_crawl(store, fetcher, site_def.QUERY, pages=site_def.SEARCH_PAGES,
                      progress=progress)
        except KeyboardInterrupt:
            break
        store.db.execute("DELETE FROM crawl_frontier")  # crawl the same site again
with open(log, "w") as out:
    out.write(f"{pages} {rounds}")
"""


def pick(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


class Load:
    """A closed loop of ``clients`` threads sharing ``total`` requests."""

    def __init__(self, base: str, total: int, suppliers: int, seed: int = 8):
        self.base = base
        self.left = total
        self.suppliers = suppliers
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {kind: [] for kind, _ in MIX}
        self.errors: Counter = Counter()
        self.examples: list[str] = []
        self.seed = seed

    def _take(self) -> bool:
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True

    def _one(self, session: requests.Session, rng: random.Random) -> tuple[str, str | None]:
        kind = rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
        ids = [str(api_bench.FIRST_ID + rng.randrange(self.suppliers)) for _ in range(BATCH)]
        api = self.base + "/api/v1"
        if kind == "single":
            resp = session.get(f"{api}/suppliers/{ids[0]}", timeout=REQUEST_TIMEOUT_S)
            ok = resp.status_code == 200 and resp.json().get("supplier_id") == ids[0]
        elif kind == "batch":
            resp = session.post(
                f"{api}/suppliers/lookup", json={"items": ids}, timeout=REQUEST_TIMEOUT_S
            )
            ok = resp.status_code == 200 and isinstance(resp.json(), dict)
        else:
            query = rng.choice(SEARCHES)
            resp = session.get(f"{api}/suppliers{query}", timeout=REQUEST_TIMEOUT_S)
            ok = resp.status_code == 200 and isinstance(resp.json(), dict)
        return kind, None if ok else f"{kind}: HTTP {resp.status_code} {resp.text[:200]}"

    def client(self, index: int) -> None:
        rng = random.Random(self.seed * 1000 + index)
        session = requests.Session()
        while self._take():
            began = time.perf_counter()
            try:
                kind, error = self._one(session, rng)
            except (requests.RequestException, ValueError) as exc:
                kind, error = "exception", f"{type(exc).__name__}: {exc}"
            took = time.perf_counter() - began
            with self.lock:
                if error:
                    self.errors[kind] += 1
                    if len(self.examples) < 5:
                        self.examples.append(error)
                else:
                    self.latency[kind].append(took)

    def run(self, clients: int, bound_s: float) -> tuple[float, bool]:
        threads = [
            threading.Thread(target=self.client, args=(i,), daemon=True) for i in range(clients)
        ]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=max(0.0, bound_s - (time.monotonic() - began)))
        elapsed = time.monotonic() - began
        return elapsed, not any(t.is_alive() for t in threads)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--suppliers", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument(
        "--no-crawl", action="store_true", help="The baseline: the same load without the crawl."
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vet-load-") as tmp:
        db = Path(tmp) / "load.db"
        built = api_bench.build_db(db, args.suppliers)
        print(f"database: {args.suppliers} suppliers in {built:.1f} s", flush=True)
        api_args = argparse.Namespace(workers=args.workers)
        server, base = api_bench.start_vet(db, api_args)
        stop_file, crawl_log = Path(tmp) / "stop", Path(tmp) / "crawl.log"
        command = [sys.executable, "-c", CRAWLER, str(db), str(stop_file), str(crawl_log)]
        if args.no_crawl:
            command = [sys.executable, "-c", "import time; time.sleep(3600)"]
        crawler = subprocess.Popen(command, cwd=ROOT)
        try:
            time.sleep(1.0)  # let the crawl get going before the clock starts
            if crawler.poll() is not None:
                raise SystemExit(f"the crawl exited early (status {crawler.returncode})")
            load = Load(base, args.requests, args.suppliers)
            elapsed, finished = load.run(args.clients, args.max_seconds)
            crawl_alive = crawler.poll() is None
        finally:
            stop_file.touch()
            if args.no_crawl:
                crawler.kill()
            try:
                crawler.wait(timeout=60)
            except subprocess.TimeoutExpired:
                crawler.kill()
                crawler.wait()
            api_bench.stop(server)
        logged = crawl_log.read_text().split() if crawl_log.exists() else []
        pages, _rounds = (logged + ["0", "0"])[:2]
    result = report(load, elapsed, finished, crawl_alive, int(pages), args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["ok"] else 1


def report(load: Load, elapsed: float, finished: bool, crawl_alive: bool, pages: int, args):
    done = sum(len(v) for v in load.latency.values())
    errors = sum(load.errors.values())
    everything = sorted(x for v in load.latency.values() for x in v)
    result = {
        "requests": done + errors,
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "rps": round(done / elapsed, 1) if elapsed else None,
        "errors": errors,
        "p50_ms": round(pick(everything, 0.50), 2),
        "p99_ms": round(pick(everything, 0.99), 2),
        "max_ms": round(pick(everything, 1.0), 2),
        "by_kind": {
            kind: {
                "requests": len(v),
                "p50_ms": round(pick(sorted(v), 0.5), 2),
                "p99_ms": round(pick(sorted(v), 0.99), 2),
            }
            for kind, v in load.latency.items()
        },
        "crawl": not args.no_crawl,
        "crawl_pages_recorded": pages,
        "crawl_ran_throughout": crawl_alive,
        "finished_in_bound": finished,
    }
    result["ok"] = bool(
        finished
        and errors == 0
        and done == args.requests
        and (args.no_crawl or (crawl_alive and pages > 0))
    )
    print(
        f"{result['requests']} requests from {args.clients} clients in {elapsed:.1f} s "
        f"({result['rps']} req/s) "
        + (f"while the crawl recorded {pages} pages: " if not args.no_crawl else "(no crawl): ")
        + f"{errors} errors; p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"max {result['max_ms']} ms"
    )
    for kind, row in result["by_kind"].items():
        print(
            f"  {kind:7} {row['requests']:6} requests  "
            f"p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms"
        )
    for example in load.examples:
        print(f"  error: {example}")
    if not finished:
        print(f"  NOT FINISHED within {args.max_seconds:.0f} s")
    print("OK" if result["ok"] else "FAILED")
    return result


if __name__ == "__main__":
    sys.exit(main())
