"""The browser extension end to end: Debian's headless Chromium (Playwright) with the unpacked
extension, the real saved pages served under their Alibaba host names (``--host-resolver-rules``)
and a real ``vet serve`` on a database built by ``vet import`` of those pages.
"""

from __future__ import annotations

import functools
import http.server
import json
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.browserkit import browser_context, free_port, vet_serve
from tests.helpers.extension_build import test_extension
from tests.helpers.paths import ROOT
from vetcli.pageserver import serve_pages

pytestmark = pytest.mark.browser

EXTENSION = ROOT / "extension"
# Alibaba host names go to the page server; every other name fails to resolve.
HOST_RULES = (
    "MAP *.alibaba.com 127.0.0.1, MAP alibaba.com 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
)
BADGE = "supplier-vetting-badge"
PANEL = "supplier-vetting-panel"
DONE = "html[data-supplier-vetting-badges]"
GALLERY = "/trade/search?SearchText=soccer+suit&page=1&viewtype=G"
LIST = "/trade/search?SearchText=art&viewtype=L"
SUPPLIER_SEARCH = "/trade/search?SearchText=plastic+nets&tab=supplier"
PRODUCT_PAGES = [
    pytest.param(
        "2022-09_product-detail_jinqisportswear_1600336045319.html",
        "detail-card-lite-2022",
        id="jinqisportswear-lite-card",
    ),
    pytest.param(
        "2022-09_product-detail_qzdihao_1600534966193.html",
        "detail-card-2022",
        id="qzdihao-full-card",
    ),
    pytest.param(
        "2022-09_product-detail_honestvalue_1600312248685.html",
        "detail-card-lite-2022",
        id="honestvalue",
    ),
    pytest.param(
        "2022-09_product-detail_dinghongcraft_60345754188.html",
        "detail-card-lite-2022",
        id="dinghongcraft-11-digit-product",
    ),
]
HOSTILE_ID = "900000666"
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Evil Co.'
HOSTILE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile test page (fictional)</title></head>
<body><div class="module_unifed_company_card"><a class="company-name"
 href="https://hostile-demo.en.alibaba.com/company_profile.html">Evil Co.</a></div>
