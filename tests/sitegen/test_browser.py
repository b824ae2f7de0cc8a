"""The built site in headless Chromium, served by a real HTTP server on 127.0.0.1: the index
filters, the coverage calculator answers, no console errors, no external request, and no
dialog fires from hostile scraped text. Saves a screenshot of a report under test-output/."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitegen import publish
from tests.helpers.browserkit import browser_context
from tests.helpers.paths import ROOT, pages_dir
from tests.helpers.site_fixtures import HISTORY_ID, HOSTILE_ID, demo_store

pytestmark = pytest.mark.browser
SCREENSHOT = ROOT / "test-output" / "site-report.png"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site-browser")
    store = demo_store(tmp / "vetting.db", real_pages=pages_dir())
    publish(store, tmp / "public")
    store.close()
    handler = functools.partial(QuietHandler, directory=str(tmp / "public"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", tmp
    finally:
        server.shutdown()
        server.server_close()


class Watch:
    """Console errors, uncaught exceptions, dialogs and requests leaving 127.0.0.1."""

    def __init__(self, context, base: str):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.external: list[str] = []
        self.base = base

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                self.external.append(r.request.url)
                r.abort()

        context.route("**/*", route)

    def page(self, context):
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        return page

    def assert_clean(self):
        assert self.errors == []
        assert self.dialogs == []
        assert self.external == []


@pytest.fixture
def browser(served, tmp_path):
    base, _ = served
    with browser_context(tmp_path / "profile") as context:
        watch = Watch(context, base)
        yield watch, watch.page(context), base


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#suppliers tbody tr:not([hidden]) small", "els => els.map(e => e.textContent)"
    )


def test_index_filters_sort_and_search(browser, served):
    watch, page, base = browser
    rows = json.loads((served[1] / "public" / "suppliers.json").read_text())

    def expect(keep) -> list[str]:
        return sorted(r["supplier_id"] for r in rows if keep(r))

    page.goto(base + "index.html")
    page.wait_for_selector("#filters:not([hidden])")
    assert sorted(visible_ids(page)) == expect(lambda r: True)

    page.fill("#q", "history trading")
    assert visible_ids(page) == [HISTORY_ID]
    page.fill("#q", "")

    for value in ("10000", "20000", "46000"):
        page.fill("#f-order", value)  # unknown limits are never shown as covering the order
        assert sorted(visible_ids(page)) == expect(
            lambda r, v=float(value): (
                r["ta_limit"] is not None and r["ta_limit_currency"] == "USD" and r["ta_limit"] >= v
            )
        )
    page.fill("#f-order", "")

    for choice, wanted in (("yes", True), ("no", False), ("unknown", None)):
        page.select_option("#f-verified", choice)
        assert sorted(visible_ids(page)) == expect(lambda r, w=wanted: r["verified"] is w)
        page.select_option("#f-verified", "")
        page.select_option("#f-ta", choice)
        assert sorted(visible_ids(page)) == expect(lambda r, w=wanted: r["trade_assurance"] is w)
        page.select_option("#f-ta", "")
    page.select_option("#f-grade", "B")
    assert sorted(visible_ids(page)) == expect(lambda r: r["grade"] == "B")
    page.select_option("#f-grade", "")
    assert "of" in page.text_content("#count")

    page.click("#suppliers thead th:nth-child(4) button")  # TA limit, ascending
    assert page.get_attribute("#suppliers thead th:nth-child(4)", "aria-sort") == "ascending"
    limits = page.eval_on_selector_all(
        "#suppliers tbody tr", "rows => rows.map(r => r.cells[3].dataset.value)"
    )
    known = [float(v) for v in limits if v]
    assert known == sorted(known) and limits[: len(known)] == [v for v in limits if v]
    watch.assert_clean()


def test_calculator_answers(browser):
    watch, page, base = browser
    page.goto(base + f"suppliers/{HISTORY_ID}.html")
    page.wait_for_selector("#calc:not([hidden])")
    page.fill("#c-value", "25000")
    out = page.locator("#c-out")
    assert "Covered: 10,000 USD. Not covered: 15,000 USD." in out.text_content()
    assert page.locator("#c-out [data-code=ORDER_ABOVE_COVERAGE]").count() == 1
    page.fill("#c-deposit", "30%")
    page.select_option("#c-coverage", "pre-shipment")
    assert "Covered: 7,500 USD. Not covered: 17,500 USD." in out.text_content()
    page.fill("#c-value", "-5")
    assert "Order value:" in out.text_content()
    page.select_option("#c-coverage", "post-delivery")
    page.fill("#c-deposit", "")
    page.fill("#c-value", "25000")
    page.select_option("#c-payment", "off-platform")
    assert "Not covered: 25,000 USD." in out.text_content()
    page.emulate_media(media="print")  # the print stylesheet hides navigation and controls
    assert not page.is_visible("header.site") and not page.is_visible("#calc")
    assert page.is_visible("table.signals")
    page.emulate_media(media="screen")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    watch.assert_clean()


def test_no_console_error_on_any_page(browser, served):
    watch, page, base = browser
    _, tmp = served
    out = tmp / "public"
    for path in sorted(out.rglob("*.html")):
        page.goto(base + path.relative_to(out).as_posix())
    page.goto(base + "404.html")  # its asset links are root-relative
    watch.assert_clean()


def test_hostile_payloads_never_run(browser):
    watch, page, base = browser
    for url in ("index.html", f"suppliers/{HOSTILE_ID}.html", "methodology.html"):
        page.goto(base + url)
        page.wait_for_load_state("load")
        # every link the page offers: none may carry a script scheme
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.protocol)")
        assert set(hrefs) <= {"http:", "https:"}
    page.goto(base + f"suppliers/{HOSTILE_ID}.html")
    title = page.title()
    assert title.startswith("<img src=x onerror=alert('img')> Co.")
    page.fill("#c-value", "1000")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    watch.assert_clean()
