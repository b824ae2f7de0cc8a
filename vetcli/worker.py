"""Distributed crawling: `vet worker --queue redis://...`, and `vet crawl --queue` (the writer).

Workers fetch and parse; the one `vet crawl --queue` process writes the database. Without
``--queue``, `vet crawl` stays in-process (see `vetcli.scrape`).
"""

from __future__ import annotations

import sys

import click
import redis

from scrapers.crawl import CrawlReport
from scrapers.dispatch import run_distributed_crawl
from scrapers.distributed import (
    DEFAULT_HEARTBEAT_GRACE,
    DEFAULT_RETRY_INTERVALS,
    DEFAULT_TASK_TIMEOUT,
    QueueError,
    connect,
    default_worker_name,
    route_to_mirror,
    run_worker,
)
from scrapers.fetch import Fetcher, FetchPolicy
from vetcli.common import crawl_progress, fail, main, open_store
from vetting import config

MIN_DELAY_FLOOR = 2.0  # seconds; the same floor as `vet crawl` (politeness is not optional)
MAX_RETRIES = 10

queue_option = click.option(
    "--queue",
    "queue_url",
    envvar=config.QUEUE,
    metavar="redis://HOST:PORT/N",
    help="Redis URL of the crawl queue (default $VETTING_QUEUE).",
)


def queue_options(command):
    """`vet crawl`'s options for the distributed mode (without ``--queue`` they do nothing)."""
    command = click.option(
        "--retry-backoff",
        default=None,
        metavar="S,S,...",
        help="Seconds before each retry of a page whose worker was lost or failed "
        f"(default {','.join(map(str, DEFAULT_RETRY_INTERVALS))}; with --queue).",
    )(command)
    command = click.option(
        "--task-timeout",
        type=click.IntRange(min=1),
        default=DEFAULT_TASK_TIMEOUT,
        show_default=True,
        help="Seconds one page may take on a worker before it is retried (with --queue).",
    )(command)
    return queue_option(command)


def parse_backoff(text: str) -> tuple[int, ...]:
    try:
        steps = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        steps = ()
    if not steps or len(steps) > MAX_RETRIES or any(s < 0 for s in steps):
        raise click.BadParameter(f"want up to {MAX_RETRIES} comma-separated seconds, e.g. 10,30,90")
    return steps


@main.command()
@queue_option
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=MIN_DELAY_FLOOR,
    show_default=True,
    help=f"Minimum seconds between requests to one host (at least {MIN_DELAY_FLOOR:g}).",
)
@click.option("--http-cache", type=click.Path(dir_okay=False), help="HTTP cache file (SQLite).")
@click.option("--burst", is_flag=True, help="Exit when the queue is empty.")
@click.option("--name", default=None, help="Worker name (default HOST.PID).")
@click.option(
    "--heartbeat-grace",
    type=click.IntRange(min=1),
    default=DEFAULT_HEARTBEAT_GRACE,
    show_default=True,
    help="Seconds after a task's timeout before this worker counts as lost.",
)
@click.option("--quiet", is_flag=True, help="Log warnings only.")
@click.option("--route-to", hidden=True, help="Testing: send every request to this local mirror.")
def worker(
    queue_url: str | None,
    delay: float,
    http_cache: str | None,
    burst: bool,
    name: str | None,
    heartbeat_grace: int,
    quiet: bool,
    route_to: str | None,
) -> None:
    """Fetch and parse pages from the crawl queue (run on as many machines as you like)."""
    if not queue_url:
        fail("--queue redis://HOST:PORT/N is required (or set VETTING_QUEUE)")
    if delay < MIN_DELAY_FLOOR and not route_to:
        fail(f"--delay must be at least {MIN_DELAY_FLOOR:g} seconds (politeness is not optional)")
    try:
        conn = connect(queue_url)
        # A local mirror is our own server: no jitter needed to be polite to it.
        policy = FetchPolicy(min_delay=delay, jitter=0.0 if route_to else FetchPolicy.jitter)
        fetcher = Fetcher(policy=policy, cache_path=http_cache)
        if route_to:
            route_to_mirror(fetcher, route_to)
    except QueueError as exc:
        fail(str(exc))
    try:
        run_worker(
            conn,
            fetcher,
            burst=burst,
            name=name or default_worker_name(),
            heartbeat_grace=heartbeat_grace,
            logging_level="WARNING" if quiet else "INFO",
        )
    except redis.RedisError as exc:
        fail(f"lost the queue at {queue_url}: {exc}")


def crawl_via_queue(
    ctx: click.Context,
    queue_url: str,
    query: str,
    pages: int,
    keep_html: bool,
    max_blocked: int,
    limit: int | None,
    task_timeout: int = DEFAULT_TASK_TIMEOUT,
    retry_backoff: str | None = None,
) -> CrawlReport:
    """`vet crawl --queue`: this process enqueues, waits for workers and writes the database."""
    intervals = parse_backoff(retry_backoff) if retry_backoff else DEFAULT_RETRY_INTERVALS
    try:
        conn = connect(queue_url)
    except QueueError as exc:
        fail(str(exc))
    store = open_store(ctx)
    tty = sys.stderr.isatty()

    progress = crawl_progress(tty)

    def notice(message: str) -> None:
        click.echo(("\n" if tty else "") + message, err=True)

    try:
        report, dispatcher = run_distributed_crawl(
            store,
            conn,
            query,
            pages,
            keep_html,
            max_blocked,
            progress,
            limit,
            notice,
            task_timeout=task_timeout,
            retry_intervals=intervals,
        )
    except redis.RedisError as exc:
        fail(f"lost the queue at {queue_url}: {exc}; run the same command again to resume")
    if tty:
        click.echo("", err=True)
    click.echo(dispatcher.summary())
    return report
