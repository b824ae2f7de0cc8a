"""Parse benchmark: the real 2022 product-detail pages into signals vs a full BeautifulSoup parse.

    .venv/bin/python bench/parse.py        (or: make bench)

Prints the median milliseconds per page of `scrapers.pages.parse_page` (HTML string → signals)
and, measured in the same run on the same pages, of `BeautifulSoup(html, "html.parser")`, and
their ratio. Targets (DESIGN.md §7): median under 10 ms and at least 10x faster than the
baseline. Exits 1 when a target is missed, 2 when the real pages are absent.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402

from scrapers.pages import parse_page  # noqa: E402

PAGES = [
    "2022-09_product-detail_dinghongcraft_60345754188.html",
    "2022-09_product-detail_honestvalue_1600312248685.html",
    "2022-09_product-detail_jinqisportswear_1600336045319.html",
    "2022-09_product-detail_qzdihao_1600534966193.html",
]
PARSE_ROUNDS = 25
BASELINE_ROUNDS = 3
TARGET_MS = 10.0
TARGET_RATIO = 10.0


def pages_dir() -> Path:
    return Path(os.environ.get("ALIBABA_PAGES") or ROOT.parent / "shared" / "alibaba-pages")


def timed_ms(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    folder = pages_dir()
    missing = [name for name in PAGES if not (folder / name).is_file()]
    if missing:
        print(f"bench/parse.py: real pages not found in {folder} (set ALIBABA_PAGES)")
        return 2
    htmls = [(folder / n).read_bytes().decode("utf-8", errors="replace") for n in PAGES]
    url = "https://www.alibaba.com/product-detail/_1.html"
    for html in htmls:  # warm-up, and a sanity check that the pages parse into signals
        result = parse_page(html, url)
        assert result.capture.outcome == "ok" and result.suppliers[0].signals
    ours, baseline = [], []
    for html in htmls:
        ours += timed_ms(lambda h=html: parse_page(h, url), PARSE_ROUNDS)
        baseline += timed_ms(lambda h=html: BeautifulSoup(h, "html.parser"), BASELINE_ROUNDS)
    ours_ms, base_ms = statistics.median(ours), statistics.median(baseline)
    ratio = base_ms / ours_ms
    size_kb = statistics.mean(len(h.encode()) for h in htmls) / 1024
    print(f"pages: {len(htmls)} real 2022 product-detail pages, mean {size_kb:.0f} KB")
    print(f"parse_page (JSON route, into signals): median {ours_ms:.2f} ms/page")
    print(f"BeautifulSoup(html, 'html.parser') : median {base_ms:.1f} ms/page")
    print(f"ratio: {ratio:.0f}x faster (targets: < {TARGET_MS:.0f} ms, >= {TARGET_RATIO:.0f}x)")
    ok = ours_ms < TARGET_MS and ratio >= TARGET_RATIO
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
