"""The only network code: a polite, cached, robots-obeying HTTP client for alibaba.com pages.

Politeness is the point: an honest User-Agent, robots.txt, a minimum per-host delay with
jitter, retries with exponential backoff that honour ``Retry-After``, and a per-host circuit
breaker that stops after a run of blocked (captcha/login) pages. We back off; we never evade.

The HTTP cache is requests-cache with an expiry; only a 200 that is not a blocked page is stored
(a captcha served with 200 would otherwise poison the cache). Clock, sleep and random source
are injectable, so tests run against `responses` with a fake clock instead of real sleeps.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib import robotparser
from urllib.parse import urlsplit

import requests
import requests_cache

from scrapers.blocked import block_reason

USER_AGENT = (
    "supplier-vetting/0.1 (+https://github.com/supplier-vetting; polite research crawler; "
    "obeys robots.txt)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BLOCK_STATUSES = frozenset({401, 403})
BLOCK_URL_MARKERS = ("/_____tmd_____/", "login.alibaba.com", "/punish")
CACHE_ONLY_MISS = 504  # what requests-cache answers to only_if_cached on a miss

FetchOutcome = Literal["ok", "blocked", "not_found", "error", "disallowed"]


@dataclass(frozen=True)
class FetchPolicy:
    min_delay: float = 2.0  # seconds between two requests to one host
    jitter: float = 1.0  # plus up to this many seconds, uniformly random
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 4
    backoff_base: float = 2.0  # 2, 4, 8, 16 s ...
    backoff_cap: float = 120.0
    max_retry_after: float = 900.0  # a longer Retry-After means "not today": give up
    breaker_threshold: int = 3  # consecutive blocked pages from one host
    cache_expire: timedelta = timedelta(hours=12)
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    """The result of one fetch; ``body`` is the raw bytes (kept compressed by the store)."""

    url: str
    outcome: FetchOutcome
    status: int | None = None
    final_url: str | None = None
    body: bytes | None = None
    from_cache: bool = False
    attempts: int = 0
    message: str | None = None
    http_date: str | None = None  # the response's own ``Date`` header (UTC ISO), when it has one

    @property
    def text(self) -> str:
        return (self.body or b"").decode("utf-8", errors="replace")


class CircuitOpen(RuntimeError):
    """Too many consecutive blocked pages from one host: stop asking it."""

    def __init__(self, host: str, count: int):
        super().__init__(
            f"stopped: {count} consecutive blocked pages from {host} (captcha or login wall); "
            "backing off, try again later"
        )
        self.host = host
        self.count = count


def classify(status: int, final_url: str, body: str) -> tuple[FetchOutcome, str | None]:
    """Blocked and login pages are recognised before any extraction."""
    if any(marker in final_url for marker in BLOCK_URL_MARKERS):
        return "blocked", f"redirected to an anti-bot or login page ({final_url})"
    if status in BLOCK_STATUSES:
        return "blocked", f"HTTP {status}"
    if status in (404, 410):
        return "not_found", f"HTTP {status}"
    if status != 200:
        return "error", f"HTTP {status}"
    reason = block_reason(body)
    return ("blocked", reason) if reason else ("ok", None)


def http_date(value: str | None) -> str | None:
    """An HTTP ``Date`` header as the ISO-8601 UTC string stored everywhere; None if absent/bad."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def body_text(response: requests.Response) -> str:
    """The body as text without `Response.text`'s charset sniffing (slow on 650 KB pages)."""
    encoding = response.encoding or "utf-8"
    try:
        return response.content.decode(encoding, errors="replace")
    except LookupError:  # an unknown charset name in the headers
        return response.content.decode("utf-8", errors="replace")


def cacheable(response: requests.Response) -> bool:
    """Only a clean 200 is cached: never a captcha, login wall or error page."""
    if response.status_code != 200:
        return False
    return classify(200, response.url or "", body_text(response))[0] == "ok"


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def make_session(policy: FetchPolicy, cache_path: str | None) -> requests.Session:
    """A requests session (proxies from HTTP(S)_PROXY/NO_PROXY via trust_env) with the cache."""
    if cache_path is None:
        session: requests.Session = requests.Session()
    else:
        backend = "memory" if cache_path == ":memory:" else "sqlite"
        session = requests_cache.CachedSession(
            cache_path,
            backend=backend,
            expire_after=policy.cache_expire,
            allowable_codes=(200,),
            allowable_methods=("GET",),
            filter_fn=cacheable,
        )
    session.headers["User-Agent"] = policy.user_agent
    session.headers["Accept-Language"] = "en"
    session.trust_env = True
    return session


