"""scrapers.fetch against `responses`: retries, Retry-After, robots.txt, the per-host delay on a
fake clock, the cache that never keeps blocked pages, and the circuit breaker."""

from __future__ import annotations

import pytest
import requests
import responses

from scrapers.fetch import (
    USER_AGENT,
    CircuitOpen,
    Fetcher,
    FetchPolicy,
    retry_after_seconds,
)
from tests.helpers.fetch_site import HOST, PAGE, ROBOTS_OK, FakeClock, MaxJitter

OTHER = f"{HOST}/product-detail/_1600900000002.html"
PUNISH = '<html><script>var u="/_____tmd_____/punish?x5secdata=abc";</script></html>'
GOOD = "<html><body>fine</body></html>"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def site():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{HOST}/robots.txt", body=ROBOTS_OK)
        yield mock


def make(clock: FakeClock, cache: bool = False, **policy) -> Fetcher:
    return Fetcher(
        policy=FetchPolicy(**policy),
        cache_path=":memory:" if cache else None,
        clock=clock,
        sleep=clock.sleep,
        rng=MaxJitter(),  # type: ignore[arg-type]
    )


def page_calls(site, url: str = PAGE) -> int:
    return sum(1 for call in site.calls if call.request.url == url)


def test_ok_page_with_honest_user_agent(site, clock):
    site.get(PAGE, body=GOOD)
    got = make(clock).get(PAGE)
    assert (got.outcome, got.status, got.attempts) == ("ok", 200, 1)
    assert got.text == GOOD
    assert site.calls[-1].request.headers["User-Agent"] == USER_AGENT
    assert site.calls[-1].request.req_kwargs["timeout"] == (10.0, 30.0)  # connect, read
    assert "supplier-vetting" in USER_AGENT


def test_retries_5xx_with_exponential_backoff(site, clock):
    site.get(PAGE, status=503)
    site.get(PAGE, status=502)
    site.get(PAGE, body=GOOD)
    got = make(clock, min_delay=2.0, jitter=0.0).get(PAGE)
    assert (got.outcome, got.attempts) == ("ok", 3)
    # the per-host delay after robots.txt, then backoff 2 s after attempt 1 and 4 s after 2
    # (the backoff also covers the per-host delay, so no extra wait before the retries)
    assert clock.sleeps == [2.0, 2.0, 4.0]
    assert page_calls(site) == 3


@pytest.mark.parametrize(
    ("header", "expected_wait"),
    [
        pytest.param("7", 7.0, id="delta-seconds"),
        pytest.param("1", 2.0, id="backoff-when-longer"),
    ],
)
def test_429_honours_retry_after(site, clock, header, expected_wait):
    site.get(PAGE, status=429, headers={"Retry-After": header})
    site.get(PAGE, body=GOOD)
    got = make(clock, jitter=0.0).get(PAGE)
    assert got.outcome == "ok"
    assert expected_wait in clock.sleeps


def test_retry_after_http_date():
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("garbage", now) is None
    assert retry_after_seconds(None) is None


def test_gives_up_after_max_retries(site, clock):
    for _ in range(3):
        site.get(PAGE, status=500)
    got = make(clock, max_retries=2).get(PAGE)
    assert (got.outcome, got.status, got.attempts) == ("error", 500, 3)


def test_retry_after_too_long_is_not_waited_for(site, clock):
    site.get(PAGE, status=429, headers={"Retry-After": "86400"})
    got = make(clock).get(PAGE)
    assert got.outcome == "error" and got.message == "Retry-After too long"
    assert max(clock.sleeps, default=0) < 100


def test_robots_disallow_is_obeyed(clock):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        site.get(f"{HOST}/robots.txt", body="User-agent: *\nDisallow: /product-detail/\n")
        site.get(PAGE, body=GOOD)
        got = make(clock).get(PAGE)
        assert got.outcome == "disallowed"
        assert page_calls(site) == 0


@pytest.mark.parametrize(
    ("status", "allowed"),
    [pytest.param(404, True, id="4xx-means-no-rules"), pytest.param(503, False, id="5xx")],
)
def test_robots_unavailable_vs_unreachable(clock, status, allowed):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        site.get(f"{HOST}/robots.txt", status=status)
        assert make(clock).allowed(PAGE) is allowed


