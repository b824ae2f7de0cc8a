"""Serve the published static site over HTTP on 127.0.0.1, for `vet demo`.

    python -m sitegen.serve public/ --port 8000

The site also works opened as files; over HTTP it behaves as on a real static host (absolute
sitemap, 404 page). Standard library only: any static host serves the same files.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
        pass  # the API's access log is the one a demo user reads

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def make_server(folder: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(folder))
    return ThreadingHTTPServer((host, port), handler)


def spawn(folder: Path, host: str, port: int) -> subprocess.Popen[bytes]:
    """The site server as a child process: it outlives `vet demo` exec'ing the API server, and
    stops when that process is gone."""
    return spawn_server("sitegen.serve", [str(folder)], host, port)


def spawn_server(module: str, args: list[str], host: str, port: int) -> subprocess.Popen[bytes]:
    """``python -m module ARGS --host --port --exit-with-parent`` (the site server here, the
    saved-page server of `vet demo --pages`): a child that stops when its parent is gone."""
    command = [sys.executable, "-m", module, *args, "--exit-with-parent"]
    return subprocess.Popen([*command, "--host", host, "--port", str(port)])


def exit_with_parent(interval_s: float = 1.0) -> None:
    """Run in a thread of a `spawn_server` child: exits when the process that started it is
    gone (no orphaned server after `vet demo` stops)."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(interval_s)
    os._exit(0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--exit-with-parent", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.exit_with_parent:
        threading.Thread(target=exit_with_parent, daemon=True).start()
    try:
        server = make_server(args.folder, args.host, args.port)
    except OSError as exc:
        print(f"error: site server on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        sys.exit(1)
    with server:
        server.serve_forever()


if __name__ == "__main__":
    main()