<script>
window.detailData = %s;
</script></body></html>
"""

# Badge state read from the page: host data attributes and the visible button text.
READ_BADGES = """() => [...document.querySelectorAll('supplier-vetting-badge')].map(h => ({
  key: h.dataset.supplier, status: h.dataset.status, grade: h.dataset.grade, tone: h.dataset.tone,
  uncovered: h.dataset.uncovered ?? null,
  kind: h.closest('[data-supplier-vetting]')?.getAttribute('data-supplier-vetting') ?? null,
  text: h.shadowRoot.querySelector('button').textContent,
  lines: [...h.shadowRoot.querySelectorAll('button .line')].map(s => s.textContent)}))"""
READ_PANEL = """() => { const p = document.querySelector('supplier-vetting-panel');
  return p ? [...p.shadowRoot.querySelectorAll('li')].map(li => ({key: li.dataset.supplier,
    status: li.dataset.status, text: li.textContent})) : null; }"""


def hostile_page() -> str:
    seller = {
        "companyId": int(HOSTILE_ID),
        "companyName": HOSTILE_NAME,
        "subDomain": "hostile-demo.en.alibaba.com",
        "accountIsPaidMember": True,
        "baoAccountAmount": "5,000",
        "baoAccountIsDisplayAssurance": True,
        "baoAccountIsService": True,
        "companyJoinYears": "3",
    }
    product = {"productId": 1600999999999, "subject": "Hostile test product (fictional)"}
    data = {"globalData": {"product": product, "seller": seller}}
    return HOSTILE_PAGE % json.dumps(data).replace("</", "<\\/")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "2022_product-detail_hostile-demo_1600999999999.html").write_text(hostile_page())
    return folder


@pytest.fixture(scope="module")
def database(real_pages: Path, hostile_dir: Path, tmp_path_factory) -> Path:
    """A real database: `vet import` of every real page and the hostile page."""
    db = tmp_path_factory.mktemp("db") / "vetting.db"
    vet = Path(sys.executable).with_name("vet")
    pages = sorted(real_pages.glob("*.html")) + sorted(hostile_dir.glob("*.html"))
    done = subprocess.run(
        [str(vet), "--db", str(db), "import", *map(str, pages)], capture_output=True, text=True
    )
    assert "ok" in done.stdout, done.stderr
    return db


API_KEY = "e2e-contributor-key"
# The test API's origin, granted as a user granting the optional host permission would.
API_ORIGIN = "http://127.0.0.1/*"


@pytest.fixture(scope="module")
def api(database: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VETTING_API_KEYS", API_KEY)  # read by `vet serve` for POST /captures
        with vet_serve(database) as base:
            yield base


@pytest.fixture(scope="module")
def static_site(database: Path, tmp_path_factory):
    """`vet publish` output (with its JSON mirror) served over HTTP on 127.0.0.1."""
    out = tmp_path_factory.mktemp("public")
    vet = Path(sys.executable).with_name("vet")
    subprocess.run([str(vet), "--db", str(database), "publish", "--out", str(out)], check=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pages(real_pages: Path):
    with serve_pages([real_pages]) as (port, _routes):
        yield f"http://www.alibaba.com:{port}", port


@pytest.fixture(scope="module")
def hostile_pages(hostile_dir: Path):
    # Page scripts allowed (no CSP): an injected handler WOULD run here if the badge let it in.
    with serve_pages([hostile_dir], page_scripts=True) as (port, _routes):
        yield f"http://www.alibaba.com:{port}"


def worker(context):
    workers = context.service_workers
    return workers[0] if workers else context.wait_for_event("serviceworker", timeout=20000)


@pytest.fixture(scope="module")
def ext_dir(tmp_path_factory) -> Path:
    return test_extension(tmp_path_factory.mktemp("ext") / "extension", api_origins=(API_ORIGIN,))


@pytest.fixture(scope="module")
def browser(api: str, tmp_path_factory, ext_dir):
    """Chromium with the extension, pointed at the real API; yields (context, worker)."""
    with browser_context(tmp_path_factory.mktemp("profile"), ext_dir, HOST_RULES) as context:
        sw = worker(context)
        sw.evaluate("(api) => chrome.storage.local.set({settings: {apiBase: api}})", api)
        yield context, sw


def api_doc(api: str, key: str, **params: str) -> dict | None:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    try:
        with urllib.request.urlopen(f"{api}/api/v1/suppliers/{key}?{query}") as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return None
        raise


EVERY_BADGE_HAS_ORDER_LINE = """() => [...document.querySelectorAll('supplier-vetting-badge')]
  .every(b => /order|uncovered/.test(b.shadowRoot.querySelector('button').textContent))"""


def poll(page, predicate: str, timeout_s: float = 10.0) -> None:
    """Wait until ``predicate`` is true. (Playwright's wait_for_function needs eval, which the
    page server's CSP forbids; page.evaluate does not.)"""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        page.wait_for_timeout(50)


def requests_made(sw, field: str = "requests"):
    """The worker's own count of network requests (or another of its stats)."""
    return sw.evaluate("(f) => globalThis.supplierVettingStats[f]", field)


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(DONE, state="attached", timeout=20000)
    return page


def expected_ta_line(doc: dict) -> str:
    ta = doc["signals"]["trade_assurance"]["value"]
    limit = doc["signals"]["ta_limit"]["value"]
    if ta is False:
        return "TA ✗"
    if limit:
        assert limit["currency"] == "USD"
        return f"TA ✓ ${Decimal(str(limit['amount'])):,.0f}"
    return "TA ✓ limit unknown" if ta else "TA unknown"


def test_gallery_every_card_badged_with_the_api_values_in_one_request(browser, pages, api):
    context, sw = browser
    before = requests_made(sw)
    page = open_page(context, pages[0] + GALLERY)
    badges = page.evaluate(READ_BADGES)
    # 49 wrappers in the saved DOM: 48 product cards and one without any supplier in it.
    cards = page.locator(".J-offer-wrapper:has([data-supplierid])").count()
    assert cards == 48
    assert len(badges) == 48
    assert requests_made(sw) - before == 1
    for badge in badges:
        doc = api_doc(api, badge["key"])
        assert doc is not None, badge
        assert badge["status"] == "found", requests_made(sw, "lastError")
        assert badge["grade"] == (doc["score"]["grade"] or "?")
        assert badge["lines"][0] == expected_ta_line(doc)
    # Re-scanning (as infinite scroll would) never adds a second badge to a card.
    page.evaluate("() => document.body.append(document.createElement('div'))")
    page.wait_for_timeout(400)
    assert page.locator(BADGE).count() == 48


def test_infinite_scroll_cards_are_batched_into_one_more_request(browser, pages):
    context, sw = browser
    page = open_page(context, pages[0] + LIST)
    before = requests_made(sw)
    # Two new cards arrive (copies of a card for suppliers not on the page yet): one request.
    page.evaluate(
        """() => { const list = document.querySelector('.organic-list');
        for (const id of ['262055980', '259052175']) {
          const card = document.querySelector('.J-offer-wrapper').cloneNode(true);
          card.removeAttribute('data-supplier-vetting');
          card.querySelectorAll('supplier-vetting-badge').forEach(b => b.remove());
          card.querySelector('[data-supplierid]').setAttribute('data-supplierid', id);
          card.setAttribute('data-params', '');
          list.append(card);
        } }"""
    )
    page.wait_for_selector(f"{BADGE}[data-supplier='259052175']", state="attached", timeout=10000)
    assert page.locator(BADGE).count() == 10
    assert requests_made(sw) - before == 1


def test_list_view_cards_and_the_page_panel_cover_all_21_offers(browser, pages, api, expected):
    context, _sw = browser
    page = open_page(context, pages[0] + LIST)
    badges = page.evaluate(READ_BADGES)
    panel = page.evaluate(READ_PANEL)
    offers = {
        o["company_id"] for o in expected["2022-02_product-search_list-view_art.html"]["offers"]
    }
    assert len(badges) == 8
    assert len(panel) == 13
    assert {b["key"] for b in badges} | {p["key"] for p in panel} == offers
    assert all(p["status"] == "found" for p in panel)
    for badge in badges:
        doc = api_doc(api, badge["key"])
        assert (badge["grade"], badge["lines"][0]) == (
            doc["score"]["grade"] or "?",
            expected_ta_line(doc),
        )


@pytest.mark.parametrize(("file", "kind"), PRODUCT_PAGES)
def test_product_page_supplier_card_shows_the_ta_limit(browser, pages, expected, file, kind):
    context, _sw = browser
    row = expected[file]
    product_id = file.rsplit("_", 1)[1]
    page = open_page(context, f"{pages[0]}/product-detail/any-title_{product_id}")
    [badge] = page.evaluate(READ_BADGES)
    assert badge["key"] == row["company_id"]
    assert badge["kind"] == kind
    assert badge["lines"][0] == f"TA ✓ ${row['ta_limit_usd']:,.0f}"
    assert page.locator(BADGE).first.is_visible()


def test_2026_fragment_company_cards(browser, pages, api):
    context, _sw = browser
    page = open_page(context, f"{pages[0]}/product-detail/x_1600691082191.html")
    badges = page.evaluate(READ_BADGES)
    assert {b["kind"] for b in badges} == {"detail-2026"}
    assert len(badges) == 2  # the company line and the "Know your supplier" card
    doc = api_doc(api, "zhenbenchina")
    for badge in badges:
        assert badge["key"] == "zhenbenchina"
        assert badge["status"] == ("found" if doc else "unknown")
        if doc:
            assert badge["lines"][0] == expected_ta_line(doc)


def test_2024_profile_badge(browser, pages, api):
    context, _sw = browser
    port = pages[1]
    page = open_page(context, f"http://apdingtai.en.alibaba.com:{port}/company_profile.html")
    [badge] = page.evaluate(READ_BADGES)
    doc = api_doc(api, "262055980")
    assert badge["key"] == "262055980"
    assert badge["status"] == "found"
    assert badge["grade"] == (doc["score"]["grade"] or "?")
    assert page.locator(BADGE).is_visible()


def test_2024_supplier_search_panel(browser, pages, expected):
    context, _sw = browser
    page = open_page(context, pages[0] + SUPPLIER_SEARCH)
    panel = page.evaluate(READ_PANEL)
    offers = [
        o["company_id"] for o in expected["2024-09_supplier-search_plastic-nets.html"]["offers"]
    ]
    assert [p["key"] for p in panel] == list(dict.fromkeys(offers))
    assert page.locator(PANEL).locator("section").is_visible()


def test_order_value_in_storage_turns_the_right_badges_red_without_a_request(
    browser, pages, api, expected
):
    context, sw = browser
    gallery = open_page(context, pages[0] + GALLERY)
    detail = open_page(context, f"{pages[0]}/product-detail/x_1600336045319.html")
    before = requests_made(sw)
    sw.evaluate("() => chrome.storage.local.set({order: {value: '25000', currency: 'USD'}})")
    try:
        detail.wait_for_selector(f"{BADGE}[data-uncovered]", state="attached", timeout=10000)
        [badge] = detail.evaluate(READ_BADGES)
        assert badge["tone"] == "danger"
        assert Decimal(badge["uncovered"]) == Decimal("15000")
        assert badge["lines"][-1] == "⚠ $15,000 uncovered"
        poll(gallery, EVERY_BADGE_HAS_ORDER_LINE)
        for badge in gallery.evaluate(READ_BADGES):
            order = api_doc(api, badge["key"], order_value="25000", currency="USD")["order"]
            want = order["uncovered"]
            got = badge["uncovered"]
            assert (got is None) == (want is None), badge
            if want is not None:
                assert Decimal(got) == Decimal(str(want))
                assert (badge["tone"] == "danger") == (want > 0)
        assert requests_made(sw) == before
    finally:
        sw.evaluate("() => chrome.storage.local.remove('order')")


def test_popup_order_and_options_pages(browser, pages, api):
    context, sw = browser
    base = sw.url.split("/src/")[0]
    detail = open_page(context, f"{pages[0]}/product-detail/x_1600534966193.html")
    popup = context.new_page()
    popup.goto(f"{base}/src/popup/popup.html")
    try:
        popup.fill("input[name=value]", "lots")
        popup.click("button[type=submit]")
        assert "positive amount" in popup.text_content("#status")
        popup.fill("input[name=value]", "30,000")
        popup.click("button[type=submit]")
        detail.wait_for_selector(f"{BADGE}[data-uncovered]", state="attached", timeout=10000)
        [badge] = detail.evaluate(READ_BADGES)
        assert Decimal(badge["uncovered"]) == Decimal("10000")  # qzdihao's limit is 20,000
        assert badge["lines"][-1] == "⚠ $10,000 uncovered"
    finally:
        sw.evaluate("() => chrome.storage.local.remove('order')")
    options = context.new_page()
    options.goto(f"{base}/src/options/options.html")
    assert options.input_value("input[name=apiBase]") == api
    assert options.is_checked("input[name=contribute]") is False
    options.fill("input[name=ttlMinutes]", "-3")
    options.click("button[type=submit]")
    assert "cache lifetime" in options.text_content("#status")
    options.fill("input[name=ttlMinutes]", "30")
    options.click("button[type=submit]")
    options.wait_for_function("() => document.getElementById('status').textContent === 'Saved.'")
    stored = sw.evaluate("() => chrome.storage.local.get('settings').then(r => r.settings)")
    assert stored["ttlMinutes"] == 30
    assert stored["apiBase"] == api


def test_hostile_supplier_name_never_executes(browser, hostile_pages):
    context, _sw = browser
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_pages}/product-detail/hostile-demo_1600999999999.html")
    page.wait_for_selector(DONE, state="attached", timeout=20000)
    badge = page.locator(BADGE)
    badge.locator("button.badge").focus()
    page.keyboard.press("Enter")  # keyboard opens the details, which show the name
    details = badge.locator(".details")
    assert details.is_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert HOSTILE_NAME in details.text_content()
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert dialogs == []


