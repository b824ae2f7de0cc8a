"""Scraping commands: `vet scrape`, `vet crawl`, `vet reparse`. Network access goes through
`scrapers.fetch` only; every user-caused error is one line on stderr."""

from __future__ import annotations

import sys
from collections import Counter

import click

from scrapers.crawl import SUMMARY_OF, fetch_and_parse, record, run_crawl
from scrapers.fetch import CircuitOpen, Fetcher, FetchPolicy
from scrapers.ids import NotAlibabaURL, Target, parse_target, profile_url
from scrapers.reparse import reparse_all
from vetcli.common import crawl_progress, fail, main, open_store
from vetcli.data import describe
from vetcli.worker import crawl_via_queue, queue_options
from vetting import config
from vetting.store import Store

MIN_DELAY_FLOOR = 2.0  # seconds; politeness is not optional


def _fetcher(ctx: click.Context, delay: float, cache: bool) -> Fetcher:
    cache_path = None
    if cache:
        cache_path = config.get(config.HTTP_CACHE) or f"{ctx.obj['db']}.http-cache.sqlite"
    return Fetcher(policy=FetchPolicy(min_delay=delay), cache_path=cache_path)


def _url_for(store: Store, target: Target) -> str:
    if target.url:
        return target.url
    subdomain = store.subdomain(target.company_id or "")
    if subdomain is None:
        raise NotAlibabaURL(
            target.company_id or "", "no known page for this companyId (give its profile URL)"
        )
    return profile_url(subdomain)


def _describe(url: str, page) -> str:
    if page.parsed is None:
        return f"{url}: skipped ({page.fetched.message})"
    return describe(url, page.parsed, from_cache=page.fetched.from_cache)


delay_option = click.option(
    "--delay",
    type=click.FloatRange(min=MIN_DELAY_FLOOR),
    default=MIN_DELAY_FLOOR,
    show_default=True,
    help="Minimum seconds between requests to one host (plus random jitter).",
)
cache_option = click.option("--cache/--no-cache", default=True, help="Use the HTTP cache.")
html_option = click.option(
    "--keep-html/--no-keep-html", default=True, help="Keep each page's raw HTML (compressed)."
)


@main.command()
@click.argument("targets", nargs=-1, required=True)
@delay_option
@cache_option
@html_option
@click.pass_context
def scrape(
    ctx: click.Context, targets: tuple[str, ...], delay: float, cache: bool, keep_html: bool
) -> None:
    """Fetch and parse suppliers' pages: URLs, companyIds or subdomains."""
    try:
        parsed_targets = [parse_target(t) for t in targets]
    except NotAlibabaURL as exc:
        fail(str(exc))
    store = open_store(ctx)
    fetcher = _fetcher(ctx, delay, cache)
    counts: Counter = Counter()
    for target in parsed_targets:
        try:
            url = _url_for(store, target)
            page = fetch_and_parse(fetcher, url)
        except NotAlibabaURL as exc:
            click.echo(f"error: {exc}", err=True)
            counts["failed"] += 1
            continue
        except CircuitOpen as exc:
            click.echo(str(exc), err=True)
            counts["blocked"] += 1
            break
        record(store, page, keep_html)
        counts[SUMMARY_OF[page.outcome]] += 1
        click.echo(_describe(url, page))
    fetcher.close()
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if counts.keys() - {"ok"}:
        sys.exit(1)


@main.command()
@click.option("--search", "query", required=True, help="Search text, e.g. 'plastic nets'.")
@click.option("--pages", type=click.IntRange(min=1, max=100), default=1, show_default=True)
@click.option("--max-blocked", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Stop after N pages.")
@delay_option
@cache_option
@html_option
@queue_options
@click.pass_context
def crawl(
    ctx: click.Context,
    query: str,
    pages: int,
    max_blocked: int,
    limit: int | None,
    delay: float,
    cache: bool,
    keep_html: bool,
    queue_url: str | None,
    task_timeout: int,
    retry_backoff: str | None,
) -> None:
    """Walk search results to suppliers' pages; resumable (re-run the same command)."""
    if not query.strip():
        fail("--search must not be empty")
    if queue_url:  # distributed: `vet worker`s fetch, this one process writes (cli/worker.py)
        report = crawl_via_queue(
            ctx, queue_url, query, pages, keep_html, max_blocked, limit, task_timeout, retry_backoff
        )
    else:
        store = open_store(ctx)
        fetcher = _fetcher(ctx, delay, cache)
        tty = sys.stderr.isatty()

        progress = crawl_progress(tty)

        report = run_crawl(store, fetcher, query, pages, keep_html, max_blocked, progress, limit)
        fetcher.close()
        if tty:
            click.echo("", err=True)
    if report.resumed:
        click.echo("resumed an earlier crawl of this search")
    click.echo(report.summary())
    if report.stopped and "consecutive blocked" in report.stopped:
        sys.exit(2)


@main.command()
@click.pass_context
def reparse(ctx: click.Context) -> None:
    """Re-run the current parsers over stored raw HTML (after a parser change)."""
    counts = reparse_all(open_store(ctx))
    shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no stored pages"
    click.echo(f"reparse: {shown}")
