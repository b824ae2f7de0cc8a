"""Pytest fixtures for the distributed-crawl tests (a plugin: `pytest_plugins`): a real
redis-server on a free 127.0.0.1 port, the fixture site, and `vet worker` processes."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from tests.helpers.distributed import Workers, free_port, make_site
from tests.helpers.distributed_site import Site

STARTUP_SECONDS = 10.0


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (Debian package redis-server; .ci/run adds it)")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def queue(redis_url: str) -> Iterator[redis.Redis]:
    conn = redis.Redis.from_url(redis_url)
    conn.flushdb()
    yield conn
    conn.flushdb()


@pytest.fixture
def workers(redis_url: str, site_server) -> Iterator[Workers]:
    pool = Workers(redis_url, site_server[1])
    yield pool
    pool.stop_all()


@pytest.fixture
def site_server() -> Iterator[tuple[Site, str]]:
    site = make_site()
    base = site.start()
    yield site, base
    site.stop()
