"""Rate limiting per client address, on the `limits` library (the engine under flask-limiter),
configured from the app config.

One fixed-window check per request in a ``before_request`` hook: flask-limiter's generic
machinery (decorator scopes, exemptions, header bookkeeping) cost about 0.2 ms a request here,
more than a whole supplier lookup. The default storage counts in each process's memory, so with
N gunicorn workers a client can get up to N times the limit; set
``RATELIMIT_STORAGE_URI=redis://host:port`` to share one count across workers and hosts.
"""

from __future__ import annotations

import time

from flask import Flask, request
from limits import parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

# Liveness probes and the API description are never limited.
EXEMPT_ENDPOINTS = frozenset({"meta.healthz", "meta.openapi", "root.index"})
DEFAULT_STORAGE_URI = "process-memory://"
SWEEP_EVERY_HITS = 10_000


class ProcessMemoryStorage(MemoryStorage):
    """`limits`' memory storage without its expiry timer thread started on every hit (about
    0.4 ms a request here): an expired window is dropped when its key is next read, and every
    `SWEEP_EVERY_HITS` hits the expired keys of other clients are swept. Fixed windows only."""

    STORAGE_SCHEME = ["process-memory"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.hits = 0

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        self.get(key)  # drops the key when its window has expired
        with self.locks[key]:
            self.storage[key] += amount
            if self.storage[key] == amount:
                self.expirations[key] = time.time() + expiry
        self.hits += 1
        if self.hits % SWEEP_EVERY_HITS == 0:
            self.sweep()
        return self.storage.get(key, 0)

    def sweep(self) -> None:
        now = time.time()
        for key, expires in list(self.expirations.items()):
            if expires <= now:
                self.get(key)


def _exempt() -> bool:
    return request.endpoint in EXEMPT_ENDPOINTS or request.method == "OPTIONS"


def register(app: Flask) -> None:
    """One limiter per app, so apps in one process (tests) never share counts by accident."""
    if not app.config.get("RATELIMIT_ENABLED", True):
        return
    items = parse_many(app.config["RATELIMIT_DEFAULT"])
    limiter = FixedWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))

    @app.before_request
    def _check_rate_limit() -> None:
        if _exempt():
            return
        client = request.remote_addr or "unknown"
        for item in items:
            if not limiter.hit(item, client):
                reset_at = limiter.get_window_stats(item, client).reset_time
                retry_after = max(1, int(reset_at - time.time()))
                raise TooManyRequests(f"{item}", retry_after=retry_after)
