"""What a reader sees, in headless Chromium: the index and a report opened straight from disk
(file://, as `vet demo` also offers), screenshotted to test-output/, with the calculator working
without module scripts, and the rendered text free of Python values, float noise, literal
backticks and repeated Gold reminders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen import publish
from tests.helpers.browserkit import browser_context
from tests.helpers.paths import ROOT, pages_dir
from tests.helpers.site_fixtures import demo_store
from vetting.scoring import GOLD_REMINDER

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-output"
RAW_PYTHON = re.compile(r"\b(True|False|None)\b|\['|\{'")
FLOAT_NOISE = re.compile(r"\d\.\d{5,}")
GOLD_ID = "900000001"  # the fictional Gold Supplier of examples/pages


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("readable-browser")
    store = demo_store(tmp / "vetting.db", hostile=False, real_pages=pages_dir())
    publish(store, tmp / "public")
    store.close()
    return tmp / "public"


@pytest.fixture
def page(tmp_path):
    with browser_context(tmp_path / "profile") as context:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        yield page, errors


def assert_readable(text: str, where: str) -> None:
    assert not RAW_PYTHON.search(text), (where, RAW_PYTHON.search(text))
    assert not FLOAT_NOISE.search(text), (where, FLOAT_NOISE.search(text))
    assert "`" not in text, where
    assert text.count(GOLD_REMINDER) <= 1, where


def test_index_from_disk_reads_as_words(site, page):
    tab, errors = page
    tab.goto((site / "index.html").as_uri())
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "site-index-file.png"), full_page=True)
    assert_readable(tab.inner_text("body"), "index")
    assert errors == []


def test_report_from_disk_has_a_working_calculator(site, page):
    tab, errors = page
    tab.goto((site / "suppliers" / f"{GOLD_ID}.html").as_uri())
    tab.wait_for_selector("#calc:not([hidden])", timeout=10_000)  # the script ran on file://
    tab.fill("#c-value", "25000")
    tab.wait_for_selector("#c-out span")
    out = tab.inner_text("#c-out")
    assert out.startswith("Covered: 12,000 USD. Not covered: 13,000 USD.")
    assert "13,000 USD of this order is above the supplier's 12,000 USD" in out
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "site-report-file.png"), full_page=True)
    text = tab.inner_text("body")
    assert_readable(text, "report")
    assert text.count(GOLD_REMINDER) == 1  # a Gold Supplier: stated, once
    assert "Years on Alibaba" in text
    assert errors == []
