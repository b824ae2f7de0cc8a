"""Headless Chromium for the browser tests: Debian's package driven by Playwright by path.

Playwright's own browser download is not used (this machine reaches no CDN); the tests skip with a
reason when Chromium or Playwright is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

# Chromium's background services try to reach Google; this machine's network refuses them.
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    return path


@contextmanager
def browser_context(
    user_data_dir: Path,
    extension_dir: Path | None = None,
    host_rules: str | None = None,
    extra_args: Sequence[str] = (),
) -> Iterator[object]:
    """A persistent Chromium context (needed for extensions), headless, optionally with the
    unpacked extension loaded and host names mapped (``--host-resolver-rules``)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    args = [*QUIET_FLAGS, *extra_args]
    if extension_dir is not None:
        args += [
            f"--disable-extensions-except={extension_dir}",
            f"--load-extension={extension_dir}",
        ]
    if host_rules:
        args.append(f"--host-resolver-rules={host_rules}")
    with _playwright(sync_api) as pw:
        context = pw.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=chromium_path(),
            headless=True,
            args=args,
        )
        try:
            yield context
        finally:
            context.close()


# The running Playwright, if any: its sync API cannot be started twice in one thread, so a
# second browser_context opened inside the first (e.g. a plain browser to compare against)
# reuses it.
_ACTIVE: list[object] = []


@contextmanager
def _playwright(sync_api) -> Iterator[object]:
    if _ACTIVE:
        yield _ACTIVE[-1]
        return
    with sync_api.sync_playwright() as pw:
        _ACTIVE.append(pw)
        try:
            yield pw
        finally:
            _ACTIVE.pop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


@contextmanager
def vet_serve(db_path: Path, port: int | None = None, workers: int = 2) -> Iterator[str]:
    """A real `vet serve` (gunicorn) on 127.0.0.1; yields its base URL."""
    port = port or free_port()
    vet = Path(sys.executable).with_name("vet")
    proc = subprocess.Popen(
        [str(vet), "--db", str(db_path), "serve", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
