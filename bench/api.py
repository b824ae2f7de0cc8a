"""API benchmark: 100,000 suppliers, `vet serve` (gunicorn) vs Datasette's row JSON, same run.

    .venv/bin/python bench/api.py [--suppliers 100000] [--seconds 10] [--clients 16]

Builds the database by bulk inserts through the store's schema (no page parsing), then for each
server in turn: start it on 127.0.0.1, warm up, run a bounded closed loop of 16 concurrent
clients (wrk when installed, else threads with keep-alive sessions), stop it. Prints req/s and
p50/p99 latency for the single lookup, the 60-ID batch lookup and Datasette's JSON for the same
rows, with the ratios and the targets (batch p99 < 30 ms; single >= 3x Datasette).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vetting.model import Money, encode_value, utcnow  # noqa: E402
from vetting.store import Store  # noqa: E402

FIRST_ID = 300_000_000
BATCH = 60
TARGET_BATCH_P99_MS = 30.0
TARGET_SINGLE_RATIO = 3.0
WARMUP_S = 1.0
START_TIMEOUT_S = 60.0
TIME_WAIT_LIMIT = 4_000  # of ~28,000 ephemeral ports
TIME_WAIT_MAX_S = 65.0
BUSINESS_TYPES = ("Manufacturer", "Trading Company", "Manufacturer, Trading Company")


def supplier_rows(index: int, rng: random.Random, now: str) -> tuple[list, list, list]:
    """(supplier row, alias rows, signal rows) of one synthetic supplier."""
    sid = str(FIRST_ID + index)
    ta = rng.random()
    values: dict[str, object] = {
        "trade_assurance": True if ta < 0.8 else False if ta < 0.9 else None,
        "gold_supplier": rng.random() < 0.7,
        "gold_years": rng.randint(1, 15),
        "years_on_alibaba": rng.randint(1, 15),
        "verified": rng.random() < 0.5,
        "business_type": rng.choice(BUSINESS_TYPES),
        "location": "CN",
        "response_time": float(rng.choice((2, 4, 6, 12, 24, 48))),
        "rating": round(rng.uniform(3.5, 5.0), 1),
        "review_count": rng.randint(0, 400),
    }
    if values["trade_assurance"]:
        amount = rng.randrange(5_000, 500_000, 1_000)
        values["ta_limit"] = Money(Decimal(amount), "USD", f"{amount:,}")
    signals = [
        (sid, name, json.dumps(encode_value(v)), None, f"https://bench.test/{sid}", "synthetic",
         "bench:synthetic", now, 1)
        for name, v in values.items()
        if v is not None
    ]  # fmt: skip
    aliases = [(sid, sid, "company_id"), (f"bench-shop-{index}", sid, "subdomain")]
    return [sid, f"Bench Supplier {index} Co., Ltd.", now, now], aliases, signals


def build_db(path: Path, count: int) -> float:
    """Bulk-load ``count`` suppliers through the store's schema; returns seconds taken."""
    started = time.perf_counter()
    store = Store(path)
    rng = random.Random(20261126)
    now = utcnow()
    conn = store.db.conn
    with conn:
        conn.execute(
            "INSERT INTO captures (url, kind, outcome, fetched_at, source, message) "
            "VALUES ('https://bench.test/', 'synthetic', 'ok', ?, 'bench', 'bench/api.py')",
            [now],
        )
        sig_cols = "supplier_id, name, value, raw, source_url, page_kind, extractor, "
        sig_cols += "observed_at, capture_id"
        for start in range(0, count, 10_000):
            sups, aliases, signals = [], [], []
            for i in range(start, min(count, start + 10_000)):
                s, a, g = supplier_rows(i, rng, now)
                sups.append(s)
                aliases += a
                signals += g
            conn.executemany("INSERT INTO suppliers VALUES (?, ?, ?, ?)", sups)
            conn.executemany(
                "INSERT INTO aliases (alias, supplier_id, kind) VALUES (?,?,?)", aliases
            )
            marks = ", ".join("?" * 9)
            conn.executemany(f"INSERT INTO signals ({sig_cols}) VALUES ({marks})", signals)
            conn.executemany(f"INSERT INTO signals_current ({sig_cols}) VALUES ({marks})", signals)
    store.rebuild_summaries()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(cmd: list[str], ready_url: str, env: dict[str, str]) -> subprocess.Popen:
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{cmd[0]} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(ready_url, timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.2)
    stop(proc)
    raise SystemExit(f"{' '.join(cmd)} did not answer {ready_url} in {START_TIMEOUT_S:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (its own process group: gunicorn master and workers)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


WRK_SCRIPT = """
local first, count, batch, kind, prefix = %d, %d, %d, "%s", "%s"
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) %% 100000)
request = function()
  if kind == "batch" then
    local ids = {}
    for i = 1, batch do ids[i] = '"' .. (first + math.random(0, count - 1)) .. '"' end
    local body = '{"items": [' .. table.concat(ids, ",") .. ']}'
    return wrk.format("POST", prefix, {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", string.format(prefix, first + math.random(0, count - 1)))
end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%f, "p50_us": %%d, ' ..
    '"p99_us": %%d, "non2xx": %%d, "socket_errors": %%d}\\n', summary.requests,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def load_wrk(base: str, kind: str, prefix: str, args: argparse.Namespace) -> dict:
    script = WRK_SCRIPT % (FIRST_ID, args.suppliers, BATCH, kind, prefix)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        run = [
            "wrk", "-t", "2", "-c", str(args.clients), "-d", f"{args.seconds}s",
            "--timeout", "5s", "-s", handle.name, base,
        ]  # fmt: skip
        warmup = [*run[:5], "-d", f"{WARMUP_S:.0f}s", *run[7:]]
        subprocess.run(warmup, capture_output=True, timeout=WARMUP_S + 60)
        out = subprocess.run(run, capture_output=True, text=True, timeout=args.seconds + 60)
    finally:
        os.unlink(handle.name)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result: {out.stdout}\n{out.stderr}")
    raw = json.loads(line[len("RESULT ") :])
    return {
        "rps": raw["requests"] / raw["seconds"],
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": raw["non2xx"] + raw["socket_errors"],
        "requests": raw["requests"],
    }


def load_threads(base: str, kind: str, prefix: str, args: argparse.Namespace) -> dict:
    """Fallback without wrk: closed loop of threads, each with a keep-alive session."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(seconds: float, record: bool) -> None:
        rng = random.Random()
        session = requests.Session()
        session.headers["Accept-Encoding"] = "identity"  # like wrk: no gzip
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ids = [str(FIRST_ID + rng.randrange(args.suppliers)) for _ in range(BATCH)]
            began = time.perf_counter()
            if kind == "batch":
                resp = session.post(base + prefix, json={"items": ids}, timeout=5)
            else:
                resp = session.get(base + prefix % int(ids[0]), timeout=5)
            took = time.perf_counter() - began
            if record:
                with lock:
                    latencies.append(took)
                    errors[0] += resp.status_code != 200

    for seconds, record in ((WARMUP_S, False), (args.seconds, True)):
        threads = [
            threading.Thread(target=client, args=(seconds, record)) for _ in range(args.clients)
        ]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": pick(0.50),
        "p99_ms": pick(0.99),
        "errors": errors[0],
        "requests": len(latencies),
    }


