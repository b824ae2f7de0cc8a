"""The extension on its own (issue 13's "done when"): headless Chromium, NO server configured or
running. It reads the real pages, scores locally, remembers across pages, shows today's cards
(2026 product search from the real offer blob, AI-mode supplier cards) and the blocked notice,
and sends nothing to any host but the page's.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.browserkit import browser_context
from tests.helpers.extension_build import test_extension
from tests.helpers.extension_pages import pages_2026_dir, script_page
from tests.helpers.fictional_pages import AI_CARD, AI_CARD_STATES
from vetcli.pageserver import serve_pages

pytestmark = pytest.mark.browser

HOST_RULES = "MAP *.alibaba.com 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
BADGE = "supplier-vetting-badge"
DONE = "html[data-supplier-vetting-badges]"
JINQI = "/product-detail/x_1600336045319.html"
SEARCH_BLOB = "2026-09_product-search_cid44.sse10_offer_list.json"
AI_CAPTURE = "2026-09_supplier-search-ai_caps.capture.json"
READ_BADGES = """() => [...document.querySelectorAll('supplier-vetting-badge')].map(h => ({
  key: h.dataset.supplier, grade: h.dataset.grade, uncovered: h.dataset.uncovered ?? null,
  remembered: h.dataset.remembered ?? null,
  kind: h.closest('[data-supplier-vetting]')?.getAttribute('data-supplier-vetting') ?? null,
  lines: [...h.shadowRoot.querySelectorAll('button .line')].map(s => s.textContent),
  details: [...h.shadowRoot.querySelectorAll('.details li')].map(li => li.textContent)}))"""
READ_PANEL = """() => { const p = document.querySelector('supplier-vetting-panel');
  return p ? [...p.shadowRoot.querySelectorAll('li')].map(li => ({key: li.dataset.supplier,
    remembered: li.dataset.remembered ?? null, text: li.textContent})) : null; }"""
READ_NOTICE = """() => { const n = document.querySelector('supplier-vetting-notice');
  return n ? n.shadowRoot.textContent : null; }"""
UNMATCHED_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div class="zz-new-card" data-x="1"><a href="https://acme-demo.en.alibaba.com/?token=secret123">
Acme Demo (fictional)</a><span>Jane Buyer</span></div></body></html>"""
VERIFY_PAGE = """<!doctype html><html><head><title>verify (fictional)</title></head><body>
<script>var u = "/_____tmd_____/verify/?nc_token=demo&x5step=2";</script></body></html>"""


def offer_cards(blob: dict) -> str:
    """One card per offer, as the page renders them from the blob: product link + storefront."""
    cards = []
    for offer in blob["offerResultData"]["offers"]:
        product = f'<a href="{offer["productUrl"]}">product</a>'
        store = f'<div><a href="{offer["supplierHref"]}">supplier</a></div>'
        cards.append(f'<div class="fy26-card">{product}{store}</div>')
    return "".join(cards)


@pytest.fixture(scope="module")
def made_pages(tmp_path_factory) -> Path:
    """Pages built for these tests, named so the page server routes them."""
    folder = tmp_path_factory.mktemp("made")
    blob_file = pages_2026_dir() / SEARCH_BLOB
    if blob_file.is_file():
        blob_text = blob_file.read_text(encoding="utf-8")
        page = script_page(
            "window.__page__data_sse10._offer_list = ",
            blob_text,
            offer_cards(json.loads(blob_text)),
        )
        (folder / "2026-09_product-search_sse10-cid44.html").write_text(page, encoding="utf-8")
    cards = [AI_CARD]
    capture = pages_2026_dir() / AI_CAPTURE
    if capture.is_file():
        cards += list(json.loads(capture.read_text(encoding="utf-8")).get("cardSamples") or [])
    body = "".join(
        f"<section>{c if isinstance(c, str) else c.get('html', '')}</section>" for c in cards
    )
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"></head>'
    ai = f"{head}<body>{body}</body></html>"
    (folder / "2026-09_product-search_ai-mode-suppliers.html").write_text(ai, encoding="utf-8")
    (folder / "2026-09_product-detail_verify-demo_1600000000001.html").write_text(VERIFY_PAGE)
    (folder / "2026-09_product-search_unmatched-cards.html").write_text(UNMATCHED_PAGE)
    write_big_pages(folder)  # before the page server starts: it routes the files it finds
    return folder


