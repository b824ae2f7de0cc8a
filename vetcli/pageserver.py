"""Serve saved Alibaba pages under their own host names, for a browser started with
``--host-resolver-rules`` (the extension's end-to-end tests and ``vet demo --pages``).

Each page gets one URL (host + path + query) derived from its file name: product pages under
``www.alibaba.com/product-detail/<name>_<id>.html``, searches under ``/trade/search?...``, the
supplier profile under ``<subdomain>.en.alibaba.com/company_profile.html``. ``/`` on any host
lists them. Nothing is copied: files are read from the pages folders at request time.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from sitegen.serve import exit_with_parent, spawn_server

WWW = "www.alibaba.com"
# File-name pattern -> (host, path?query). Groups of the match fill the template.
ROUTE_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"product-detail(?:-fragment)?_([a-z0-9-]+)_(\d+)\.html$"),
        WWW,
        "/product-detail/{0}_{1}.html",
    ),
    (
        re.compile(r"product-search_list-view_(\w+)\.html$"),
        WWW,
        "/trade/search?SearchText={0}&viewtype=L",
    ),
    (
        re.compile(r"product-search_gallery_p(\d+)\.html$"),
        WWW,
        "/trade/search?SearchText=soccer+suit&page={0}&viewtype=G",
    ),
    (
        re.compile(r"product-search_([a-z0-9-]+)\.html$"),
        WWW,
        "/trade/search?SearchText={0}",
    ),
    (
        re.compile(r"supplier-search_no-results\.html$"),
        WWW,
        "/trade/search?tab=supplier&SearchText=no+such+thing",
    ),
    (
        re.compile(r"supplier-search_([a-z-]+)\.html$"),
        WWW,
        "/trade/search?tab=supplier&SearchText={0}",
    ),
    (
        re.compile(r"supplier-profile_([a-z0-9-]+)\.html$"),
        "{0}.en.alibaba.com",
        "/company_profile.html",
    ),
    (re.compile(r"blocked_captcha-punish\.html$"), WWW, "/punish?x5secdata=saved"),
]
# Saved pages' own scripts would phone Alibaba's CDNs and may rewrite the snapshot; the
# default policy blocks them (content scripts of extensions are not affected by it).
NO_PAGE_SCRIPTS = "script-src 'none'; object-src 'none'"


@dataclass(frozen=True)
class Route:
    host: str
    target: str  # path?query, query in canonical (sorted) order
    path: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.target}"


def canonical_target(target: str) -> str:
    parts = urlsplit(target)
    query = urlencode(sorted(parse_qsl(parts.query)))
    return parts.path + (f"?{query}" if query else "")


def route_for(path: Path) -> Route | None:
    for pattern, host, template in ROUTE_PATTERNS:
        match = pattern.search(path.name)
        if match:
            groups = [g.replace("-", "+") if "search" in template else g for g in match.groups()]
            target = template.format(*groups)
            return Route(host.format(*match.groups()), canonical_target(target), path)
    return None


def build_routes(folders: Iterable[Path]) -> dict[tuple[str, str], Route]:
    routes: dict[tuple[str, str], Route] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.html")):
            route = route_for(path)
            if route:
                routes.setdefault((route.host, route.target), route)
    return routes


PRODUCT_PATH = re.compile(r"^/product-detail/[^?]*_(\d+)\.html")


def _by_product_id(routes: dict[tuple[str, str], Route], host: str, target: str) -> Route | None:
    """Real product URLs carry a title slug: match them by the product id alone."""
    match = PRODUCT_PATH.match(target)
    if not match:
        return None
    suffix = f"_{match.group(1)}.html"
    return next((r for (h, t), r in routes.items() if h == host and t.endswith(suffix)), None)


def index_html(routes: dict[tuple[str, str], Route], port: str) -> bytes:
    """Links keep the port the browser used (none when the mapping rule supplies it)."""

    def link(route: Route) -> str:
        url = f"http://{route.host}{port}{route.target}"
        return f'<li><a href="{escape(url)}">{escape(url)}</a> ({escape(route.path.name)})</li>'

    items = "\n".join(link(r) for r in routes.values())
    return (
        "<!doctype html><meta charset='utf-8'><title>Saved Alibaba pages</title>"
        f"<h1>Saved Alibaba pages</h1><ul>{items}</ul>"
    ).encode()


def make_handler(routes: dict[tuple[str, str], Route], csp: str | None):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            host, _, port = (self.headers.get("Host") or "").lower().partition(":")
            target = canonical_target(self.path)
            route = routes.get((host, target)) or _by_product_id(routes, host, target)
            if target == "/" and route is None:
                self._send(200, index_html(routes, f":{port}" if port else ""))
            elif route is None:
                self._send(404, b"<!doctype html><title>not saved</title><p>No saved page here.")
            else:
                self._send(200, route.path.read_bytes())

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            if csp:
                self.send_header("Content-Security-Policy", csp)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: the demo prints the URLs once

    return Handler


@contextmanager
def serve_pages(
    folders: Iterable[Path],
    host: str = "127.0.0.1",
    port: int = 0,
    page_scripts: bool = False,
) -> Iterator[tuple[int, dict[tuple[str, str], Route]]]:
    """Run the page server in a thread; yields (port, routes)."""
    routes = build_routes(folders)
    csp = None if page_scripts else NO_PAGE_SCRIPTS
    server = ThreadingHTTPServer((host, port), make_handler(routes, csp))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], routes
    finally:
        server.shutdown()
        server.server_close()


def chromium_command(port: int, extension: Path) -> str:
    """How to start a browser that sees the saved pages under their Alibaba names."""
    rules = f"MAP *.alibaba.com 127.0.0.1:{port}, MAP alibaba.com 127.0.0.1:{port}"
    return (
        f'chromium --user-data-dir=/tmp/vet-demo-profile --host-resolver-rules="{rules}" '
        f"--load-extension={extension} http://www.alibaba.com/"
    )


def spawn(folders: Iterable[Path], host: str, port: int) -> subprocess.Popen[bytes]:
    """The page server as a child process (it outlives `vet demo` exec'ing the API server)."""
    return spawn_server("vetcli.pageserver", [str(f) for f in folders], host, port)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--page-scripts", action="store_true", help="let the pages' scripts run")
    parser.add_argument("--exit-with-parent", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.exit_with_parent:
        threading.Thread(target=exit_with_parent, daemon=True).start()
    with serve_pages(args.folders, args.host, args.port, args.page_scripts) as (port, routes):
        print(f"saved pages on 127.0.0.1:{port}, under their Alibaba host names:", flush=True)
        for route in routes.values():
            print(f"  {route.url}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
