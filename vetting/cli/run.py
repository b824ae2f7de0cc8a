"""Commands that run things: serve the API, publish the site, and the demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from vetting.cli.common import main, open_store
from vetting.cli.data import describe, import_file
from vetting.publish import build as build_site
from vetting.publish import publish as publish_site

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PAGES = ROOT / "examples" / "pages"


def shared_pages_dir() -> Path | None:
    """The real saved pages: $ALIBABA_PAGES, else ../shared/alibaba-pages beside the checkout."""
    env = os.environ.get("ALIBABA_PAGES")
    candidate = Path(env) if env else ROOT.parent / "shared" / "alibaba-pages"
    return candidate if candidate.is_dir() else None


def run_server(
    db: str, host: str, port: int, dev: bool = False, workers: int = 4, access_log: bool = True
) -> None:
    """Gunicorn (sync workers) in production; the Flask debug server with --dev."""
    os.environ["VETTING_DB"] = str(Path(db).resolve())
    if dev:
        from server import create_app

        create_app().run(host=host, port=port, debug=True)
        return
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        *(["--access-logfile", "-"] if access_log else []),
        "server:create_app()",
    ]
    os.execv(sys.executable, args)


PORT = click.IntRange(1, 65535)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=PORT)
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64))
@click.option("--dev", is_flag=True, help="Flask's debug server instead of gunicorn.")
@click.option("--no-access-log", is_flag=True, help="Do not log each request (benchmarks).")
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, workers: int, dev: bool, no_access_log: bool
) -> None:
    """Serve the JSON API (gunicorn sync workers; --dev: Flask's debug server)."""
    open_store(ctx).close()  # create and migrate the database before workers open it read-only
    run_server(ctx.obj["db"], host, port, dev=dev, workers=workers, access_log=not no_access_log)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("public"),
    show_default=True,
)
@click.option(
    "--base-url",
    default="/",
    show_default=True,
    help="Where the site will be served (https://host/path/): used by sitemap.xml and 404.html.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Default: CPU count.")
@click.option("--full", is_flag=True, help="Re-render every page, not only changed suppliers.")
@click.pass_context
def publish(ctx: click.Context, out: Path, base_url: str, workers: int | None, full: bool) -> None:
    """Build the static supplier-report site (incremental: only changed pages are rewritten)."""
    if not base_url.startswith(("/", "http://", "https://")):
        click.echo(f"error: --base-url must be a path or an http(s) URL: {base_url!r}", err=True)
        ctx.exit(1)
    from vetting.publish.staging import PublishError

    store = open_store(ctx, readonly=True)
    try:
        stats = build_site(store, out, base_url=base_url, workers=workers, full=full)
    except PublishError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(1)
    finally:
        store.close()
    click.echo(
        f"{stats.suppliers} suppliers, {stats.rendered} rendered; wrote {stats.written} files, "
        f"deleted {stats.deleted}, in {stats.seconds:.1f} s to {out}/ "
        f"(open {out / 'index.html'})"
    )
    for sid in stats.skipped_ids:
        click.echo(f"skipped supplier {sid!r}: not usable as a file name", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=PORT)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("public"))
@click.option("--no-serve", is_flag=True, help="Import and publish, then stop.")
@click.option(
    "--pages",
    "saved_pages",
    is_flag=True,
    help="Also serve the saved pages under their Alibaba host names.",
)
@click.option("--pages-port", default=8800, show_default=True, type=PORT)
@click.pass_context
def demo(
    ctx: click.Context,
    host: str,
    port: int,
    out: Path,
    no_serve: bool,
    saved_pages: bool,
    pages_port: int,
) -> None:
    """Import the example pages (and ../shared/alibaba-pages if present), publish, serve."""
    store = open_store(ctx)
    pages = sorted(EXAMPLE_PAGES.glob("*.html"))
    shared = shared_pages_dir()
    if shared:
        pages += sorted(shared.glob("*.html"))
    for path in pages:
        click.echo(describe(path, import_file(store, path, source="demo")))
    from vetting.publish.staging import PublishError

    try:
        written = publish_site(store, out)
    except PublishError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(1)
    click.echo(f"\nsite: {written} files in {out.resolve()}/ (open {out.resolve() / 'index.html'})")
    click.echo(f"API:  http://{host}:{port}/api/v1/suppliers/<id>  (try /api/v1/healthz)")
    click.echo(
        f"extension: chrome://extensions → Developer mode → Load unpacked → {ROOT / 'extension'}"
    )
    if saved_pages and not no_serve:
        from vetting import pageserver

        pageserver.spawn([EXAMPLE_PAGES, *([shared] if shared else [])], host, pages_port)
        click.echo(f"pages: {pageserver.chromium_command(pages_port, ROOT / 'extension')}")
    if not no_serve:
        run_server(ctx.obj["db"], host, port)
