"""`vet serve` (gunicorn) on a free 127.0.0.1 port for tests that need the real server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import requests

START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def vet_serve(db: Path, workers: int = 4, port: int | None = None, **env: str) -> Iterator[str]:
    """Yields the base URL; on exit the server is stopped and its log must hold no traceback.
    ``port``: a port chosen beforehand (schemathesis fixes base URLs when it collects)."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    vet = Path(sys.executable).with_name("vet")
    proc = subprocess.Popen(
        [str(vet), "--db", str(db), "serve", "--port", str(port), "--workers", str(workers),
         "--no-access-log"],
        env={**os.environ, "VETTING_RATELIMIT": "100000000 per minute", **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                if requests.get(f"{base}/api/v1/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "vet serve did not start"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        errors = proc.stderr.read().decode() if proc.stderr else ""
        assert "Traceback" not in errors, errors[-3000:]
