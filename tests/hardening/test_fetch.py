"""Crawling is bounded, against a real HTTP server on 127.0.0.1 that plays the internet (the
fetcher reaches every host through it as its HTTP proxy; nothing leaves the machine):
redirects are followed only within alibaba.com, each hop asking robots.txt and waiting its
turn, at most 5 hops; a server dripping its body cannot hold a request past its total
deadline; robots.txt answering 429 or 5xx means "not now"; a capture is stored under the URL
that answered."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from scrapers.crawl import fetch_and_parse
from scrapers.fetch import MAX_REDIRECTS, Fetcher, FetchPolicy, make_session
from tests.helpers.crash_site import profile_html

WWW = "http://www.alibaba.com"
DELAY = 0.2
PROFILE = profile_html(0, 5)


class Internet(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.log: list[tuple[float, str]] = []
        self.drip: set[str] = set()

    def route(self, url: str, status: int = 200, body: str = "", **headers: str) -> None:
        self.routes[url] = (status, headers, body.encode())

    def asked(self, host: str | None = None) -> list[str]:
        return [u for _, u in self.log if host is None or urlsplit(u).hostname == host]


class Handler(BaseHTTPRequestHandler):
    server: Internet

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        url = self.path  # absolute: we are the proxy
        self.server.log.append((time.monotonic(), url))
        if url in self.server.drip:
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            for _ in range(40):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.25)
            return
        status, headers, body = self.server.routes.get(url, (404, {}, b"not here"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def net():
    server = Internet()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for host in ("www.alibaba.com", "hop.en.alibaba.com", "evil.example"):
        server.route(f"http://{host}/robots.txt", body="User-agent: *\nAllow: /\n")
    yield server
    server.shutdown()
    server.server_close()


def fetcher(net: Internet, **policy) -> Fetcher:
    settings = {"min_delay": DELAY, "jitter": 0, "max_retries": 0, "total_timeout": 1.5,
                "read_timeout": 1.0, **policy}  # fmt: skip
    pol = FetchPolicy(**settings)
    session = make_session(pol, None)
    session.trust_env = False
    proxy = f"http://127.0.0.1:{net.server_address[1]}"
    session.proxies = {"http": proxy, "https": proxy}
    return Fetcher(policy=pol, session=session)


def test_redirect_to_another_host_is_not_followed(net):
    page = f"{WWW}/product-detail/x_1600000000001.html"
    net.route(page, 302, Location="http://evil.example/landing")
    net.route("http://evil.example/landing", body=PROFILE)
    result = fetch_and_parse(fetcher(net), page)
    assert result.fetched.outcome == "error"
    assert "off alibaba.com" in result.fetched.message
    assert net.asked("evil.example") == []
    assert result.parsed.capture.outcome == "error" and result.parsed.suppliers == []


def test_redirect_loop_stops(net):
    net.route(f"{WWW}/a", 302, Location="/b")
    net.route(f"{WWW}/b", 302, Location="/a")
    result = fetcher(net).get(f"{WWW}/a")
    assert result.outcome == "error" and "loop" in result.message
    assert len(net.asked("www.alibaba.com")) == 3  # robots.txt, /a, /b


def test_at_most_five_hops(net):
    for i in range(10):
        net.route(f"{WWW}/hop{i}", 301, Location=f"/hop{i + 1}")
    result = fetcher(net).get(f"{WWW}/hop0")
    assert result.outcome == "error" and f"more than {MAX_REDIRECTS}" in result.message
    pages = [u for u in net.asked("www.alibaba.com") if not u.endswith("robots.txt")]
    assert len(pages) == MAX_REDIRECTS + 1


def test_each_hop_asks_robots_and_waits_and_the_capture_is_the_final_url(net):
    start = f"{WWW}/supplier/hop"
    final = "http://hop.en.alibaba.com/company_profile.html"
    net.route(start, 302, Location=f"{WWW}/supplier/hop2")
    net.route(f"{WWW}/supplier/hop2", 301, Location=final)
    net.route(final, body=PROFILE)
    result = fetch_and_parse(fetcher(net), start)
    assert result.fetched.outcome == "ok" and result.fetched.final_url == final
    assert result.parsed.capture.url == final  # stored under the URL that answered
    order = [u for _, u in net.log]
    assert order.index("http://hop.en.alibaba.com/robots.txt") < order.index(final)
    www = [t for t, u in net.log if urlsplit(u).hostname == "www.alibaba.com"]
    # Measured where the requests arrive, so allow for network jitter; undelayed would be ~1 ms.
    assert all(b - a >= DELAY * 0.75 for a, b in zip(www, www[1:], strict=False)), www


def test_robots_disallowing_the_hop_stops_there(net):
    net.route("http://hop.en.alibaba.com/robots.txt", body="User-agent: *\nDisallow: /\n")
    net.route(f"{WWW}/go", 302, Location="http://hop.en.alibaba.com/x")
    result = fetcher(net).get(f"{WWW}/go")
    assert result.outcome == "disallowed"
    assert "http://hop.en.alibaba.com/x" not in net.asked()


def test_a_dripping_server_cannot_hold_the_fetcher_past_the_deadline(net):
    page = f"{WWW}/product-detail/slow_1600000000002.html"
    net.drip.add(page)
    started = time.monotonic()
    result = fetcher(net, total_timeout=1.5, read_timeout=1.0).get(page)
    took = time.monotonic() - started
    assert result.outcome == "error" and "within 1.5 s" in result.message
    assert took < 4, f"held {took:.1f} s (40 bytes over 10 s; the deadline is 1.5 s)"


@pytest.mark.parametrize("status", [429, 503, 500])
def test_robots_429_or_5xx_means_not_now(net, status):
    net.route(f"{WWW}/robots.txt", status, body="slow down")
    net.route(f"{WWW}/product-detail/x_1600000000003.html", body=PROFILE)
    result = fetcher(net).get(f"{WWW}/product-detail/x_1600000000003.html")
    assert result.outcome == "disallowed" and f"HTTP {status}" in result.message
    assert f"{WWW}/product-detail/x_1600000000003.html" not in net.asked()
