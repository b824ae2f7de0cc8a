"""Rate limiting per client address with flask-limiter, configured from the app config.

The default storage counts in each process's memory, so with N gunicorn workers a client can
get up to N times the limit; set ``RATELIMIT_STORAGE_URI=redis://host:port`` to share one count
across workers and hosts.
"""

from __future__ import annotations

import time

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage

# Liveness probes and the API description are never limited.
EXEMPT_ENDPOINTS = frozenset({"meta.healthz", "meta.openapi"})
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


def register(app: Flask) -> Limiter:
    """One limiter per app, so apps in one process (tests) never share counts by accident."""
    return Limiter(get_remote_address, app=app, default_limits_exempt_when=_exempt)
