"""`vet show` stays quick by importing only what it uses: no parser, network, queue, web or
template stack, and no sqlite-utils on a read. Checked by module names, not by timing (the
timing is bench/cli.py's)."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from tests.helpers.paths import EXAMPLES
from vetcli import main

HEAVY = (
    "bs4",
    "lxml",
    "requests",
    "requests_cache",
    "rq",
    "redis",
    "gunicorn",
    "flask",
    "jinja2",
    "sqlite_utils",
    "zstandard",
    "vetting.contract",
    "scrapers.pages",
)
PROBE = """
import json, sys
from vetcli import main
heavy = json.loads(sys.argv[2])
sys.argv = ["vet", "--db", sys.argv[1], "show", "900000001"]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def test_vet_show_imports_no_heavy_module(tmp_path):
    db = str(tmp_path / "v.db")
    pages = [str(p) for p in sorted(EXAMPLES.glob("*.html"))]
    assert CliRunner().invoke(main, ["--db", db, "import", *pages]).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", PROBE, db, json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "Example Textiles" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_every_command_is_still_listed():
    out = CliRunner().invoke(main, ["--help"]).output
    for name in ("import", "show", "score", "check-order", "demo", "crawl", "worker", "reparse"):
        assert f"  {name} " in out, name
