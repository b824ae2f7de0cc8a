"""Hostile pages: over 1,000 generated variants of the real and fictional pages
(tests/helpers/hostile.py) are parsed in a worker process with a per-page time bound, judged by
their oracle, and recorded in a real SQLite database that is then checked for anything wrong.

Zero crashes, zero hangs; every outcome is ``ok`` (with values that agree with the seed page),
``unparseable`` or ``blocked``; the database holds no signal of a non-ok capture, no malformed
supplier id and no value of the wrong type.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import re
import time
import traceback
from collections import Counter
from decimal import Decimal

import pytest

from scrapers.pages import parse_page
from tests.helpers import hostile
from tests.helpers.paths import SNAPSHOTS, TESTS, pages_dir
from vetting.model import SIGNALS, Money, ParseResult, encode_value
from vetting.store import Store, normalise_alias

PAGE_TIME_BOUND_S = 30.0  # generous: the machine is shared; a hang is minutes, not seconds
HUGE_TIME_BOUND_S = 120.0
MIN_VARIANTS = 1000
ALLOWED = {"ok", "unparseable", "blocked"}
SUPPLIER_ID = re.compile(r"^([0-9]+|[a-z0-9][a-z0-9-]{0,62})$")
ID_KEYS = {"supplierId", "companyId", "esiteSubDomain", "supplierHomeHref", "id", "memberId"}


# -- parsing in a worker process, so a C parser that never returns cannot hang the test --------


def _worker(conn) -> None:
    while True:
        job = conn.recv()
        if job is None:
            return
        html, url = job
        try:
            conn.send(("done", parse_page(html, url, fetched_at="2026-01-01T00:00:00+00:00")))
        except BaseException:  # noqa: BLE001 - any escape from parse_page is the failure
            conn.send(("crash", traceback.format_exc(limit=4)))


class BoundedParser:
    """``parse_page`` in a child process; a page that overruns its bound kills the child."""

    def __init__(self) -> None:
        self._ctx = multiprocessing.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self._ctx.Pipe()
        self.proc = self._ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def parse(self, html: str, url: str, bound: float) -> tuple[str, object, float]:
        started = time.perf_counter()
        try:
            self.conn.send((html, url))
            if not self.conn.poll(bound):
                self.proc.kill()
                self.proc.join()
                self._start()
                return "hang", f"no result within {bound:.0f} s", bound
            kind, value = self.conn.recv()
        except (EOFError, OSError) as exc:  # the child died (e.g. a C-level stack overflow)
            self.proc.join()
            self._start()
            return "crash", f"worker died: {exc!r} (exit {self.proc.exitcode})", 0.0
        return kind, value, time.perf_counter() - started

    def close(self) -> None:
        self.conn.send(None)
        self.proc.join(timeout=10)
        if self.proc.is_alive():
            self.proc.kill()


# -- what a correct parse looks like ------------------------------------------------------------


def _finite(x: object, low: float = 0.0, high: float = math.inf) -> bool:
    return (
        isinstance(x, int | float | Decimal)
        and not isinstance(x, bool)
        and math.isfinite(float(x))
        and low <= float(x) <= high
    )


def _transactions_ok(v: object) -> bool:
    return (
        isinstance(v, dict)
        and (v.get("amount") is None or _finite(v["amount"]))
        and (v.get("count") is None or (isinstance(v["count"], int) and _finite(v["count"])))
        and isinstance(v.get("currency"), str)
        and (v.get("window_months") is None or isinstance(v["window_months"], int))
    )


TYPE_CHECKS = {
    "bool": lambda v: isinstance(v, bool),
    "money": lambda v: (
        isinstance(v, Money)
        and _finite(v.amount)
        and re.fullmatch(r"[A-Z]{3}", v.currency) is not None
    ),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool) and _finite(v),
    "str": lambda v: isinstance(v, str) and v.strip() == v and v != "",
    "duration_hours": lambda v: _finite(v),
    "percent": lambda v: _finite(v, 0, 100),
    "number": lambda v: _finite(v),
    "transactions": _transactions_ok,
    "list": lambda v: isinstance(v, list) and all(isinstance(x, str) and x for x in v),
}


def type_errors(result: ParseResult) -> list[str]:
    errors = []
    for obs in result.suppliers:
        if not SUPPLIER_ID.match(obs.supplier_id):
            errors.append(f"malformed supplier id {obs.supplier_id!r}")
        if obs.name is not None and not isinstance(obs.name, str):
            errors.append(f"name of type {type(obs.name).__name__}")
        for sig in obs.signals:
            kind = SIGNALS.get(sig.name)
            if kind is None or not TYPE_CHECKS[kind](sig.value):
                errors.append(f"{obs.supplier_id}.{sig.name} = {sig.value!r} is not a {kind}")
    for item in result.listings:
        if not re.fullmatch(r"[0-9]+", item.product_id):
            errors.append(f"malformed product id {item.product_id!r}")
        if None not in (item.price_min, item.price_max) and item.price_min > item.price_max:
            errors.append(f"price range {item.price_min} > {item.price_max}")
        if item.moq is not None and not _finite(item.moq):
            errors.append(f"moq {item.moq!r}")
    return errors


def facts(result: ParseResult) -> dict[str, dict[str, set[str]]]:
    """supplier id → signal name → the values seen (as JSON), plus the name under ``@name``."""
    out: dict[str, dict[str, set[str]]] = {}
    for obs in result.suppliers:
        got = out.setdefault(obs.supplier_id, {})
        if obs.name is not None:
            got.setdefault("@name", set()).add(json.dumps(obs.name))
        for sig in obs.signals:
            value = json.dumps(encode_value(sig.value), sort_keys=True, default=str)
            got.setdefault(sig.name, set()).add(value)
    return out


def extractors(result: ParseResult) -> dict[tuple[str, str], str]:
    return {(o.supplier_id, s.name): s.extractor or "" for o in result.suppliers for s in o.signals}


def judge(variant: hostile.Variant, base: ParseResult, got: ParseResult) -> list[str]:
    """What is wrong with ``got`` as the parse of ``variant`` (empty when nothing is)."""
    outcome = got.capture.outcome
    if outcome not in ALLOWED:
        return [f"outcome {outcome!r}"]
    if outcome != "ok":
        return [] if not (got.suppliers or got.listings) else ["non-ok result carries data"]
    errors = type_errors(got)
    want, have = facts(base), facts(got)
    # A fallback parser may key the same supplier by its subdomain alias instead of its id.
    aliases = {normalise_alias(alias) for obs in base.suppliers for alias in obs.aliases}
    if variant.oracle == "same":
        if outcome != base.capture.outcome or have != want:
            errors.append("changed although the mutation touched no data")
        return errors
    paths = extractors(got)
    for sid, signals in have.items():
        if sid not in want:
            if sid not in aliases and not (
                variant.oracle == "typed" and variant.mutated_keys & ID_KEYS
            ):
                errors.append(f"invented supplier {sid!r}")
            continue
        for name, values in signals.items():
            extra = values - want[sid].get(name, set())
            if not extra:
                continue
            if variant.oracle == "typed" and _touched(variant, paths.get((sid, name), name)):
                continue  # a mutated key may change its own value (its type is checked above)
            if variant.oracle == "payload" and all(_carries(v, variant.payload) for v in extra):
                continue
            errors.append(
                f"{sid}.{name}: {sorted(extra)} not in seed's {sorted(want[sid].get(name, []))}"
            )
    return errors


def _touched(variant: hostile.Variant, extractor: str) -> bool:
    return bool(set(re.findall(r"[A-Za-z_][\w]*", extractor)) & variant.mutated_keys) or (
        extractor == "@name"
    )


def _carries(value_json: str, payload: str | None) -> bool:
    return payload is not None and json.dumps(payload)[1:-1] in value_json


# -- the run ----------------------------------------------------------------------------------


def seeds() -> dict[str, tuple[str, str]]:
    pages = hostile.fictional_pages()
    real = pages_dir()
    if (real / "EXPECTED.jsonl").is_file():
        pages.update(hostile.real_pages(real))
    return pages


@pytest.fixture(scope="module")
def parser():
    bounded = BoundedParser()
    yield bounded
    bounded.close()


def run_corpus(parser: BoundedParser, store: Store, corpus, bases) -> dict:
    tally: Counter = Counter()
    failures: list[str] = []
    slowest = (0.0, "")
    for variant in corpus:
        huge = variant.id.startswith("50MB")
        kind, value, took = parser.parse(
            variant.html, variant.url, HUGE_TIME_BOUND_S if huge else PAGE_TIME_BOUND_S
        )
        slowest = max(slowest, (took, variant.id))
        if kind != "done":
            failures.append(f"{variant.id}: {kind}: {value}")
            tally[kind] += 1
            continue
        assert isinstance(value, ParseResult)
        tally[value.capture.outcome] += 1
        failures += [f"{variant.id}: {e}" for e in judge(variant, bases[variant.seed], value)]
        try:
            store.record(value, variant.html.encode("utf-8", "surrogatepass") if huge else None)
        except Exception as exc:  # noqa: BLE001 - a store crash is a finding, reported below
            failures.append(f"{variant.id}: store.record raised {type(exc).__name__}: {exc}")
    return {"tally": tally, "failures": failures, "slowest": slowest}


def check_database(store: Store) -> list[str]:
    db = store.db
    problems = []
    if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        problems.append("integrity_check failed")
    leaked = db.execute(
        "SELECT count(*) FROM signals s JOIN captures c ON c.id = s.capture_id "
        "WHERE c.outcome != 'ok'"
    ).fetchone()[0]
    if leaked:
        problems.append(f"{leaked} signals stored from non-ok captures")
    for (sid,) in db.execute("SELECT supplier_id FROM suppliers"):
        if not SUPPLIER_ID.match(sid):
            problems.append(f"stored malformed supplier id {sid!r}")
    for sid, name, value in db.execute("SELECT supplier_id, name, value FROM signals"):
        decoded = json.loads(value)
        if SIGNALS.get(name) == "money":
            decoded = Money(Decimal(str(decoded["amount"])), decoded["currency"])
        kind = SIGNALS.get(name)
        if kind is None or not TYPE_CHECKS[kind](decoded):
            problems.append(f"stored {sid}.{name} = {value} is not a {kind}")
    outcomes = {r[0] for r in db.execute("SELECT DISTINCT outcome FROM captures")}
    if not outcomes <= ALLOWED:
        problems.append(f"stored outcomes {outcomes - ALLOWED}")
    return problems


@pytest.mark.parametrize(
    ("rng_seeds", "huge_every_page"),
    [
        pytest.param((8,), False, id="1031-variants"),
        pytest.param((9, 10, 11, 12), True, marks=pytest.mark.slow, id="4000-variants-50MB-each"),
    ],
)
def test_hostile_corpus(parser, tmp_path, capsys, rng_seeds, huge_every_page):
    pages = seeds()
    bases = {}
    for name, (html, url) in pages.items():
        kind, value, _ = parser.parse(html, url, PAGE_TIME_BOUND_S)
        assert kind == "done", f"seed {name}: {value}"
        bases[name] = value
    corpus = [v for rng_seed in rng_seeds for v in hostile.variants(pages, rng_seed)]
    real = [n for n in pages if not n.startswith("fictional")]
    if len(real) < 5:
        pytest.skip(f"real saved pages not found at {pages_dir()}: the corpus needs them")
    if huge_every_page:
        big = [(n, w) for n in real for w in ("after", "before")]
    else:
        one_each = [n for n in real if "detail_" in n][:1] + [n for n in real if "search" in n][:1]
        big = list(zip(one_each, ("after", "before"), strict=False))
    corpus += [hostile.huge(n, *pages[n], where) for n, where in big]
    assert len(corpus) >= MIN_VARIANTS * len(rng_seeds)
    store = Store(tmp_path / "hostile.db")
    try:
        report = run_corpus(parser, store, corpus, bases)
        problems = check_database(store)
        stored = store.db.execute("SELECT count(*) FROM captures").fetchone()[0]
    finally:
        store.close()
    with capsys.disabled():
        took, slowest = report["slowest"]
        print(
            f"\nhostile corpus: {len(corpus)} variants of {len(pages)} seeds "
            f"({len(big)} of 50 MB); outcomes {dict(report['tally'])}; slowest "
            f"{took:.2f} s ({slowest}); {stored} captures stored, 0 crashes, 0 hangs"
            if not report["failures"]
            else f"\nhostile corpus: {len(report['failures'])} failures"
        )
    assert report["failures"] == []
    assert problems == []
    assert stored == len(corpus)


def test_payload_text_is_kept_verbatim_not_dropped(parser):
    """Payload variants of the fictional pages still parse, with the payload as plain text."""
    pages = hostile.fictional_pages()
    for name, (html, url) in pages.items():
        for payload in hostile.PAYLOADS:
            kind, result, _ = parser.parse(hostile.payload_everywhere(html, payload), url, 30)
            assert kind == "done" and result.capture.outcome == "ok", (name, payload)
            names = [obs.name for obs in result.suppliers]
            assert all(n and n.endswith(payload) for n in names), (name, names)


@pytest.mark.parametrize(
    ("html", "outcome"),
    [
        pytest.param("<script>window.detailData = " + "[" * 10_000, "unparseable", id="open-json"),
        pytest.param(
            "<script>window.detailData = " + "[" * 10_000 + "]" * 10_000,
            "unparseable",
            id="deep-json",
        ),
        pytest.param("<div>" * 10_000, "unparseable", id="deep-divs"),
        pytest.param("\x00" * 1000, "unparseable", id="nul-bytes"),
        pytest.param("", "unparseable", id="empty"),
        pytest.param("x5secdata=" + "<div>" * 10_000, "blocked", id="deep-punish"),
    ],
)
def test_absurd_pages(parser, html, outcome):
    kind, result, _ = parser.parse(html, "https://www.alibaba.com/x", PAGE_TIME_BOUND_S)
    assert kind == "done", result
    assert result.capture.outcome == outcome and not result.suppliers


def test_the_worker_bound_really_bounds(monkeypatch):
    """The bound is real: a parse that never returns is stopped and reported as a hang."""
    bounded = BoundedParser()
    try:
        monkeypatch.setattr(bounded, "conn", _Silent(bounded.conn))
        kind, why, _ = bounded.parse("<p>", "https://www.alibaba.com/x", 0.2)
        assert kind == "hang" and "0 s" in why
        kind, result, _ = bounded.parse("<p>", "https://www.alibaba.com/x", 30)
        assert kind == "done" and result.capture.outcome == "unparseable"
    finally:
        bounded.close()


class _Silent:
    """A pipe end whose messages never arrive, as if the child were stuck inside libxml2."""

    def __init__(self, conn):
        self.conn = conn

    def send(self, obj):
        pass

    def poll(self, timeout):
        time.sleep(timeout)
        return False


def test_seed_directory_is_read_in_place():
    # tests/snapshots/ holds each page's parse result under the page's name, never the page
    copies = [p for p in TESTS.glob("**/*captcha-punish*") if p.parent != SNAPSHOTS]
    assert not copies
    assert all(p.suffix == ".json" for p in SNAPSHOTS.glob("*captcha-punish*"))