@pytest.fixture(scope="module")
def site(real_pages: Path, made_pages: Path):
    with serve_pages([real_pages, made_pages]) as (port, _routes):
        yield port


@pytest.fixture(scope="module")
def browser(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
    ext = test_extension(tmp_path_factory.mktemp("ext") / "extension")
    with browser_context(tmp_path_factory.mktemp("profile"), ext, HOST_RULES) as context:
        requests: list[tuple[str, str, bool]] = []
        context.on(
            "request",
            lambda r: requests.append((r.url, r.resource_type, r.service_worker is not None)),
        )
        sw = (
            context.service_workers[0]
            if context.service_workers
            else context.wait_for_event("serviceworker", timeout=20000)
        )
        yield context, sw, requests


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(DONE, state="attached", timeout=20000)
    return page


def poll(page, predicate: str, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        page.wait_for_timeout(50)


def test_out_of_the_box_no_server_is_configured(browser):
    _context, sw, _requests = browser
    settings = sw.evaluate(
        "() => chrome.storage.local.get('settings').then(r => r.settings ?? null)"
    )
    assert settings is None or not settings.get("apiBase")


def test_product_page_grade_ta_limit_and_uncovered_amount_without_a_server(browser, site):
    context, sw, _requests = browser
    page = open_page(context, f"http://www.alibaba.com:{site}{JINQI}")
    page.locator(f"{BADGE} button.badge").click()  # the details open on demand
    [badge] = page.evaluate(READ_BADGES)
    assert badge["key"] == "259052175"
    assert badge["grade"] in {"A", "B", "C", "D", "F"}
    assert badge["lines"][0] == "TA ✓ $10,000"
    assert any("product page, seen 2022-09-02" in d for d in badge["details"]), badge["details"]
    sw.evaluate("() => chrome.storage.local.set({order: {value: '25000', currency: 'USD'}})")
    try:
        page.wait_for_selector(f"{BADGE}[data-uncovered]", state="attached", timeout=10000)
        [badge] = page.evaluate(READ_BADGES)
        assert Decimal(badge["uncovered"]) == Decimal("15000")
        assert badge["lines"][-1] == "⚠ $15,000 uncovered"
    finally:
        sw.evaluate("() => chrome.storage.local.remove('order')")


def test_profile_values_are_remembered_on_the_supplier_search(browser, site):
    context, _sw, _requests = browser
    open_page(context, f"http://apdingtai.en.alibaba.com:{site}/company_profile.html")
    page = open_page(
        context, f"http://www.alibaba.com:{site}/trade/search?SearchText=plastic+nets&tab=supplier"
    )
    rows = {row["key"]: row for row in page.evaluate(READ_PANEL)}
    row = rows["262055980"]
    assert "TA ✓ limit unknown" in row["text"]  # the search JSON has no TA field; the profile does
    assert "verified (SGS Group)" in row["text"]
    assert row["remembered"] == "true"
    assert "remembered: supplier profile" in row["text"]
    others = [r for k, r in rows.items() if k != "262055980"]
    assert others and all("TA unknown" in r["text"] for r in others)
    assert all(r["remembered"] is None for r in others)


def test_2026_product_search_cards_from_the_real_offer_blob(browser, site):
    context, _sw, _requests = browser
    blob_file = pages_2026_dir() / SEARCH_BLOB
    if not blob_file.is_file():
        pytest.skip(f"{blob_file} not found (set ALIBABA_PAGES_2026)")
    offers = json.loads(blob_file.read_text())["offerResultData"]["offers"]
    page = open_page(context, f"http://www.alibaba.com:{site}/trade/search?SearchText=sse10+cid44")
    badges = page.evaluate(READ_BADGES)
    assert len(badges) == len(offers)  # one badge on every card
    assert [b["key"] for b in badges] == [o["companyId"] for o in offers]
    assert {b["kind"] for b in badges} == {"search-2026"}
    by_key = {b["key"]: b for b in badges}
    for offer in offers:  # Gold years show although the blob states no Gold flag
        years = int(offer["goldSupplierYears"].split()[0])
        assert any(
            line.startswith(f"Gold {years} yr") for line in by_key[offer["companyId"]]["lines"]
        )


def test_ai_mode_supplier_cards(browser, site):
    context, sw, _requests = browser
    page = open_page(
        context, f"http://www.alibaba.com:{site}/trade/search?SearchText=ai+mode+suppliers"
    )
    badges = page.evaluate(READ_BADGES)
    mine = [b for b in badges if b["key"] == "987654321"]
    assert len(mine) == 1, badges  # the trustpass-only card gets its badge
    assert mine[0]["kind"] == "ai-supplier-2026"
    assert "Gold 4 yrs" in mine[0]["lines"][1]
    # What the card's text states is read as the Python parser reads it, and remembered.
    record = sw.evaluate("() => chrome.storage.local.get('mem:s:987654321')")["mem:s:987654321"]
    stated = {name: s["value"] for name, s in record["signals"].items()}
    assert stated == AI_CARD_STATES  # tests/scrapers/test_ai_mode.py: the Python parser's too
    capture = pages_2026_dir() / AI_CAPTURE
    samples = json.loads(capture.read_text()).get("cardSamples") if capture.is_file() else None
    if not samples:
        pytest.skip(
            f"{capture.name} holds no cardSamples markup in this copy; fixture card checked"
        )
    assert len(badges) == 1 + len(samples)


@pytest.mark.parametrize(
    "path",
    ["/punish?x5secdata=saved", "/product-detail/verify-demo_1600000000001.html"],
    ids=["2024-punish", "verify"],
)
def test_blocked_pages_show_the_notice_and_read_nothing(browser, site, path):
    context, sw, _requests = browser
    page = context.new_page()
    page.goto(f"http://www.alibaba.com:{site}{path}")
    page.wait_for_selector("html[data-supplier-vetting-blocked]", state="attached", timeout=20000)
    assert page.evaluate(READ_NOTICE) == "Alibaba is showing a verification page: nothing read"
    assert page.locator(BADGE).count() == 0


def test_nothing_was_sent_to_any_host_but_the_pages(browser):
    _context, sw, requests = browser
    assert sw.evaluate("() => globalThis.supplierVettingStats.requests") == 0
    assert len(requests) > 20  # the listener sees the pages' own loads
    # Scripted requests (the saved pages' own scripts are blocked by the page server's CSP, so
    # any would be the extension's) and anything the worker fetched: none at all.
    scripted = [
        (url, kind)
        for url, kind, from_worker in requests
        if (kind in {"fetch", "xhr", "websocket", "eventsource", "ping"} or from_worker)
        and not url.startswith("chrome-extension://")
    ]
    assert scripted == []
    foreign = {url.split("/")[2] for url, _, _ in requests if url.startswith("http")}
    assert all(
        host.split(":")[0].endswith("alibaba.com") or "alicdn" in host for host in foreign
    ), foreign


def ai_card(i: int) -> str:
    return (
        f'<div data-supplier-card="true" data-dot-params=\'{{"companyId":"{700000000 + i}"}}\'>'
        f'<span title="Bulk Demo {i} (fictional)">Bulk Demo {i}</span>'
        f'<div data-supplier-card-gold-years="true">{1 + i % 20} yrs</div></div>'
    )


BIG_SELLER = {
    "companyId": 910000001,
    "companyName": "Huge Page Demo Co. (fictional)",
    "baoAccountIsDisplayAssurance": True,
    "baoAccountIsService": True,
    "baoAccountAmount": "7,000",
}


def write_big_pages(made_pages: Path) -> Path:
    cards = "".join(ai_card(i) for i in range(5000))
    (made_pages / "2026-09_product-search_five-thousand-cards.html").write_text(
        f"<!doctype html><html><head><meta charset='utf-8'></head><body>{cards}</body></html>"
    )
    filler = "window.detailData = " + json.dumps({"x": "y" * (50 * 1024 * 1024)})
    small = json.dumps({"globalData": {"seller": BIG_SELLER}})
    page = (
        "<!doctype html><html><head><meta charset='utf-8'></head><body>"
        '<div class="module_unifed_company_card"><a class="company-name" href="#">x</a></div>'
        f"<script>{filler}</script><script>window.detailData = {small};</script></body></html>"
    )
    (made_pages / "2026-09_product-detail_huge-page_1600000000002.html").write_text(page)
    return made_pages


MEASURES = """() => performance.getEntriesByType('measure')
  .filter(m => m.name.startsWith('supplier-vetting:')).map(m => m.duration)"""


def test_5000_cards_are_badged_in_chunks(browser, site):
    context, _sw, _requests = browser
    page = context.new_page()
    page.goto(f"http://www.alibaba.com:{site}/trade/search?SearchText=five+thousand+cards")
    page.wait_for_selector(
        "html[data-supplier-vetting-badges='5000']", state="attached", timeout=120000
    )
    durations = page.evaluate(MEASURES)
    # Chunked: many short tasks, not one long one (the numbers go to the README via the bench).
    assert len(durations) > 5000 // 250
    print(
        f"5,000 cards: {len(durations)} tasks, longest {max(durations):.0f} ms, "
        f"sum {sum(durations):.0f} ms"
    )
    assert max(durations) < 5000  # generous: the tab is never frozen for seconds


def test_a_50_mb_page_is_read_bounded(browser, site):
    context, _sw, _requests = browser
    page = context.new_page()
    page.goto(
        f"http://www.alibaba.com:{site}/product-detail/huge-page_1600000000002.html",
        timeout=120000,
    )
    page.wait_for_selector(DONE, state="attached", timeout=120000)
    [badge] = page.evaluate(READ_BADGES)
    assert badge["key"] == "910000001"
    assert badge["lines"][0] == "TA ✓ $7,000"  # the 50 MB script was skipped, not parsed
    durations = page.evaluate(MEASURES)
    print(f"50 MB page: overlay main-thread {sum(durations):.0f} ms")
    assert max(durations) < 5000


def test_compare_view_keyboard_sort_unknown_and_tsv(browser, site):
    context, sw, _requests = browser
    open_page(context, f"http://www.alibaba.com:{site}{JINQI}")
    open_page(context, f"http://apdingtai.en.alibaba.com:{site}/company_profile.html")
    base = sw.url.split("/src/")[0]
    page = context.new_page()
    page.goto(f"{base}/src/compare/compare.html")
    page.wait_for_selector("html[data-rows]", state="attached")
    rows = page.locator("#rows tr")
    assert rows.count() >= 2
    jinqi = page.locator("#rows tr[data-supplier='259052175']")
    assert "$10,000" in jinqi.text_content()
    apd = page.locator("#rows tr[data-supplier='262055980']")
    assert "yes (SGS Group)" in apd.text_content()
    assert apd.locator("td.unknown").count() >= 1  # no TA limit on a profile: unknown, not "no"
    assert " no " not in f" {apd.locator('td').nth(2).text_content()} "
    # Keyboard: Tab to a column button and press Enter; aria-sort says the order.
    limit = page.locator("th button[data-key='limit']")
    limit.focus()
    page.keyboard.press("Enter")
    assert page.locator("th:has(button[data-key='limit'])").get_attribute("aria-sort") == (
        "ascending"
    )
    limits = page.eval_on_selector_all(
        "#rows tr", "trs => trs.map(tr => tr.children[3].textContent)"
    )
    known = [t for t in limits if t != "unknown"]
    assert "$10,000" in known
    assert limits[: len(known)] == known  # known limits first, unknown last
    amounts = [float(t.strip("$").replace(",", "")) for t in known]
    assert amounts == sorted(amounts)
    page.locator("#tsv").click()
    tsv = page.evaluate("() => document.documentElement.dataset.lastCopy")
    lines = tsv.split("\n")
    assert lines[0].startswith("Supplier ID\tSupplier\tGrade")
    assert len(lines) == rows.count() + 1
    page.locator("#forget").click()
    page.wait_for_selector("html[data-rows='0']", state="attached")


def test_page_structure_for_a_bug_report_when_no_card_matched(browser, site):
    context, sw, _requests = browser
    page = context.new_page()
    page.goto(f"http://www.alibaba.com:{site}/trade/search?SearchText=unmatched+cards")
    page.wait_for_selector(DONE, state="attached", timeout=20000)
    page.bring_to_front()
    structure = sw.evaluate(
        """async () => { const [tab] = await chrome.tabs.query({active: true});
        return chrome.tabs.sendMessage(tab.id, {type: 'page-structure'}); }"""
    )
    assert structure["badges"] == 0
    assert structure["storefrontLinks"] == 1
    assert set(structure["hits"]) >= {"ai-supplier-2026", "search-2022"}
    sample = structure["samples"][0]
    assert 'class="zz-new-card"' in sample and "acme-demo.en.alibaba.com" in sample
    for personal in ("secret123", "Jane Buyer", "Acme Demo"):
        assert personal not in json.dumps(structure)
