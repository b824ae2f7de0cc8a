"""Static-site build speed: 100,000 generated suppliers, full build and incremental rebuilds.

Targets (DESIGN §7): full build < 60 s; rebuild after one supplier changed < 5 s, on this
2-core machine. The database is generated straight into the store's schema (no page parsing);
the change between builds goes through the real write path (`Store.record`). The baseline,
measured in the same run, is the same build in one process on a smaller database.

    .venv/bin/python bench/site.py [--suppliers 100000] [--baseline 5000] [--workers N]

Run it at least 5 minutes after deleting many files (e.g. a previous run's 200,000): this
machine's ext4 has no journal, and then the inode allocator skips, one by one, every inode
deleted in the last 60-300 s (`recently_deleted` in the kernel), which can double the build time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen import build  # noqa: E402
from vetting.model import Capture, Money, ParseResult, Signal, SupplierObservation  # noqa: E402
from vetting.store import Store  # noqa: E402

FULL_TARGET_S = 60.0
REBUILD_TARGET_S = 5.0
WORDS = (
    "Acme Ningbo Shenzhen Yiwu Golden Star Bright Ocean Dragon Lucky Sun Textile Plastic "
    "Metal Garment Lighting Electronics Packaging Machinery Toys Sports".split()
)
BUSINESS = ("Manufacturer", "Trading Company", "Manufacturer,Trading Company")
PROVINCES = ("Guangdong", "Zhejiang", "Jiangsu", "Fujian", "Shandong")


def signal_rows(rng: random.Random, sid: str, stamp: str) -> list[tuple[str, object, str]]:
    """(name, value, raw) for one generated supplier; some signals stay unknown."""
    rows: list[tuple[str, object, str]] = []

    def maybe(name: str, value: object, p: float = 0.85) -> None:
        if rng.random() < p:
            rows.append((name, value, str(value)))

    ta = rng.random()
    if ta < 0.9:
        rows.append(("trade_assurance", ta < 0.75, str(ta < 0.75)))
    if ta < 0.4:
        limit = rng.choice((5000, 10000, 20000, 46000, 100000, 250000))
        rows.append(
            ("ta_limit", {"amount": limit, "currency": "USD", "raw": f"{limit:,}"}, f"{limit:,}")
        )
    gold = rng.random() < 0.7
    rows.append(("gold_supplier", gold, str(gold)))
    if gold:
        maybe("gold_years", rng.randint(1, 15))
    maybe("years_on_alibaba", rng.randint(1, 18))
    maybe("verified", rng.random() < 0.5)
    maybe("business_type", rng.choice(BUSINESS))
    maybe("location", rng.choice(PROVINCES) + ", CN")
    maybe("response_time", rng.choice((2, 3, 6, 12, 24, 48)))
    maybe("response_rate", round(rng.uniform(40, 100), 1), 0.6)
    maybe("on_time_delivery", round(rng.uniform(80, 100), 1), 0.6)
    maybe("rating", round(rng.uniform(3.0, 5.0), 1), 0.6)
    maybe("review_count", rng.randint(0, 900), 0.6)
    maybe("main_products", rng.sample(WORDS, 3), 0.5)
    return rows


def generate(path: Path, count: int, seed: int = 7) -> float:
    """Fill a fresh database with ``count`` suppliers; returns seconds taken."""
    started = time.perf_counter()
    store = Store(path)
    rng = random.Random(seed)
    db = store.db
    db.execute(
        "INSERT INTO captures (url, kind, outcome, fetched_at, source) VALUES (?, ?, ?, ?, ?)",
        ["bench://generated", "generated", "ok", "2026-11-01T00:00:00+00:00", "bench"],
    )
    suppliers, aliases, signals, current = [], [], [], []
    for i in range(count):
        sid = str(200_000_000 + i)
        name = " ".join(rng.sample(WORDS, 3)) + f" Co., Ltd. {i}"
        sub = f"supplier{i}"
        url = f"https://{sub}.en.alibaba.com/company_profile.html"
        old, new = "2026-06-01T00:00:00+00:00", "2026-11-01T00:00:00+00:00"
        suppliers.append((sid, name, old, new))
        aliases += [(sid, sid, "company_id"), (sub, sid, "subdomain")]
        for name_, value, raw in signal_rows(rng, sid, new):
            row = (sid, name_, json.dumps(value), raw, url, "supplier-profile", "bench", new, 1)
            signals.append(row)
            current.append(row)
            if name_ in ("ta_limit", "on_time_delivery", "verified"):  # some history
                signals.append((*row[:7], old, 1))
    with db.conn:
        db.conn.executemany("INSERT INTO suppliers VALUES (?, ?, ?, ?)", suppliers)
        db.conn.executemany("INSERT INTO aliases VALUES (?, ?, ?)", aliases)
        cols = (
            "supplier_id, name, value, raw, source_url, page_kind, extractor, observed_at, "
            "capture_id"
        )
        marks = ", ".join("?" * 9)
        db.conn.executemany(f"INSERT INTO signals ({cols}) VALUES ({marks})", signals)
        db.conn.executemany(f"INSERT INTO signals_current ({cols}) VALUES ({marks})", current)
    store.close()
    return time.perf_counter() - started


def change_one(path: Path, sid: str) -> None:
    """One new observation of one supplier, through the store's real write path."""
    store = Store(path)
    sig = Signal(
        "ta_limit",
        Money(Decimal("12345"), "USD", "12,345"),
        "https://x.en.alibaba.com/",
        "supplier-profile",
        "bench",
    )
    obs = SupplierObservation(sid, None, {}, [sig])
    store.record(ParseResult(Capture(url="bench://change", kind="generated", outcome="ok"), [obs]))
    store.close()


