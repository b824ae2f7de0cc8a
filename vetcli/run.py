"""Commands that run things: serve the API, publish the site, and the demo."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click

from sitegen import build as build_site
from sitegen import publish as publish_site
from vetcli.common import fail, main, open_store
from vetcli.data import describe, import_file
from vetting import config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PAGES = ROOT / "examples" / "pages"


def shared_pages_dir() -> Path | None:
    """The real saved pages: $ALIBABA_PAGES, else ../shared/alibaba-pages beside the checkout."""
    env = config.get(config.ALIBABA_PAGES)
    candidate = Path(env) if env else ROOT.parent / "shared" / "alibaba-pages"
    return candidate if candidate.is_dir() else None


def run_server(
    db: str, host: str, port: int, dev: bool = False, workers: int = 4, access_log: bool = True
) -> None:
    """Gunicorn (sync workers) in production; the Flask debug server with --dev."""
    config.export(config.DB, str(Path(db).resolve()))
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
        fail(f"--base-url must be a path or an http(s) URL: {base_url!r}")
    from sitegen.staging import PublishError

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
@click.option("--port", default=5000, show_default=True, type=PORT, help="The API's port.")
@click.option("--site-port", default=8000, show_default=True, type=PORT, help="The site's port.")
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
    site_port: int,
    out: Path,
    no_serve: bool,
    saved_pages: bool,
    pages_port: int,
) -> None:
    """Import the example pages (and ../shared/alibaba-pages if present), publish the site, and
    serve it and the API (two URLs)."""
    store = open_store(ctx)
    pages = sorted(EXAMPLE_PAGES.glob("*.html"))
    shared = shared_pages_dir()
    if shared:
        pages += sorted(shared.glob("*.html"))
    example_id = None
    for path in pages:
        result = import_file(store, path, source="demo")
        click.echo(describe(path, result))
        if example_id is None and result.suppliers:
            example_id = result.suppliers[0].supplier_id
    if not no_serve:
        for option, number in (("--port", port), ("--site-port", site_port)):
            if not port_free(host, number):
                click.echo(f"error: {host}:{number} is in use (choose another {option})", err=True)
                ctx.exit(1)
    site_url = f"http://{host}:{site_port}/"
    from sitegen.staging import PublishError

    try:
        written = publish_site(store, out, base_url="/" if no_serve else site_url)
    except PublishError as exc:
        fail(str(exc))
    store.close()
    api = f"http://{host}:{port}"
    vet = Path(sys.argv[0]).resolve() if Path(sys.argv[0]).name == "vet" else Path("vet")
    click.echo(f"\nsite: {written} files written to {out.resolve()}/")
    if not no_serve:
        click.echo(f"  open {site_url}  (over HTTP)")
    files = (out / "index.html").resolve().as_uri()
    click.echo(f"  open {files}" if no_serve else f"  or   {files}  (as files; works too)")
    click.echo(f"API:  {api}/api/v1/suppliers/{example_id or '<id>'}")
    click.echo(f"  docs {api}/api/v1/openapi.json · health {api}/api/v1/healthz")
    click.echo(
        f"vet:  {_shown(vet)} --db {ctx.obj['db']} show {example_id or '<id>'}  "
        "(or `. .venv/bin/activate`, then `vet ...`)"
    )
    click.echo(
        f"extension: chrome://extensions → Developer mode → Load unpacked → {ROOT / 'extension'}"
    )
    if no_serve:
        return
    from sitegen import serve as siteserver

    siteserver.spawn(out.resolve(), host, site_port)
    if saved_pages:
        from vetcli import pageserver

        pageserver.spawn([EXAMPLE_PAGES, *([shared] if shared else [])], host, pages_port)
        click.echo(f"pages: {pageserver.chromium_command(pages_port, ROOT / 'extension')}")
    click.echo("Ctrl-C stops both servers.\n", nl=False)
    sys.stdout.flush()
    run_server(ctx.obj["db"], host, port)


def port_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _shown(path: Path) -> str:
    """The vet command as a user can type it from here: relative to the working directory."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