@dataclass
class _Host:
    last_request: float | None = None
    blocked_run: int = 0
    robots: robotparser.RobotFileParser | None = None
    robots_note: str = "disallowed by robots.txt"


@dataclass
class Fetcher:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    cache_path: str | None = None  # None: no cache; ":memory:" for tests; else a sqlite file
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    session: requests.Session | None = None
    hosts: dict[str, _Host] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.session is None:
            self.session = make_session(self.policy, self.cache_path)

    # -- politeness -----------------------------------------------------------------------------

    def _host(self, url: str) -> tuple[str, _Host]:
        host = (urlsplit(url).hostname or "").lower()
        return host, self.hosts.setdefault(host, _Host())

    def _wait_turn(self, state: _Host) -> None:
        if state.last_request is not None:
            gap = self.policy.min_delay + self.rng.uniform(0, self.policy.jitter)
            remaining = state.last_request + gap - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        state.last_request = self.clock()

    def allowed(self, url: str) -> bool:
        """robots.txt (RFC 9309): 4xx → no rules; 5xx or unreachable → disallow everything."""
        _, state = self._host(url)
        if state.robots is None:
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            rules = robotparser.RobotFileParser(robots_url)
            self._wait_turn(state)
            try:
                resp = self._send(robots_url)
            except requests.RequestException as exc:
                rules.disallow_all = True
                state.robots_note = f"robots.txt unreachable ({_one_line(exc)}): not fetching"
            else:
                if resp.status_code >= 500:
                    rules.disallow_all = True
                    state.robots_note = f"robots.txt answered HTTP {resp.status_code}: not fetching"
                elif resp.status_code >= 400:
                    rules.allow_all = True
                else:
                    rules.parse(resp.text.splitlines())
            state.robots = rules
        return state.robots.can_fetch(self.policy.user_agent, url)

    # -- fetching -------------------------------------------------------------------------------

    def _send(self, url: str, cache_only: bool = False) -> requests.Response:
        assert self.session is not None
        timeout = (self.policy.connect_timeout, self.policy.read_timeout)
        if cache_only:
            return self.session.get(url, timeout=timeout, only_if_cached=True)  # type: ignore[call-arg]
        return self.session.get(url, timeout=timeout)

    def get(self, url: str) -> Fetched:
        """Fetch one page politely. Raises `CircuitOpen` when the host's breaker is open."""
        host, state = self._host(url)
        if state.blocked_run >= self.policy.breaker_threshold:
            raise CircuitOpen(host, state.blocked_run)
        if isinstance(self.session, requests_cache.CachedSession):
            cached = self._send(url, cache_only=True)
            if cached.status_code != CACHE_ONLY_MISS:
                return self._finish(url, cached, attempts=0, from_cache=True)
        if not self.allowed(url):
            return Fetched(url, "disallowed", message=state.robots_note)
        return self._fetch_with_retries(url, state)

    def _fetch_with_retries(self, url: str, state: _Host) -> Fetched:
        attempts = 0
        while True:
            attempts += 1
            self._wait_turn(state)
            try:
                resp = self._send(url)
            except requests.RequestException as exc:
                if attempts > self.policy.max_retries:
                    return Fetched(url, "error", attempts=attempts, message=_one_line(exc))
                self.sleep(self._backoff(attempts))
                continue
            if resp.status_code in RETRY_STATUSES and attempts <= self.policy.max_retries:
                wait = retry_after_seconds(resp.headers.get("Retry-After"))
                if wait is not None and wait > self.policy.max_retry_after:
                    return self._finish(url, resp, attempts, message="Retry-After too long")
                self.sleep(max(wait or 0.0, self._backoff(attempts)))
                continue
            return self._finish(url, resp, attempts)

    def _backoff(self, attempt: int) -> float:
        return min(self.policy.backoff_cap, self.policy.backoff_base**attempt)

    def _finish(
        self,
        url: str,
        resp: requests.Response,
        attempts: int,
        from_cache: bool = False,
        message: str | None = None,
    ) -> Fetched:
        body = resp.content
        outcome, why = classify(resp.status_code, resp.url or url, body_text(resp))
        _, state = self._host(url)
        if outcome == "blocked":
            state.blocked_run += 1
        elif outcome == "ok" and not from_cache:  # only the host's own answer closes the breaker
            state.blocked_run = 0
        return Fetched(
            url=url,
            outcome=outcome,
            status=resp.status_code,
            final_url=resp.url or url,
            body=body,
            from_cache=from_cache,
            attempts=attempts,
            message=message or why,
            http_date=http_date(resp.headers.get("Date")),
        )

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