def time_wait_sockets() -> int:
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        count += sum(1 for line in lines if line.split()[3] == "06")
    return count


def wait_for_ports() -> None:
    """gunicorn's sync workers close every connection, and each closed one stays in TIME_WAIT
    for 60 s. Once they fill the loopback's ephemeral ports, connect() itself slows down and a
    server that closes connections measures several times slower than it is: let them drain."""
    began = time.monotonic()
    while time_wait_sockets() > TIME_WAIT_LIMIT and time.monotonic() - began < TIME_WAIT_MAX_S:
        time.sleep(1)
    waited = time.monotonic() - began
    if waited >= 1:
        print(f"(waited {waited:.0f} s for TIME_WAIT sockets to drain) ", end="", flush=True)


def measure(base: str, kind: str, prefix: str, args: argparse.Namespace) -> dict:
    wait_for_ports()
    loader = load_wrk if args.loader == "wrk" else load_threads
    result = loader(base, kind, prefix, args)
    print(
        f"{result['rps']:8.0f} req/s   p50 {result['p50_ms']:6.2f} ms   "
        f"p99 {result['p99_ms']:6.2f} ms   ({result['requests']} requests, "
        f"{result['errors']} errors)",
        flush=True,
    )
    return result


def start_vet(db: Path, args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "VETTING_RATELIMIT": "10000000 per minute"}
    vet = str(Path(sys.executable).with_name("vet"))
    cmd = [vet, "--db", str(db), "serve", "--port", str(port), "--workers", str(args.workers),
           "--no-access-log"]  # fmt: skip
    proc = start(cmd, f"{base}/api/v1/healthz", env)
    sample = requests.get(f"{base}/api/v1/suppliers/{FIRST_ID}", timeout=5).json()
    assert sample["supplier_id"] == str(FIRST_ID), sample
    print(f"vet serve (gunicorn, {args.workers} sync workers) on {base}", flush=True)
    return proc, base


