"""The fetcher's test seams: a product page on alibaba.com, a robots.txt that allows it, a clock
that only moves when the fetcher sleeps, and the jitter at its maximum."""

from __future__ import annotations

HOST = "https://www.alibaba.com"
PAGE = f"{HOST}/product-detail/_1600900000001.html"
ROBOTS_OK = "User-agent: *\nDisallow: /trade/private\n"


class FakeClock:
    """Monotonic time that only moves when the fetcher sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class MaxJitter:
    def uniform(self, low: float, high: float) -> float:
        return high
