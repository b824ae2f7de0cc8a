"""Cross-site scripting end to end: script and event-handler payloads in every scraped text field
travel scraper → database → API → site → overlay, and nowhere does one execute.

The pages are the real saved pages (and the fictional ones of tests/helpers/hostile.py) with the
payload appended to every JSON string, text node and title attribute (tests/helpers/hostile.py),
parsed by
`vet import`. Then, in Debian's headless Chromium: every page of the `vet publish` site, the
API's JSON (and its 404 for a hostile key), and the pages themselves under their Alibaba host
names with the extension's overlay opened on every badge. Page scripts are allowed on those
pages (no CSP), so a handler the overlay let in WOULD run. A dialog, a console message carrying
the marker, or an element the payload would have created, anywhere, fails the test.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import hostile
from tests.helpers.browserkit import browser_context, vet_serve
from tests.helpers.extension_build import test_extension
from tests.helpers.paths import ROOT, pages_dir
from vetcli.pageserver import serve_pages

pytestmark = pytest.mark.browser

EXTENSION = ROOT / "extension"
HOST_RULES = (
    "MAP *.alibaba.com 127.0.0.1, MAP alibaba.com 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
)
MARK = "XSSFIRED"
# One string with every kind of payload: markup, handlers, a script scheme, a quote break-out,
# a script-element break-out and a template expression. No digits: they would change numbers.
PAYLOAD = (
    f"<img src=x onerror=\"alert('{MARK}-img')\">"
    f"<script>alert('{MARK}-script')</script>"
    f"\"><svg onload=console.log('{MARK}-svg')>"
    f"'-alert('{MARK}-quote')-'"
    f"</script><script>console.log('{MARK}-close')</script>"
    f"javascript:alert('{MARK}-scheme')"
    "{{constructor.constructor('alert(document.domain)')()}}"
)
# Elements or attributes the payload would have created if it had been parsed as markup; shadow
# roots (the overlay's) included.
INJECTED = """([mark, overlayOnly]) => { const found = [];
  const note = (el, what) => found.push(el.tagName + what);
  const visit = (root) => { for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') note(el, '[src=x]');
      for (const a of el.attributes) {
        if (a.name.startsWith('on') && a.value.includes(mark)) note(el, '@' + a.name);
        if (/^\\s*javascript:/i.test(a.value)) note(el, '@' + a.name + '=javascript:');
      }
      if (el.tagName === 'SCRIPT' && el.textContent.includes(mark)) note(el, '');
      if (el.shadowRoot) visit(el.shadowRoot);
  } };
  // The saved pages carry their own javascript: links and the payload in their data scripts:
  // on them only what the overlay added is judged (its elements and their shadow roots).
  const roots = overlayOnly ? [...document.querySelectorAll(
    'supplier-vetting-badge, supplier-vetting-panel')] : [document];
  for (const r of roots) { visit(r); if (r.shadowRoot) visit(r.shadowRoot); }
  return found; }"""
DONE = "html[data-supplier-vetting-badges]"
OVERLAY_WAIT_MS = 5000  # pages the overlay has nothing for never get the done marker
OPEN_EVERY_BADGE = """async () => { const badges = [...document.querySelectorAll(
    'supplier-vetting-badge')];
  for (const b of badges.slice(0, 25)) { b.shadowRoot.querySelector('button')?.click();
    await new Promise(r => setTimeout(r, 20)); }
  return badges.length; }"""


def _strip_page_scripts(html: str) -> str:
    """The saved pages' own scripts, except the data assignments the parsers and the overlay read
    (those stay, and run: JSON with ``<`` escaped is inert)."""

    def keep(match: re.Match) -> str:
        body = match.group(0)
        return body if any(marker in body for marker in hostile.JSON_MARKERS) else ""

    return re.sub(r"<script\b.*?</script>", keep, html, flags=re.S | re.I)


FICTIONAL_NAMES = {  # names the page server routes under Alibaba host names
    "fictional-detail-2022": "2022_product-detail_xss-demo_1600900000044.html",
    "fictional-search-2022": "2022_product-search_xssnets.html",
    "fictional-profile-2024": "2024_supplier-profile_demo-lighting.html",
    "fictional-fragment-2026": "2026_product-detail-fragment_xss-lamp_1600900000055.html",
}


@pytest.fixture(scope="module")
def xss_pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("xss-pages")
    for name, (html, _url) in hostile.fictional_pages().items():
        (folder / FICTIONAL_NAMES[name]).write_text(hostile.payload_everywhere(html, PAYLOAD))
    real = pages_dir()
    if (real / "EXPECTED.jsonl").is_file():
        for path in sorted(real.glob("*.html")):
            html = _strip_page_scripts(path.read_bytes().decode("utf-8", errors="replace"))
            (folder / path.name).write_text(hostile.payload_everywhere(html, PAYLOAD))
    return folder


@pytest.fixture(scope="module")
def database(xss_pages: Path, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("xss-db") / "vetting.db"
    vet = Path(sys.executable).with_name("vet")
    done = subprocess.run(
        [str(vet), "--db", str(db), "import", *map(str, sorted(xss_pages.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert " ok " in done.stdout, done.stdout + done.stderr
    return db


class Watch:
    """Dialogs, and console messages carrying the marker, on every page of a context."""

    def __init__(self) -> None:
        self.fired: list[str] = []

    def page(self, context):
        page = context.new_page()
        page.on("dialog", lambda d: (self.fired.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("console", lambda m: MARK in m.text and self.fired.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: MARK in str(e) and self.fired.append(f"error: {e}"))
        return page


def _check(page, where: str, watch: Watch, overlay_only: bool = False) -> None:
    page.wait_for_timeout(100)
    injected = page.evaluate(INJECTED, [MARK, overlay_only])
    assert injected == [], f"{where}: {injected}"
    assert watch.fired == [], f"{where}: {watch.fired}"


def test_payloads_are_stored_verbatim(database):
    """The scraper keeps the text as data (escaping is each renderer's job, tested below)."""
    import sqlite3

    conn = sqlite3.connect(database)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM suppliers")]
        raws = conn.execute("SELECT count(*) FROM signals WHERE raw LIKE ?", [f"%{MARK}%"])
        titles = conn.execute("SELECT count(*) FROM listings WHERE title LIKE ?", [f"%{MARK}%"])
        counts = raws.fetchone()[0], titles.fetchone()[0]
    finally:
        conn.close()
    assert names and all(name and name.endswith(PAYLOAD) for name in names), names
    assert counts[0] > 0 and counts[1] > 0, counts


def test_api_returns_payloads_as_json_data_and_they_do_not_run(database, tmp_path):
    with vet_serve(database) as base:
        ids = [r["supplier_id"] for r in _export(database)]
        for sid in ids:
            with urllib.request.urlopen(f"{base}/api/v1/suppliers/{sid}") as resp:
                assert resp.headers["Content-Type"].startswith("application/json")
                doc = json.load(resp)
            assert doc["name"].endswith(PAYLOAD)
        hostile_key = urllib.request.quote(PAYLOAD[:60], safe="")
        urls = [f"{base}/api/v1/suppliers/{sid}" for sid in ids[:5]]
        urls += [f"{base}/api/v1/suppliers/{hostile_key}", f"{base}/api/v1/suppliers?q={MARK}"]
        watch = Watch()
        with browser_context(tmp_path / "profile") as context:
            page = watch.page(context)
            for url in urls:
                page.goto(url)
                _check(page, url, watch)


def _export(database: Path) -> list[dict]:
    vet = Path(sys.executable).with_name("vet")
    out = subprocess.run(
        [str(vet), "--db", str(database), "export"], capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_site_pages_show_payloads_as_text(database, tmp_path):
    out = tmp_path / "public"
    vet = Path(sys.executable).with_name("vet")
    subprocess.run([str(vet), "--db", str(database), "publish", "--out", str(out)], check=True)
    handler = functools.partial(_Quiet, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    watch = Watch()
    seen_payload = 0
    try:
        with browser_context(tmp_path / "profile") as context:
            page = watch.page(context)
            for path in sorted(out.rglob("*.html")):
                page.goto(base + path.relative_to(out).as_posix())
                _check(page, path.name, watch)
                seen_payload += MARK in page.evaluate("() => document.body.innerText")
    finally:
        server.shutdown()
        server.server_close()
    assert seen_payload >= 2  # the payload is shown (as text) on the index and report pages


def test_overlay_renders_payloads_as_text(database, xss_pages, tmp_path):
    watch = Watch()
    badges = 0
    with vet_serve(database) as api, serve_pages([xss_pages], page_scripts=True) as (port, routes):
        # The test build: http matches for the saved pages, the test API's origin granted.
        ext = test_extension(tmp_path / "ext", api_origins=("http://127.0.0.1/*",))
        with browser_context(tmp_path / "profile", ext, HOST_RULES) as context:
            sw = context.service_workers[0] if context.service_workers else None
            sw = sw or context.wait_for_event("serviceworker", timeout=20000)
            sw.evaluate("(api) => chrome.storage.local.set({settings: {apiBase: api}})", api)
            page = watch.page(context)
            for route in routes.values():
                if "punish" in route.target:
                    continue
                url = f"http://{route.host}:{port}{route.target}"
                page.goto(url)
                try:
                    page.wait_for_selector(DONE, state="attached", timeout=OVERLAY_WAIT_MS)
                except Exception:  # noqa: BLE001 - a page the overlay has nothing for
                    continue
                badges += page.evaluate(OPEN_EVERY_BADGE)
                panel = page.locator("supplier-vetting-panel button")
                if panel.count():
                    panel.first.click()
                _check(page, url, watch, overlay_only=True)
    assert badges >= 3, "the overlay badged too few cards to prove anything"


def test_the_watch_sees_a_payload_that_runs(tmp_path):
    """The detectors can fail: markup inserted unescaped (as a careless renderer would) fires."""
    watch = Watch()
    with browser_context(tmp_path / "profile") as context:
        page = watch.page(context)
        page.set_content("<main id=m></main>")
        page.evaluate("(p) => { document.getElementById('m').innerHTML = p; }", PAYLOAD)
        page.wait_for_timeout(300)
        assert page.evaluate(INJECTED, [MARK, False]) != []
        page.evaluate(
            "(p) => { const b = document.createElement('supplier-vetting-badge');"
            " b.attachShadow({mode: 'open'}).innerHTML = p; document.body.append(b); }",
            PAYLOAD,
        )
        assert page.evaluate(INJECTED, [MARK, True]) != []
    assert any(MARK in fired for fired in watch.fired), watch.fired
