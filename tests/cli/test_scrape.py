"""`vet scrape`, `vet crawl`, `vet reparse` end to end (network mocked with `responses`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import responses
from click.testing import CliRunner

import vetcli.scrape as scrape_cli
from scrapers.fetch import Fetcher, FetchPolicy
from scrapers.ids import profile_url, search_url
from tests.helpers.crawl_site import PUNISH, QUERY, FakeClock, serve
from tests.helpers.paths import EXAMPLES
from vetcli import main

REAL_FETCHER = scrape_cli._fetcher  # before the autouse fixture swaps in a fake clock


@pytest.fixture(autouse=True)
def fake_time(monkeypatch):
    """The CLI's fetcher on a fake clock (the delay itself is tested in test_scrapers_fetch)."""

    def make(ctx, delay, cache):
        clock = FakeClock()
        return Fetcher(policy=FetchPolicy(min_delay=delay), clock=clock, sleep=clock.sleep)

    monkeypatch.setattr(scrape_cli, "_fetcher", make)


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


@pytest.mark.parametrize(
    "target",
    [
        pytest.param("https://example.com/x", id="other-site"),
        pytest.param("https://www.alibaba.com/help/center", id="unknown-alibaba-page"),
    ],
)
def test_scrape_rejects_non_alibaba_input_in_one_line(db_path, target):
    result = run(db_path, "scrape", target)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert "Traceback" not in result.output


def test_scrape_profile_url_and_then_by_company_id(db_path):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        serve(site)
        first = run(db_path, "scrape", "https://demo-lighting.en.alibaba.com/")
        assert first.exit_code == 0, first.output
        assert "ok supplier-profile-2024 v1 1 supplier(s)" in first.output
        again = run(db_path, "scrape", "900000002")  # the companyId now resolves to its site
        assert again.exit_code == 0, again.output
        assert profile_url("demo-lighting") in again.output


def test_scrape_unknown_company_id_says_what_to_do(db_path):
    result = run(db_path, "scrape", "123456789")
    assert result.exit_code == 1
    assert "no known page for this companyId" in result.output


def test_scrape_blocked_page_is_reported_and_fails(db_path):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        serve(site, profiles={"demo-lighting": [PUNISH]})
        result = run(db_path, "scrape", "demo-lighting")
    assert result.exit_code == 1
    assert "blocked" in result.output and "nothing written" in result.output


def test_crawl_prints_summary_and_resumes(db_path):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        serve(site)
        result = run(db_path, "crawl", "--search", QUERY, "--pages", "1", "--limit", "2")
        assert result.exit_code == 0, result.output
        assert "crawl summary: ok 2, blocked 0, unparseable 0, failed 0" in result.output
        rest = run(db_path, "crawl", "--search", QUERY, "--pages", "1")
        assert "resumed an earlier crawl" in rest.output
        assert "crawl summary: ok 1," in rest.output
        pages = [c.request.url for c in site.calls if c.request.url == search_url(QUERY, 1)]
        assert len(pages) == 1


def test_crawl_stops_with_a_message_after_consecutive_blocked(db_path):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        serve(site, profiles={"example-textiles": [PUNISH], "demo-lighting": [PUNISH]})
        result = run(db_path, "crawl", "--search", QUERY, "--pages", "1", "--max-blocked", "2")
    assert result.exit_code == 2
    assert "2 consecutive blocked pages" in result.output


def test_delay_below_two_seconds_is_refused(db_path):
    result = run(db_path, "crawl", "--search", QUERY, "--delay", "0.1")
    assert result.exit_code == 2 and "0.1" in result.output


def test_reparse_over_imported_pages(db_path):
    pages = sorted(str(p) for p in EXAMPLES.glob("*.html"))
    assert run(db_path, "import", *pages).exit_code == 0
    result = run(db_path, "reparse")
    assert result.exit_code == 0
    assert result.output.strip() == f"reparse: unchanged {len(pages)}"


def test_cli_fetcher_cache_location_and_delay(tmp_path, monkeypatch):
    ctx = SimpleNamespace(obj={"db": str(tmp_path / "v.db")})
    monkeypatch.delenv("VETTING_HTTP_CACHE", raising=False)
    cached = REAL_FETCHER(ctx, 3.0, True)
    assert cached.cache_path == str(tmp_path / "v.db") + ".http-cache.sqlite"
    assert cached.policy.min_delay == 3.0
    assert REAL_FETCHER(ctx, 2.0, False).cache_path is None
    monkeypatch.setenv("VETTING_HTTP_CACHE", str(tmp_path / "elsewhere.sqlite"))
    assert REAL_FETCHER(ctx, 2.0, True).cache_path == str(tmp_path / "elsewhere.sqlite")