def test_per_host_min_delay_with_jitter_on_fake_clock(site, clock):
    times: list[float] = []

    def stamp(request):
        times.append(clock())
        return (200, {}, GOOD)

    site.add_callback(responses.GET, PAGE, callback=stamp)
    site.add_callback(responses.GET, OTHER, callback=stamp)
    fetcher = make(clock, min_delay=2.5, jitter=0.5)
    fetcher.get(PAGE)
    fetcher.get(OTHER)
    assert times[1] - times[0] >= 2.5 + 0.5  # min delay plus (max) jitter
    assert clock.sleeps and all(s <= 3.0 for s in clock.sleeps)


def test_default_delay_is_at_least_two_seconds():
    assert FetchPolicy().min_delay >= 2.0


def test_hosts_do_not_wait_for_each_other(clock):
    other_host = "https://apdingtai.en.alibaba.com"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as site:
        for host in (HOST, other_host):
            site.get(f"{host}/robots.txt", body=ROBOTS_OK)
        site.get(PAGE, body=GOOD)
        site.get(f"{other_host}/company_profile.html", body=GOOD)
        fetcher = make(clock, min_delay=2.0, jitter=0.0)
        fetcher.get(PAGE)
        before = len(clock.sleeps)
        fetcher.allowed(f"{other_host}/company_profile.html")  # first touch of the new host
        assert len(clock.sleeps) == before


def test_clean_pages_are_cached_blocked_pages_never(site, clock):
    site.get(PAGE, body=GOOD)
    site.get(OTHER, body=PUNISH)
    site.get(OTHER, body=PUNISH)
    fetcher = make(clock, cache=True)
    first, second = fetcher.get(PAGE), fetcher.get(PAGE)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.text == GOOD and page_calls(site) == 1
    assert fetcher.get(OTHER).outcome == "blocked"
    assert fetcher.get(OTHER).from_cache is False
    assert page_calls(site, OTHER) == 2


def test_cache_entries_expire():
    fetcher = Fetcher(cache_path=":memory:")
    assert fetcher.session.settings.expire_after == FetchPolicy().cache_expire


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        pytest.param(200, PUNISH, "blocked", id="captcha-served-with-200"),
        pytest.param(403, GOOD, "blocked", id="http-403"),
        pytest.param(404, GOOD, "not_found", id="http-404"),
    ],
)
def test_classification_before_extraction(site, clock, status, body, outcome):
    site.get(PAGE, status=status, body=body)
    assert make(clock).get(PAGE).outcome == outcome


def test_redirect_to_login_is_blocked(site, clock):
    site.get(PAGE, status=302, headers={"Location": "https://login.alibaba.com/newlogin/x"})
    site.get("https://login.alibaba.com/newlogin/x", body="<html>sign in</html>")
    site.get("https://login.alibaba.com/robots.txt", body="")
    assert make(clock).get(PAGE).outcome == "blocked"


def test_circuit_breaker_opens_after_consecutive_blocked(site, clock):
    site.get(PAGE, body=PUNISH)
    fetcher = make(clock, breaker_threshold=3)
    outcomes = [fetcher.get(PAGE).outcome for _ in range(3)]
    assert outcomes == ["blocked"] * 3
    with pytest.raises(CircuitOpen, match="3 consecutive blocked"):
        fetcher.get(PAGE)
    assert page_calls(site) == 3  # the open breaker made no request


def test_an_ok_page_resets_the_breaker(site, clock):
    site.get(PAGE, body=PUNISH)
    site.get(PAGE, body=GOOD)
    site.get(PAGE, body=PUNISH)
    fetcher = make(clock, breaker_threshold=2)
    assert [fetcher.get(PAGE).outcome for _ in range(3)] == ["blocked", "ok", "blocked"]


def test_network_errors_are_retried_then_reported(site, clock):
    site.get(PAGE, body=requests.ConnectionError("connection refused"))
    got = make(clock, max_retries=1).get(PAGE)
    assert got.outcome == "error" and "ConnectionError" in got.message


def test_proxies_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    session = Fetcher().session
    settings = session.merge_environment_settings(PAGE, {}, None, None, None)
    assert settings["proxies"]["https"] == "http://proxy.example:3128"
