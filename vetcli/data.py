"""Data commands: import saved pages, show, score and export suppliers."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from vetcli.common import main, open_store
from vetcli.orders import build_order, echo_order, order_options, order_value
from vetting.display import fmt_value, label
from vetting.document import supplier_document
from vetting.model import ParseResult, parse_observed_at, seen_text
from vetting.store import Store


def import_file(
    store: Store,
    path: Path,
    source: str = "import",
    observed_at: str | None = None,
    url: str | None = None,
) -> ParseResult:
    """Parse one saved page and record it; blocked and unparseable pages write no signals.

    Its source is ``url``, else the page's own address, else "saved page <file name>": never
    the local path (it would be published with every signal). The page's own date wins; else
    ``observed_at`` (the user's ``--observed-at``); else the capture is recorded with an unknown
    date (the import time is kept only as ``fetched_at``)."""
    from scrapers.ingest import ingest_page  # bs4 and lxml: only for the commands that parse
    from scrapers.saved import saved_source

    raw = path.read_bytes()
    html = raw.decode("utf-8", errors="replace")
    source_url = saved_source(html, path, url)
    return ingest_page(
        store,
        html,
        source_url,
        source=source,
        observed_at=observed_at,
        observed_from="import-flag",
        raw=raw,
    ).result


def describe(label: Path | str, result: ParseResult, from_cache: bool = False) -> str:
    """One line per page: where it came from, its outcome, parser and what it yielded."""
    cap = result.capture
    parts = [f"{label}: {cap.outcome}"]
    if cap.parser:
        parts.append(f"{cap.parser} v{cap.parser_version}")
    if result.suppliers:
        parts.append(f"{len(result.suppliers)} supplier(s)")
    if result.listings:
        parts.append(f"{len(result.listings)} listing(s)")
    if from_cache:
        parts.append("(from cache)")
    if cap.outcome == "ok":
        parts.append(f"({seen_text(cap.observed_at)})")
    if cap.outcome != "ok" and cap.message:
        parts.append(f"({cap.message}; nothing written)")
    return " ".join(parts)


def _observed_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_observed_at(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--observed-at",
    callback=_observed_option,
    help="When these pages were seen (YYYY-MM-DD), for pages that do not state it themselves.",
)
@click.option(
    "--url",
    "page_url",
    help="The alibaba.com address the (single) page was saved from, when it does not say.",
)
@click.pass_context
def import_cmd(
    ctx: click.Context, files: tuple[Path, ...], observed_at: str | None, page_url: str | None
) -> None:
    """Parse saved Alibaba pages into the database, one line per file."""
    if page_url is not None:
        if len(files) != 1:
            raise click.UsageError("--url names the address of one page: give one file")
        from vetting.ids import alibaba_url

        if alibaba_url(page_url) is None:
            raise click.BadParameter(
                f"not an http(s) alibaba.com URL: {page_url!r}", param_hint="'--url'"
            )
    store = open_store(ctx)
    failed = 0
    for path in files:
        if not path.is_file():
            why = "is a directory" if path.is_dir() else "no such file"
            click.echo(f"{path}: error ({why})", err=True)
            failed += 1
            continue
        click.echo(describe(path, import_file(store, path, observed_at=observed_at, url=page_url)))
    if len(files) > 1:  # one file's own line already says it all
        click.echo(f"imported {len(files) - failed} of {len(files)} file(s)", err=True)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("supplier_id")
@click.option("--json", "as_json", is_flag=True, help="Print the supplier JSON document.")
@click.pass_context
def show(ctx: click.Context, supplier_id: str, as_json: bool) -> None:
    """Show a supplier's signals with their sources (any alias works)."""
    doc = supplier_document(open_store(ctx, readonly=True).get(supplier_id))
    if as_json:
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    click.echo(f"{doc['name']} ({doc['supplier_id']})")
    for name, sig in doc["signals"].items():
        shown = fmt_value(name, sig["value"])
        seen = (sig["observed_at"] or "")[:10] or "date unknown"
        source = f"  [{sig['extractor']} @ {seen}]" if sig["extractor"] else ""
        click.echo(f"  {label(name):22} {shown}{source}")


@main.command()
@click.argument("supplier_id")
@order_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def score(ctx: click.Context, supplier_id: str, as_json: bool, **order_opts: Any) -> None:
    """Score a supplier, with reasons and warnings; optionally check an order against its cover."""
    order = build_order(order_value(order_opts), **order_opts)
    supplier = open_store(ctx, readonly=True).get(supplier_id)
    doc = supplier_document(supplier, order=order)
    if as_json:
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    sc = doc["score"]
    grade = sc["grade"] or "insufficient data"
    value = "" if sc["value"] is None else sc["value"]
    click.echo(f"{doc['name']} ({doc['supplier_id']}): {grade} {value}".rstrip())
    for r in sc["reasons"]:
        click.echo(f"  {r['effect']:+4d}  {r['signal']}: {r['evidence']}")
    for w in sc["warnings"]:
        click.echo(f"  ! {w['code']}: {w['message']}")
    for action in sc["actions"]:
        click.echo(f"  -> {action}")
    if "order" in doc:
        echo_order(doc["order"])


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@click.pass_context
def export(ctx: click.Context, fmt: str) -> None:
    """Every supplier in the JSON shape, one a line (or a flat CSV)."""
    store = open_store(ctx, readonly=True)
    if fmt == "jsonl":
        for supplier in store.iter_suppliers():
            click.echo(json.dumps(supplier_document(supplier), ensure_ascii=False))
        return
    writer = csv.writer(sys.stdout)
    writer.writerow(["supplier_id", "name", "grade", "score", "trade_assurance", "ta_limit_usd"])
    for supplier in store.iter_suppliers():
        doc = supplier_document(supplier)
        limit = doc["signals"]["ta_limit"]["value"]
        writer.writerow(
            [
                doc["supplier_id"],
                doc["name"],
                doc["score"]["grade"],
                doc["score"]["value"],
                doc["signals"]["trade_assurance"]["value"],
                limit and limit["amount"],
            ]
        )