def timed_build(db: Path, out: Path, workers: int | None):
    store = Store(db, readonly=True)
    try:
        return build(store, out, base_url="https://reports.example.org/", workers=workers)
    finally:
        store.close()


def line(label: str, stats, target: float | None = None) -> None:
    ratio = f"  {stats.seconds / target:5.2f} of target {target:.0f} s" if target else ""
    print(
        f"{label:<34} {stats.seconds:7.2f} s  rendered {stats.rendered:>7}  "
        f"written {stats.written:>7}  {stats.pages_per_second:8.0f} pages/s{ratio}"
    )
    phases = "  ".join(f"{k} {v:.2f} s" for k, v in stats.phases.items())
    # Other jobs share the 2 cores: the load average says how much of them this run had.
    print(" " * 36 + f"{phases}  (load {os.getloadavg()[0]:.1f})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        print(f"cpus {os.cpu_count()}  workers {args.workers}  load {os.getloadavg()[0]:.1f}")
        base_db = tmp / "baseline.db"
        print(f"generated {args.baseline} suppliers in {generate(base_db, args.baseline):.1f} s")
        serial = timed_build(base_db, tmp / "baseline", workers=1)
        line(f"baseline: {args.baseline} serial", serial)
        db = tmp / "bench.db"
        print(f"generated {args.suppliers} suppliers in {generate(db, args.suppliers):.1f} s")
        out = args.keep or tmp / "public"
        if out.exists():
            shutil.rmtree(out)
        full = timed_build(db, out, args.workers)
        line(f"full build: {args.suppliers}", full, FULL_TARGET_S)
        noop = timed_build(db, out, args.workers)
        line("rebuild, nothing changed", noop, REBUILD_TARGET_S)
        change_one(db, str(200_000_000 + args.suppliers // 2))
        one = timed_build(db, out, args.workers)
        line("rebuild, one supplier changed", one, REBUILD_TARGET_S)
        speedup = full.pages_per_second / serial.pages_per_second if serial.seconds else 0
        print(f"parallel vs serial pages/s: {speedup:.2f}x")
        ok = full.seconds < FULL_TARGET_S and one.seconds < REBUILD_TARGET_S and one.rendered == 1
        print("targets met" if ok else "TARGETS MISSED")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