def test_api_down_badges_say_offline_page_untouched_then_recover(
    pages, api, tmp_path, real_pages, ext_dir
):
    dead_api = f"http://127.0.0.1:{free_port()}"
    url = f"{pages[0]}/product-detail/x_1600534966193.html"
    count_without_ours = """() => { const c = document.documentElement.cloneNode(true);
      c.querySelectorAll('supplier-vetting-badge, supplier-vetting-panel').forEach(e => e.remove());
      c.querySelectorAll('[data-supplier-vetting]')
        .forEach(e => e.removeAttribute('data-supplier-vetting'));
      c.removeAttribute('data-supplier-vetting');
      return [c.querySelectorAll('*').length, c.textContent.length]; }"""
    with browser_context(tmp_path / "plain", None, HOST_RULES) as plain:
        page = plain.new_page()
        page.goto(url)
        untouched = page.evaluate(count_without_ours)
    with browser_context(tmp_path / "ext", ext_dir, HOST_RULES) as context:
        sw = worker(context)
        sw.evaluate("(api) => chrome.storage.local.set({settings: {apiBase: api}})", dead_api)
        page = open_page(context, url)
        [badge] = page.evaluate(READ_BADGES)
        # Unreachable server: the badge still shows what the page states, with a small note.
        assert badge["status"] == "local"
        assert "server unreachable" in badge["text"]
        assert badge["lines"][0] == "TA ✓ $20,000"
        assert page.evaluate(count_without_ours) == untouched
        # The API comes back: the next batch (a new card) is enriched by it.
        sw.evaluate("(api) => chrome.storage.local.set({settings: {apiBase: api}})", api)
        page.evaluate(
            """() => { const card = document.querySelector('.widget-supplier-card');
            const copy = card.cloneNode(true);
            copy.removeAttribute('data-supplier-vetting');
            copy.querySelectorAll('supplier-vetting-badge').forEach(b => b.remove());
            card.after(copy); }"""
        )
        poll(
            page,
            "() => [...document.querySelectorAll('supplier-vetting-badge')]"
            ".filter(b => b.dataset.status === 'found').length >= 1",
        )


