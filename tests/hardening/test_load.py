"""The bounded load run (bench/load.py) as a slow test: 16 clients, 20,000 requests to a real
`vet serve` on 127.0.0.1 while a crawl writes to the same database; zero errors, p99 printed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.paths import ROOT

BOUND_S = 600  # the whole run, database build and server start included


@pytest.mark.slow
def test_load_while_crawling(tmp_path, capsys):
    figures = tmp_path / "load.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--json", str(figures)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BOUND_S,
    )
    with capsys.disabled():
        print("\n" + run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(figures.read_text())
    assert result["requests"] == 20_000 and result["clients"] == 16
    assert result["errors"] == 0 and result["crawl_pages_recorded"] > 0
    assert result["p99_ms"] > 0