def start_datasette(db: Path) -> tuple[subprocess.Popen, str] | None:
    exe = shutil.which("datasette", path=str(Path(sys.executable).parent)) or shutil.which(
        "datasette"
    )
    if exe is None:
        print("datasette: not installed (pip install datasette): peer baseline skipped")
        return None
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [exe, "serve", str(db), "--host", "127.0.0.1", "--port", str(port)]
    proc = start(cmd, f"{base}/-/versions.json", dict(os.environ))
    row = requests.get(f"{base}/{db.stem}/suppliers/{FIRST_ID}.json", timeout=5).json()
    assert str(FIRST_ID) in json.dumps(row), row
    print(f"datasette (its default server) on {base}", flush=True)
    return proc, base


TOY_APP = """
from flask import Flask, jsonify
app = Flask(__name__)
@app.get("/toy/<int:i>")
def toy(i):
    return jsonify({"id": i})
"""


def start_toy(tmp: Path, args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    """A hello-world Flask app under the same gunicorn settings: the ceiling for any app."""
    (tmp / "toyapp.py").write_text(TOY_APP)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "gunicorn", "--chdir", str(tmp), "--workers",
           str(args.workers), "--bind", f"127.0.0.1:{port}", "toyapp:app"]  # fmt: skip
    proc = start(cmd, f"{base}/toy/1", dict(os.environ))
    print(f"toy Flask app (same gunicorn settings) on {base}", flush=True)
    return proc, base


def run_rounds(scenarios: dict[str, tuple[str, str, str]], args: argparse.Namespace) -> dict:
    """Each scenario once per round, interleaved, so load from other processes on the machine
    hits all of them alike; the median round of each is reported."""
    runs: dict[str, list[dict]] = {name: [] for name in scenarios}
    for round_no in range(1, args.rounds + 1):
        print(f"round {round_no}/{args.rounds}", flush=True)
        for name, (base, kind, prefix) in scenarios.items():
            print(f"  {name:16}", end="", flush=True)
            runs[name].append(measure(base, kind, prefix, args))
    return {name: sorted(r, key=lambda x: x["rps"])[len(r) // 2] for name, r in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=3, help="measured seconds per run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--db", type=Path, help="reuse/build this database (default: temporary)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--loader", choices=("wrk", "threads"), default=None)
    args = parser.parse_args()
    args.loader = args.loader or ("wrk" if shutil.which("wrk") else "threads")
    with tempfile.TemporaryDirectory(prefix="vet-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if db.exists() and Store(db, readonly=True).count_suppliers() == args.suppliers:
            print(f"database: reusing {db}")
        else:
            db.unlink(missing_ok=True)
            took = build_db(db, args.suppliers)
            print(f"database: {args.suppliers:,} suppliers built in {took:.1f} s ({db})")
        print(f"load: {args.clients} concurrent clients, {args.seconds} s per run, "
              f"{args.rounds} interleaved rounds, via {args.loader}")  # fmt: skip
        procs = []
        try:
            proc, vet = start_vet(db, args)
            procs.append(proc)
            scenarios = {
                "lookup": (vet, "single", "/api/v1/suppliers/%d"),
                f"batch of {BATCH}": (vet, "batch", "/api/v1/suppliers/lookup"),
            }
            peer = start_datasette(db)
            if peer:
                procs.append(peer[0])
                scenarios["datasette row"] = (peer[1], "single", f"/{db.stem}/suppliers/%d.json")
            result = run_rounds(scenarios, args)
            proc, toy = start_toy(Path(tmp), args)
            procs.append(proc)
            print(f"  {'toy flask':16}", end="", flush=True)
            result["toy flask"] = measure(toy, "single", "/toy/%d", args)
        finally:
            for proc in procs:
                stop(proc)
    report(result)


def report(result: dict[str, dict]) -> None:
    print("\nmedian of the rounds:")
    for name, r in result.items():
        print(f"  {name:16}{r['rps']:8.0f} req/s   p50 {r['p50_ms']:6.2f} ms   "
              f"p99 {r['p99_ms']:6.2f} ms")  # fmt: skip
    batch = result[f"batch of {BATCH}"]["p99_ms"]
    print(f"batch ({BATCH} IDs) p99: {batch:.1f} ms (target < {TARGET_BATCH_P99_MS:.0f} ms): "
          f"{'met' if batch < TARGET_BATCH_P99_MS else 'NOT met'}")  # fmt: skip
    peer = result.get("datasette row")
    if peer:
        ratio = result["lookup"]["rps"] / peer["rps"]
        print(f"single lookup vs Datasette row JSON: {ratio:.1f}x req/s "
              f"(target >= {TARGET_SINGLE_RATIO:.0f}x): "
              f"{'met' if ratio >= TARGET_SINGLE_RATIO else 'NOT met'}")  # fmt: skip
        toy = result["toy flask"]["rps"]
        print(f"ceiling: a hello-world Flask app under the same gunicorn reaches "
              f"{toy / peer['rps']:.1f}x Datasette here; the lookup reaches "
              f"{result['lookup']['rps'] / toy:.0%} of it")  # fmt: skip


if __name__ == "__main__":
    main()