def test_static_site_json_mirror_instead_of_the_api(
    pages, static_site, tmp_path, expected, ext_dir
):
    site, out = static_site
    file = "2022-09_product-detail_qzdihao_1600534966193.html"
    assert (out / "api" / "v1" / "suppliers" / "237563807.json").is_file()
    with browser_context(tmp_path / "ext", ext_dir, HOST_RULES) as context:
        sw = worker(context)
        dead_api = f"http://127.0.0.1:{free_port()}"  # proves the API is not what answers
        settings = {"apiBase": dead_api, "siteBase": site}
        sw.evaluate("(s) => chrome.storage.local.set({settings: s})", settings)
        page = open_page(context, f"{pages[0]}/product-detail/x_1600534966193.html")
        [badge] = page.evaluate(READ_BADGES)
        assert badge["status"] == "found"
        assert badge["lines"][0] == f"TA ✓ ${expected[file]['ta_limit_usd']:,.0f}"
        assert requests_made(sw) == 1


def extension_captures(database: Path) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT url FROM captures WHERE source = 'extension'").fetchall()
    return [url for (url,) in rows]


def test_contribute_is_off_by_default_and_posts_observed_signals_when_on(
    browser, pages, database, api, tmp_path, ext_dir
):
    context, _sw = browser
    open_page(context, f"{pages[0]}/product-detail/x_1600534966193.html")
    assert extension_captures(database) == []  # every test above browsed with the default
    with browser_context(tmp_path / "ext", ext_dir, HOST_RULES) as contributing:
        sw = worker(contributing)
        settings = {"apiBase": api, "contribute": True, "apiKey": API_KEY}
        sw.evaluate("(s) => chrome.storage.local.set({settings: s})", settings)
        url = f"{pages[0]}/product-detail/x_1600534966193.html"
        open_page(contributing, url)
        deadline = time.monotonic() + 10
        while not extension_captures(database):
            assert time.monotonic() < deadline, "no capture was contributed"
            time.sleep(0.1)
    assert extension_captures(database) == [url]
