"""`vet demo` as a new user runs it: one command prints two URLs, and both answer.

The real command in the background (gunicorn API + the static site server) on free ports of
127.0.0.1, then each printed URL fetched: the site's index over HTTP, the API document of the
supplier ID it names, and the API's / with its links."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.helpers.browserkit import free_port

VET = Path(sys.executable).with_name("vet")
STARTUP_S = 60  # gunicorn under a loaded 2-core machine


@pytest.fixture
def demo(tmp_path):
    api_port, site_port = free_port(), free_port()
    env = {**os.environ, "ALIBABA_PAGES": str(tmp_path / "absent")}  # examples only: quick
    proc = subprocess.Popen(
        [
            str(VET),
            "--db",
            str(tmp_path / "demo.db"),
            "demo",
            "--out",
            str(tmp_path / "public"),
            "--port",
            str(api_port),
            "--site-port",
            str(site_port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: the servers it starts stop with it
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        yield "".join(lines)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _get(url: str) -> requests.Response:
    deadline = time.monotonic() + STARTUP_S
    while True:
        try:
            return requests.get(url, timeout=STARTUP_S)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_demo_prints_two_working_urls(demo):
    site = re.search(r"open (http://127\.0\.0\.1:\d+/)", demo)
    api = re.search(r"API:  (http://127\.0\.0\.1:\d+)/api/v1/suppliers/(\w+)", demo)
    assert site and api, demo
    index = _get(site[1])
    assert index.status_code == 200 and "suppliers/" in index.text
    report = _get(f"{site[1]}suppliers/{api[2]}.html")
    assert report.status_code == 200 and "calc.bundle.js" in report.text
    assert _get(f"{site[1]}no-such-page").status_code == 404
    doc = _get(f"{api[1]}/api/v1/suppliers/{api[2]}")
    assert doc.status_code == 200 and doc.json()["supplier_id"] == api[2]
    links = _get(f"{api[1]}/").json()["links"]
    assert _get(api[1] + links["health"]).json()["status"] == "ok"
    assert "vet" in demo and f"show {api[2]}" in demo  # how to run vet next
    sitemap = _get(f"{site[1]}sitemap.xml").text
    assert f"<loc>{site[1]}index.html</loc>" in sitemap  # absolute URLs of where it is served
