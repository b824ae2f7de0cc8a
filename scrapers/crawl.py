"""Crawling: the fetch-and-parse step, the SQLite frontier, and the resumable crawl loop.

`fetch_and_parse` is the unit of work: URL in, `PageResult` (what was fetched, what it parsed
to, which links it leads to) out, with no database access, so a distributed worker can reuse it
unchanged. `Frontier` keeps one row per (crawl, url) in the store's database: a killed crawl
resumes where it stopped and never fetches a done page twice.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from scrapers.fetch import CircuitOpen, Fetched, Fetcher
from scrapers.ids import profile_url, search_url
from scrapers.pages import parse_page
from vetting.model import Capture, ParseResult, utcnow
from vetting.store import Store

SEARCH_KINDS = ("product-search", "supplier-search")
MAX_ATTEMPTS = 3  # a blocked or failed page is retried on later runs up to this many times
DEFAULT_MAX_BLOCKED = 3
RETRYABLE = ("blocked", "failed")


@dataclass
class PageResult:
    fetched: Fetched
    parsed: ParseResult | None  # None when robots.txt disallowed the fetch
    links: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        return self.parsed.capture.outcome if self.parsed else self.fetched.outcome


def fetch_and_parse(fetcher: Fetcher, url: str) -> PageResult:
    """Fetch one page and parse it; blocked pages are classified before any extraction."""
    fetched = fetcher.get(url)
    if fetched.outcome == "disallowed":
        return PageResult(fetched, None)
    source = "cache" if fetched.from_cache else "scrape"
    if fetched.outcome == "ok":
        parsed = parse_page(
            fetched.text,
            url,
            source=source,
            http_status=fetched.status,
            observed_at=fetched.http_date,
            observed_from="http-date" if fetched.http_date else None,
        )
    else:
        capture = Capture(
            url=url,
            kind="blocked" if fetched.outcome == "blocked" else None,
            outcome=fetched.outcome,  # type: ignore[arg-type]
            http_status=fetched.status,
            source=source,
            message=fetched.message,
        )
        parsed = ParseResult(capture)
    return PageResult(fetched, parsed, discover(parsed))


def discover(parsed: ParseResult) -> list[str]:
    """From a search page, the profile page of each supplier that has a known subdomain."""
    if parsed.capture.outcome != "ok" or parsed.capture.kind not in SEARCH_KINDS:
        return []
    links = []
    for obs in parsed.suppliers:
        subs = [alias for alias, kind in obs.aliases.items() if kind == "subdomain"]
        if subs:
            links.append(profile_url(subs[0].split(".")[0]))
    return links


def record(
    store: Store,
    page: PageResult,
    keep_html: bool = True,
    then: Callable[[int], None] | None = None,
) -> int | None:
    """Store the capture (and, for ok pages, its signals); returns the capture id.
    ``then(capture_id)`` runs in the same transaction (see `Store.record`)."""
    if page.parsed is None:
        return None
    html = page.fetched.body if keep_html else None
    return store.record(page.parsed, html, then=then)


class Frontier:
    """Rows of ``crawl_frontier`` for one named crawl (parameterised SQL on the store's db)."""

    def __init__(self, store: Store, crawl: str):
        self.db = store.db
        self.crawl = crawl

    def add(self, urls: list[str], kind: str, depth: int) -> int:
        with self.db.atomic():
            return self.insert(urls, kind, depth)

    def insert(self, urls: list[str], kind: str, depth: int) -> int:
        """`add` inside the caller's transaction."""
        now = utcnow()
        added = 0
        for url in urls:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO crawl_frontier (crawl, url, kind, depth, status, "
                "attempts, added_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
                [self.crawl, url, kind, depth, now, now],
            )
            added += cur.rowcount
        return added

    def reopen_retryable(self) -> int:
        with self.db.atomic():
            marks = ", ".join("?" for _ in RETRYABLE)
            cur = self.db.execute(
                f"UPDATE crawl_frontier SET status = 'pending' WHERE crawl = ? AND status IN "
                f"({marks}) AND attempts < ?",
                [self.crawl, *RETRYABLE, MAX_ATTEMPTS],
            )
        return cur.rowcount

    def next_pending(self) -> tuple[int, str, int] | None:
        row = self.db.execute(
            "SELECT id, url, depth FROM crawl_frontier WHERE crawl = ? AND status = 'pending' "
            "ORDER BY depth, id LIMIT 1",
            [self.crawl],
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def mark(self, row_id: int, status: str, outcome: str, capture_id: int | None, msg: str | None):
        with self.db.atomic():
            self.set_status(row_id, status, outcome, capture_id, msg)

    def set_status(
        self, row_id: int, status: str, outcome: str, capture_id: int | None, msg: str | None
    ) -> None:
        """`mark` inside the caller's transaction."""
        self.db.execute(
            "UPDATE crawl_frontier SET status = ?, outcome = ?, capture_id = ?, message = ?, "
            "attempts = attempts + 1, updated_at = ? WHERE id = ?",
            [status, outcome, capture_id, msg, utcnow(), row_id],
        )

    def counts(self) -> Counter:
        rows = self.db.execute(
            "SELECT status, count(*) FROM crawl_frontier WHERE crawl = ? GROUP BY status",
            [self.crawl],
        ).fetchall()
        return Counter(dict(rows))


def crawl_name(query: str) -> str:
    return "search:" + " ".join(query.lower().split())


STATUS_OF = {
    "ok": "done",
    "unparseable": "done",
    "not_found": "done",
    "blocked": "blocked",
    "error": "failed",
    "disallowed": "disallowed",
}
SUMMARY_OF = {
    "ok": "ok",
    "blocked": "blocked",
    "unparseable": "unparseable",
    "not_found": "failed",
    "error": "failed",
    "disallowed": "skipped",
}


@dataclass
class CrawlReport:
    counts: Counter = field(default_factory=Counter)  # ok / blocked / unparseable / failed / ...
    stopped: str | None = None
    resumed: bool = False

    def summary(self) -> str:
        keys = ("ok", "blocked", "unparseable", "failed", "skipped")
        parts = ", ".join(f"{k} {self.counts.get(k, 0)}" for k in keys)
        return f"crawl summary: {parts}" + (f"; {self.stopped}" if self.stopped else "")


Progress = Callable[[int, int, str, str], None]  # done, pending, url, outcome


def run_crawl(
    store: Store,
    fetcher: Fetcher | None,
    query: str,
    pages: int,
    keep_html: bool = True,
    max_blocked: int = DEFAULT_MAX_BLOCKED,
    progress: Progress | None = None,
    limit: int | None = None,
    fetch_page: Callable[[str], PageResult] | None = None,
) -> CrawlReport:
    """Walk ``pages`` search pages for ``query`` and then each found supplier's profile.

    ``fetch_page`` replaces ``fetch_and_parse(fetcher, url)`` (the distributed crawl passes one
    that waits for a worker's result); recording stays here, in this one process."""
    if fetch_page is None:
        if fetcher is None:
            raise ValueError("run_crawl needs a fetcher or a fetch_page")
        fetch_page = partial(fetch_and_parse, fetcher)
    frontier = Frontier(store, crawl_name(query))
    report = CrawlReport(resumed=bool(frontier.counts()))
    frontier.reopen_retryable()
    frontier.add([search_url(query, page) for page in range(1, pages + 1)], "search", 0)
    blocked_run = 0
    processed = 0
    while (item := frontier.next_pending()) is not None:
        if limit is not None and processed >= limit:
            report.stopped = f"stopped after {limit} pages (--limit); run again to continue"
            break
        row_id, url, depth = item
        try:
            page = fetch_page(url)
        except CircuitOpen as exc:
            report.stopped = str(exc)
            break
        outcome = page.outcome
        done = _progress_writer(frontier, row_id, depth, page)
        if page.parsed is None:
            with store.db.atomic():
                done(None)
        else:
            record(store, page, keep_html, then=done)
        report.counts[SUMMARY_OF[outcome]] += 1
        processed += 1
        blocked_run = blocked_run + 1 if outcome == "blocked" else 0
        if progress:
            left = frontier.counts().get("pending", 0)
            progress(processed, left, url, outcome)
        if blocked_run >= max_blocked:
            report.stopped = (
                f"stopped: {blocked_run} consecutive blocked pages (captcha or login wall); "
                "backing off, run the same command later to resume"
            )
            break
    return report


def _progress_writer(
    frontier: Frontier, row_id: int, depth: int, page: PageResult
) -> Callable[[int | None], None]:
    """Marks the frontier row and queues the page's links, inside the capture's transaction.

    Hardening (issue 8): these used to be three commits; a kill -9 between them left a recorded
    page pending (fetched and recorded again on resume) or lost a search page's suppliers."""

    def done(capture_id: int | None) -> None:
        outcome = page.outcome
        frontier.set_status(row_id, STATUS_OF[outcome], outcome, capture_id, page.fetched.message)
        if page.links:
            frontier.insert(page.links, "supplier", depth + 1)

    return done


def stored_pages(store: Store, batch: int = 200):
    """Captures that kept their HTML and were not themselves made by a reparse: (row, html)."""
    last = 0
    while True:
        rows = store.db.execute_returning_dicts(
            "SELECT id, url, kind, outcome, fetched_at, http_status, parser, parser_version, "
            "content_hash, source, observed_at, observed_from, html_z FROM captures "
            "WHERE id > ? AND html_z IS NOT NULL "
            "AND source != 'reparse' ORDER BY id LIMIT ?",
            [last, batch],
        )
        if not rows:
            return
        for row in rows:
            html = zlib.decompress(row.pop("html_z")).decode("utf-8", errors="replace")
            yield row, html
        last = rows[-1]["id"]
