"""Today's anti-bot pages are blocked before extraction (nothing stored, the crawl's breaker
counts them); the anti-bot SDK names that load on normal pages (baxia, awsc.js) do not trip it."""

from __future__ import annotations

import pytest
import responses

from scrapers.blocked import block_reason
from scrapers.fetch import CircuitOpen, Fetcher, FetchPolicy
from scrapers.pages import parse_page
from tests.helpers.fetch_site import HOST, PAGE, ROBOTS_OK, FakeClock, MaxJitter
from tests.helpers.paths import read_page

# Minimal pages reproducing each marker where Alibaba's interstitials carry it.
BLOCKED = {
    "tmd-punish": '<script>location.href="/_____tmd_____/punish?x5secdata=xx&x5step=1";</script>',
    "tmd-verify": '<form action="https://www.alibaba.com/_____tmd_____/verify/?nc_token=1">',
    "x5secdata": '<input type="hidden" name="x5secdata" value="abc">',
    "punish-component": '<div id="nocaptcha" class="punish-component"></div>',
    "nctokenstr": '<script>var NCTOKENSTR = "a1b2c3";</script>',
}
# A normal 2026 product page loads the anti-bot SDK: these must not read as blocked.
NORMAL = (
    "<html><head><script src='//g.alicdn.com/AWSC/AWSC/awsc.js'></script>"
    "<script>window.baxiaCommon = {}; var baxia = 1;</script></head><body>"
    '<script>window.detailData = {"globalData": {"seller": {"companyId": 230860282, '
    '"baoAccountIsDisplayAssurance": true}, "global": {"serverTime": 1789387902851}}, '
    '"nodeMap": {"module_unifed_company_card": {}}};</script></body></html>'
)


@pytest.mark.parametrize("name", list(BLOCKED))
def test_current_markers_are_blocked_and_store_nothing(name, store):
    html = f"<html><head><title>Verify</title></head><body>{BLOCKED[name]}</body></html>"
    result = parse_page(html, "https://www.alibaba.com/product-detail/x_1.html", source="import")
    assert result.capture.outcome == "blocked" and result.capture.kind == "blocked"
    assert result.suppliers == [] and result.listings == []
    store.record(result)
    assert store.count_suppliers() == 0
    assert store.db.execute("SELECT count(*) FROM signals").fetchone()[0] == 0


def test_sdk_names_on_a_normal_page_do_not_block():
    assert "baxia" in NORMAL and "awsc.js" in NORMAL
    assert block_reason(NORMAL) is None
    result = parse_page(NORMAL, "https://www.alibaba.com/product-detail/x_1.html")
    assert result.capture.outcome == "ok"
    assert [obs.supplier_id for obs in result.suppliers] == ["230860282"]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("2022-09_product-detail_jinqisportswear_1600336045319.html", id="baxia"),
        pytest.param("2022-09_product-search_gallery_p1.html", id="awsc-and-baxia"),
    ],
)
def test_real_pages_carrying_sdk_names_are_not_blocked(real_pages, name):
    html = read_page(real_pages / name)
    assert "baxia" in html
    assert block_reason(html) is None
    assert parse_page(html, "https://www.alibaba.com/x").capture.outcome == "ok"


def test_real_punish_page_is_blocked(real_pages):
    html = read_page(real_pages / "2024-09_blocked_captcha-punish.html")
    assert "_____tmd_____" in block_reason(html)


@pytest.mark.parametrize("name", ["tmd-verify", "punish-component", "nctokenstr"])
def test_blocked_pages_open_the_crawl_circuit_breaker(name):
    clock = FakeClock()
    fetcher = Fetcher(
        policy=FetchPolicy(breaker_threshold=3),
        clock=clock,
        sleep=clock.sleep,
        rng=MaxJitter(),  # type: ignore[arg-type]
    )
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        site.get(f"{HOST}/robots.txt", body=ROBOTS_OK)
        site.get(PAGE, body=f"<html>{BLOCKED[name]}</html>")
        assert [fetcher.get(PAGE).outcome for _ in range(3)] == ["blocked"] * 3
        with pytest.raises(CircuitOpen):
            fetcher.get(PAGE)
