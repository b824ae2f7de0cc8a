"""Imported pages never carry the importing machine's path: the source of a saved page is its
own address (canonical link / og:url, or `vet import --url`), else "saved page <file name>",
in the database, the supplier documents, the JSON mirror and every published page."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from tests.helpers.crash_site import profile_html
from tests.helpers.paths import EXAMPLES
from vetcli import main

CANONICAL = "https://hardening-0-1.en.alibaba.com/company_profile.html"
GIVEN = "https://hardening-0-2.en.alibaba.com/company_profile.html"


def _vet(db, *args):
    out = CliRunner().invoke(main, ["--db", str(db), *map(str, args)])
    assert out.exit_code == 0, out.output
    return out.output


def test_no_local_path_in_anything_an_import_produces(tmp_path):
    pages = tmp_path / "private-folder-of-the-importer"
    pages.mkdir()
    plain = pages / "plain.html"
    plain.write_text(profile_html(0, 0))
    canonical = pages / "canonical.html"
    canonical.write_text(
        f'<html><head><link rel="canonical" href="{CANONICAL}"></head><body>'
        + profile_html(0, 1) + "</body></html>"
    )  # fmt: skip
    given = pages / "given.html"
    given.write_text(profile_html(0, 2))
    foreign = pages / "foreign.html"  # a canonical link elsewhere is not the page's address
    foreign.write_text(
        '<head><meta property="og:url" content="https://evil.example/x"></head>'
        + profile_html(0, 3)
    )
    db = tmp_path / "vetting.db"
    _vet(db, "import", plain, canonical, foreign, *sorted(EXAMPLES.glob("*.html")))
    _vet(db, "import", "--url", GIVEN, given)

    with sqlite3.connect(db) as conn:
        sources = dict(conn.execute("SELECT supplier_id, source_url FROM signals_current"))
        urls = [r[0] for r in conn.execute("SELECT url FROM captures")]
    assert sources["910000000"] == "saved page plain.html"
    assert sources["910000001"] == CANONICAL
    assert sources["910000002"] == GIVEN
    assert sources["910000003"] == "saved page foreign.html"
    assert not [u for u in urls if "file:" in u or str(tmp_path) in u]

    export = _vet(db, "export")
    site = tmp_path / "public"
    _vet(db, "publish", "--out", site)
    leaks = [str(tmp_path), "file://", pages.name]
    assert not [s for s in leaks if s in export]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert not [s for s in leaks if s in text], path
    mirror = json.loads((site / "api/v1/suppliers/910000001.json").read_text())
    assert mirror["signals"]["trade_assurance"]["source_url"] == CANONICAL


def test_import_url_must_be_alibaba_and_for_one_file(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(profile_html(0, 0))
    for args in (["--url", "file:///etc/passwd", page], ["--url", GIVEN, page, page]):
        out = CliRunner().invoke(main, ["--db", str(tmp_path / "v.db"), "import", *map(str, args)])
        assert out.exit_code != 0
        assert "--url" in out.output and "Traceback" not in out.output
