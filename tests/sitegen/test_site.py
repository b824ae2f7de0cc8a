"""The static site: valid HTML5, no broken internal links, exact JSON mirror, escaping, URL
allowlist, incremental builds, downloads, sitemap and methodology from the scoring table."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitegen import build, publish, safe_url
from sitegen.aggregate import sitemaps
from tests.helpers.paths import ROOT, pages_dir
from tests.helpers.site_fixtures import BAD_URLS, HISTORY_ID, HOSTILE_ID, PAYLOADS, demo_store
from vetting import scoring
from vetting.document import supplier_document as supplier_json

html5lib = pytest.importorskip("html5lib")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("site")
    store = demo_store(tmp / "vetting.db", real_pages=pages_dir())  # real pages when present
    publish(store, tmp / "public", base_url="https://reports.example.org/")
    store.close()
    return tmp / "vetting.db", tmp / "public"


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append((name, value))
            if name == "id" and value:
                self.ids.add(value)


def parse_links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_is_valid_html5(site):
    _, out = site
    pages = html_files(out)
    assert len(pages) >= 7
    for page in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        text = page.read_text(encoding="utf-8")
        parser.parse(text)  # raises on the first parse error
        assert not parser.errors, (page, parser.errors[:3])
        ids = re.findall(r'\sid="([^"]+)"', text)
        assert len(ids) == len(set(ids)), f"{page}: duplicate id"
        for target in re.findall(r'<label for="([^"]+)"', text):  # every label names a control
            assert target in ids, f"{page}: label for missing #{target}"
        assert text.count("<h1>") == 1, f"{page}: one h1 per page"


def test_no_broken_internal_link(site):
    _, out = site
    checked = 0
    for page in html_files(out):
        links = parse_links(page)
        for _, url in links.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                continue  # external: Alibaba; never fetched by the tests
            assert not parts.scheme, f"{page}: non-http scheme {url!r}"
            if page.name == "404.html" and parts.path.startswith("/"):
                target = out / unquote(parts.path).lstrip("/")
            elif parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
            else:
                target = page
            assert target.is_file(), f"{page.relative_to(out)} → {url}"
            if parts.fragment:
                assert parts.fragment in parse_links(target).ids, f"{page} → {url}"
            checked += 1
    assert checked > 50


def test_json_mirror_is_exactly_supplier_json(site):
    db, out = site
    from vetting.store import Store

    store = Store(db, readonly=True)
    try:
        for sid in (HISTORY_ID, HOSTILE_ID, "1600900000001"):
            path = out / "api" / "v1" / "suppliers" / f"{store.resolve(sid) or sid}.json"
            if not path.exists():
                continue
            assert json.loads(path.read_text()) == supplier_json(store.get(sid))
        files = list((out / "api/v1/suppliers").glob("*.json"))
        assert len(files) == store.count_suppliers()
    finally:
        store.close()


def test_downloads_list_every_supplier(site):
    _, out = site
    rows = json.loads((out / "suppliers.json").read_text())
    ids = {r["supplier_id"] for r in rows}
    assert {HISTORY_ID, HOSTILE_ID} <= ids
    with (out / "suppliers.csv").open(newline="") as fh:
        table = list(csv.DictReader(fh))
    assert {r["supplier_id"] for r in table} == ids
    history = next(r for r in table if r["supplier_id"] == HISTORY_ID)
    assert history["ta_limit"] == "10000" and history["verified"] == "False"
    # unknown is an empty cell, never "False" or 0
    assert all(r["gold_years"] == "" for r in table if r["supplier_id"] == HISTORY_ID)


def test_report_shows_history_warnings_and_links(site):
    _, out = site
    page = (out / "suppliers" / f"{HISTORY_ID}.html").read_text()
    assert "46,000 USD (2025-03-01) → 10,000 USD (2026-03-01)" in page
    assert "Verified: yes from 2025-03-01; no from 2026-03-01" in page
    assert "<polyline" in page and "<rect" in page
    assert 'href="https://history.en.alibaba.com/"' in page
    assert "UNVERIFIED" in page
    assert 'data-limit="10000"' in page


def test_methodology_renders_the_scoring_table(site):
    _, out = site
    page = (out / "methodology.html").read_text()
    for name, points in scoring.WEIGHTS.items():
        assert re.search(re.escape(f"<code>{name}</code></th><td>{points:+d}</td>"), page), name
    for code in scoring.WARNINGS:
        assert f"<code>{code}</code>" in page
    assert "not a product-quality verdict" in page


def test_sitemap_robots_and_404(site):
    _, out = site
    tree = ET.parse(out / "sitemap.xml")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [e.text for e in tree.iter(f"{ns}loc")]
    assert f"https://reports.example.org/suppliers/{HISTORY_ID}.html" in locs
    for loc in locs:  # the sitemap is link-checked too
        assert (out / loc.removeprefix("https://reports.example.org/")).is_file(), loc
    assert "Sitemap: https://reports.example.org/sitemap.xml" in (out / "robots.txt").read_text()
    assert 'href="/static/site.css"' in (out / "404.html").read_text()


def test_sitemap_splits_above_the_protocol_limit(monkeypatch):
    monkeypatch.setattr("sitegen.aggregate.SITEMAP_MAX_URLS", 2)
    files = dict(sitemaps("https://x.test/", ["a.html", "b.html", "c.html"]))
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    assert "<sitemapindex" in files["sitemap.xml"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://a.alibaba.com/x?y=1", "https://a.alibaba.com/x?y=1", id="https"),
        pytest.param("http://a.example/", "http://a.example/", id="http"),
        pytest.param("HTTPS://A.example/", "HTTPS://A.example/", id="upper-case-scheme"),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param("java\tscript:alert(1)", None, id="tab-inside-scheme"),
        pytest.param("java\nscript:alert(1)", None, id="newline-inside-scheme"),
        pytest.param("\x01javascript:alert(1)", None, id="leading-control"),
        pytest.param(" JavaScript:alert(1)", None, id="space-and-case"),
        pytest.param("data:text/html,<script>alert(1)</script>", None, id="data"),
        pytest.param("vbscript:msgbox(1)", None, id="vbscript"),
        pytest.param("file:///etc/passwd", None, id="file"),
        pytest.param("//evil.example/x", None, id="scheme-relative"),
        pytest.param("/relative", None, id="relative"),
        pytest.param("https://", None, id="no-host"),
        pytest.param("ht\ttps://a.example/", "https://a.example/", id="tab-in-http-kept-clean"),
        pytest.param(None, None, id="none"),
    ],
)
def test_safe_url_allows_only_http_and_https(url, expected):
    assert safe_url(url) == expected


def test_hostile_fields_are_escaped_everywhere(site):
    _, out = site
    for page in [*html_files(out), out / "sitemap.xml"]:
        text = page.read_text(encoding="utf-8")
        for payload in PAYLOADS:
            assert payload not in text, (page, payload)
        links = parse_links(page) if page.suffix == ".html" else Links()
        for _, url in links.urls:
            cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
            assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), (page, url)
    report = (out / "suppliers" / f"{HOSTILE_ID}.html").read_text()
    assert "<h1>&lt;img src=x onerror=alert(&#39;img&#39;)&gt; Co.</h1>" in report
    for bad in BAD_URLS:
        assert f'href="{bad}"' not in report


def test_coverage_module_is_copied_not_reimplemented(site):
    _, out = site
    lib = ROOT / "extension" / "src" / "lib"
    for name in ("coverage.js", "decimal.js"):
        assert (out / "static" / name).read_bytes() == (lib / name).read_bytes()
    assert 'from "./coverage.js"' in (out / "static" / "calc.js").read_text()


def test_csv_cells_cannot_start_a_formula(tmp_path):
    from vetting.model import Capture, ParseResult, Signal, SupplierObservation
    from vetting.store import Store

    store = Store(tmp_path / "db")
    obs = SupplierObservation("5", '=HYPERLINK("http://x")', {}, [Signal("verified", True)])
    store.record(ParseResult(Capture(url="u", kind="t", outcome="ok"), [obs]))
    publish(store, tmp_path / "out")
    assert "'=HYPERLINK" in (tmp_path / "out" / "suppliers.csv").read_text()


def test_unsafe_supplier_ids_get_no_file(tmp_path):
    from vetting.model import Capture, ParseResult, Signal, SupplierObservation
    from vetting.store import Store

    store = Store(tmp_path / "db")
    obs = SupplierObservation("../../evil", "x", {}, [Signal("verified", True)])
    store.record(ParseResult(Capture(url="u", kind="t", outcome="ok"), [obs]))
    stats = build(store, tmp_path / "out" / "public")
    assert stats.skipped_ids == ["../../evil"]
    assert not (tmp_path / "evil.html").exists()


def test_rebuild_rewrites_only_what_changed(tmp_path):
    from vetting.model import Capture, ParseResult, Signal, SupplierObservation

    store = demo_store(tmp_path / "db", hostile=False)
    out = tmp_path / "public"
    first = build(store, out)
    assert first.rendered == first.suppliers >= 3
    again = build(store, out)
    assert (again.rendered, again.written, again.deleted) == (0, 0, 0)

    other = out / "suppliers" / f"{HOSTILE_ID}.html"
    assert not other.exists()
    untouched = next(p for p in (out / "suppliers").glob("*.html") if HISTORY_ID not in p.name)
    before = untouched.stat().st_mtime_ns
    obs = SupplierObservation(HISTORY_ID, "History Trading Ltd", {}, [Signal("verified", True)])
    store.record(ParseResult(Capture(url="u", kind="t", outcome="ok"), [obs]))
    changed = build(store, out)
    assert changed.rendered == 1
    # its report, its JSON, the index, suppliers.json and .csv, and sitemap-free of change
    assert 2 <= changed.written <= 6
    assert untouched.stat().st_mtime_ns == before
    mirror = json.loads((out / "api/v1/suppliers" / f"{HISTORY_ID}.json").read_text())
    assert mirror["signals"]["verified"]["value"] is True

    store.db.execute("DELETE FROM suppliers WHERE supplier_id = ?", [HISTORY_ID])
    store.db.conn.commit()
    removed = build(store, out)
    assert removed.deleted == 2
    assert not (out / "suppliers" / f"{HISTORY_ID}.html").exists()
    assert HISTORY_ID not in (out / "index.html").read_text()
    store.close()


def test_parallel_build_matches_serial(tmp_path, monkeypatch):
    monkeypatch.setattr("sitegen.pipeline.SERIAL_BELOW", 0)
    monkeypatch.setattr("sitegen.pipeline.CHUNK", 1)
    store = demo_store(tmp_path / "db")
    build(store, tmp_path / "a", workers=2)
    build(store, tmp_path / "b", workers=1)
    for page in (tmp_path / "a").rglob("*"):
        if page.is_file() and page.name != ".manifest.sqlite":
            twin = tmp_path / "b" / page.relative_to(tmp_path / "a")
            assert page.read_bytes() == twin.read_bytes(), page
    store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--base-url", "ftp://x/"], "--base-url must be a path", id="bad-base-url"),
        pytest.param([], "database not found", id="missing-database"),
    ],
)
def test_publish_command_errors_are_one_line(tmp_path, args, message):
    from click.testing import CliRunner

    from vetcli import main

    db = tmp_path / "absent.db"
    result = CliRunner().invoke(main, ["--db", str(db), "publish", "--out", str(tmp_path), *args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_publish_command_builds_incrementally(tmp_path):
    from click.testing import CliRunner

    from vetcli import main

    store = demo_store(tmp_path / "db.sqlite")
    n = store.count_suppliers()
    store.close()
    out = tmp_path / "public"
    run = ["--db", str(tmp_path / "db.sqlite"), "publish", "--out", str(out)]
    first = CliRunner().invoke(main, run)
    assert first.exit_code == 0, first.output
    assert f"{n} suppliers, {n} rendered" in first.output
    second = CliRunner().invoke(main, run)
    assert f"{n} suppliers, 0 rendered; wrote 0 files" in second.output
    full = CliRunner().invoke(main, [*run, "--full"])
    assert f"{n} rendered; wrote 0 files" in full.output  # same content: nothing rewritten


def test_full_rebuild_restores_a_deleted_page_without_touching_others(tmp_path):
    store = demo_store(tmp_path / "db", hostile=False)
    out = tmp_path / "public"
    build(store, out)
    lost = out / "suppliers" / f"{HISTORY_ID}.html"
    lost.unlink()
    (out / "static" / "site.css").unlink()
    stats = build(store, out, full=True)
    assert stats.rendered == stats.suppliers
    assert stats.written == 2  # the lost report and the lost stylesheet
    assert lost.is_file() and (out / "static" / "site.css").is_file()
    store.close()
