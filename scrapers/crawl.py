"""Crawling: the fetch-and-parse step and the resumable crawl loop over the store's frontier.

`fetch_and_parse` is the unit of work: URL in, `PageResult` (what was fetched, what it parsed
to, which links it leads to) out, with no database access, so a distributed worker can reuse it
unchanged. `Frontier` (`vetting.store.frontier`) keeps one row per (crawl, url) in the store's
database: a killed crawl resumes where it stopped and never fetches a done page twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from scrapers.fetch import CircuitOpen, Fetched, Fetcher
from scrapers.ids import profile_url, search_url
from scrapers.pages import parse_page
from vetting.model import Capture, ParseResult
from vetting.store import Store
from vetting.store.frontier import Frontier

SEARCH_KINDS = ("product-search", "supplier-search")
DEFAULT_MAX_BLOCKED = 3


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
    answered = fetched.final_url or url  # stored under the URL that answered, not the asked one
    if fetched.outcome == "ok":
        parsed = parse_page(
            fetched.text,
            answered,
            source=source,
            http_status=fetched.status,
            observed_at=fetched.http_date,
            observed_from="http-date" if fetched.http_date else None,
            raw=fetched.body,
        )
    else:
        capture = Capture(
            url=answered,
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
            with store.transaction():
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

    One commit, not three: a kill -9 between separate commits left a recorded page pending
    (fetched and recorded again on resume) or lost a search page's suppliers."""

    def done(capture_id: int | None) -> None:
        outcome = page.outcome
        frontier.set_status(row_id, STATUS_OF[outcome], outcome, capture_id, page.fetched.message)
        if page.links:
            frontier.insert(page.links, "supplier", depth + 1)

    return done
