"""Output people read: values in plain words (CLI and site alike), the Gold reminder once per
page, methodology without code markup, a history chart only for signals seen twice or more."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import publish
from sitegen.views import history_view
from tests.helpers.site_fixtures import EXAMPLES, HISTORY_ID, demo_store
from vetcli import main
from vetting.display import amount, fmt_value, label, moment, money, number, tri
from vetting.scoring import GOLD_REMINDER

# Text a reader must never see: Python literals, float noise, literal code markup.
RAW_PYTHON = re.compile(r"\b(True|False|None)\b|\['|\{'")
FLOAT_NOISE = re.compile(r"\d\.\d{5,}")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(12000, "12,000", id="int-grouped"),
        pytest.param(3827.3700000000003, "3,827.37", id="float-noise"),
        pytest.param(97.5, "97.5", id="one-decimal-kept"),
        pytest.param(4.0, "4", id="whole-float"),
        pytest.param(0, "0", id="zero-is-known"),
    ],
)
def test_number(value, shown):
    assert number(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(12000, "12,000", id="whole"),
        pytest.param(81234.5, "81,234.50", id="to-the-cent"),
        pytest.param(3827.3700000000003, "3,827.37", id="noise"),
        pytest.param("1234567.891", "1,234,567.89", id="decimal-text"),
    ],
)
def test_amount(value, shown):
    assert amount(value) == shown


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        pytest.param("verified", True, "yes", id="true"),
        pytest.param("verified", False, "no", id="false"),
        pytest.param("verified", None, "unknown", id="none-is-unknown"),
        pytest.param("ta_limit", {"amount": 46000, "currency": "USD"}, "46,000 USD", id="money"),
        pytest.param(
            "transactions",
            {"amount": 3827.3700000000003, "currency": "USD", "count": 1, "window_months": 6},
            "3,827.37 USD, 1 transaction in 6 months",
            id="transactions",
        ),
        pytest.param("transactions", {"amount": None, "count": 5}, "5 transactions", id="count"),
        pytest.param("main_products", ["nets", True], "nets, yes", id="list"),
        pytest.param("response_time", 5.0, "within 5 h", id="hours"),
    ],
)
def test_values_have_no_python_literals(name, value, shown):
    assert fmt_value(name, value) == shown
    assert not RAW_PYTHON.search(shown) and not FLOAT_NOISE.search(shown)


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        pytest.param("2026-12-01T21:49:31+00:00", "2026-12-01 21:49 UTC", id="utc"),
        pytest.param("2026-12-01T21:49:31Z", "2026-12-01 21:49 UTC", id="zulu"),
        pytest.param("2026-12-01T21:49:31+08:00", "2026-12-01 21:49 +0800", id="offset"),
        pytest.param("2026-12-01", "2026-12-01", id="date-only"),
        pytest.param("yesterday", "yesterday", id="not-a-date-shown-as-is"),
        pytest.param(None, "unknown", id="none"),
    ],
)
def test_moment(stamp, shown):
    assert moment(stamp) == shown


def test_labels_and_tri():
    assert label("years_on_alibaba") == "Years on Alibaba"
    assert label("gold_years") == "Gold Supplier years"
    assert money(None) == "unknown" and tri(None) == "unknown" and tri(False) == "no"


def test_history_charts_only_signals_seen_twice():
    once = [{"name": "rating", "value": 4.7, "observed_at": "2026-01-01T00:00:00"}]
    twice = once + [{"name": "rating", "value": 4.9, "observed_at": "2026-02-01T00:00:00"}]
    flag = [{"name": "verified", "value": True, "observed_at": "2026-01-01T00:00:00"}]
    view = history_view(once + flag)
    assert view["lines"] == [] and view["flags"] == []
    assert view["single"] == ["Rating", "Verified"]
    view = history_view(twice + flag)
    assert [line["label"] for line in view["lines"]] == ["Rating"]
    assert view["single"] == ["Verified"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("readable")
    store = demo_store(tmp / "vetting.db", hostile=False)
    publish(store, tmp / "public", base_url="https://reports.example.org/")
    store.close()
    return tmp / "public"


def _text(html: str) -> str:
    """Visible text, roughly: no tags, no attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_every_page_reads_as_words(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = _text(page.read_text(encoding="utf-8"))
        assert not RAW_PYTHON.search(text), (page.name, RAW_PYTHON.search(text))
        assert not FLOAT_NOISE.search(text), (page.name, FLOAT_NOISE.search(text))
        assert "`" not in text, page.name
        assert text.count(GOLD_REMINDER) <= 1, page.name


def test_gold_supplier_report_states_the_reminder_exactly_once(site):
    gold = [p for p in (site / "suppliers").glob("*.html") if "Gold Supplier" in p.read_text()]
    assert gold
    for page in gold:
        html = page.read_text()
        if '<th scope="row">Gold Supplier</th><td>yes' in html:
            assert html.count(GOLD_REMINDER) == 1, page.name


def test_methodology_names_values_not_variables(site):
    text = _text((site / "methodology.html").read_text())
    assert "at least 5 years on Alibaba" in text
    assert "on-time delivery below 90%" in text
    assert "established_years years" not in text


def test_history_section_is_one_sentence_for_a_single_check(site):
    single = (site / "suppliers" / "900000001.html").read_text()
    section = single[single.index('id="hist-h"') :].split("</section>")[0]
    assert "<svg" not in section and "One observation so far" in section
    history = (site / "suppliers" / f"{HISTORY_ID}.html").read_text()
    section = history[history.index('id="hist-h"') :].split("</section>")[0]
    assert "<svg" in section  # a signal seen several times is drawn


def test_vet_show_prints_words(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    pages = [str(p) for p in sorted(EXAMPLES.glob("*.html"))]
    assert runner.invoke(main, ["--db", db, "import", *pages]).exit_code == 0
    out = runner.invoke(main, ["--db", db, "show", "900000001"]).output
    assert "Years on Alibaba" in out and "Trade Assurance mark   yes" in out
    assert not RAW_PYTHON.search(out) and not FLOAT_NOISE.search(out)
