"""A fictional alibaba.com of 8 search pages x 20 suppliers, served through `responses` (no
network) with a small random delay per page, each page fetch logged to a file descriptor: the
seam of the crash-safety test and bench/load.py."""

from __future__ import annotations

import json
import os
import random
import re
import time

import responses

from scrapers.ids import profile_url, search_url

QUERY = "hardening nets"
SEARCH_PAGES = 8
PER_PAGE = 20  # distinct fictional suppliers per search page
TOTAL_PAGES = SEARCH_PAGES + SEARCH_PAGES * PER_PAGE
MAX_NETWORK_DELAY_S = 0.015


def _sub(page: int, i: int) -> str:
    return f"hardening-{page}-{i}"


def _sid(page: int, i: int) -> int:
    return 910000000 + page * 100 + i


def search_html(page: int) -> str:
    offers = [
        {
            "id": 1600910000000 + page * 100 + i,
            "supplier": {
                "supplierId": _sid(page, i),
                "supplierName": f"Hardening Supplier {page}-{i} (fictional)",
                "goldSupplier": True,
                "supplierYear": "4",
                "supplierHomeHref": f"//{_sub(page, i)}.en.alibaba.com/",
            },
            "company": {"tradeAssurance": "1"},
            "tradePrice": {"price": "US $1.00-$2.00", "minOrder": "10 Pieces"},
        }
        for i in range(PER_PAGE)
    ]
    blob = json.dumps({"props": {"offerResultData": {"offerList": offers}}})
    return f"<html><script>window.__page__data__config = {blob};</script></html>"


def profile_html(page: int, i: int) -> str:
    from urllib.parse import quote

    data = {
        "companyId": _sid(page, i),
        "companyName": f"Hardening Supplier {page}-{i} (fictional)",
        "esiteSubDomain": f"{_sub(page, i)}.en.alibaba.com",
        "baoAccountIsDisplayAssurance": True,
    }
    payload = quote(json.dumps({"gdc": {}, "mds": {"moduleData": {"data": data}}}))
    return f"<div module-name=\"icbu-pc-shopSign\" module-data='{payload}'></div>"


def pages() -> dict[str, str]:
    """URL → body of every page of the fictional site (robots.txt files included)."""
    robots = "User-agent: *\nAllow: /\n"
    site = {"https://www.alibaba.com/robots.txt": robots}
    for page in range(1, SEARCH_PAGES + 1):
        site[search_url(QUERY, page)] = search_html(page)
        for i in range(PER_PAGE):
            site[f"https://{_sub(page, i)}.en.alibaba.com/robots.txt"] = robots
            site[profile_url(_sub(page, i))] = profile_html(page, i)
    return site


def serve(site: responses.RequestsMock, log_fd: int, rng: random.Random) -> None:
    """The mocked site, answering by exact URL (query string included); each page fetch is
    logged, then answered after a small random delay."""
    bodies = pages()

    def answer(request):
        body = bodies.get(request.url)
        if body is None:
            return 404, {}, "not found"
        if not request.url.endswith("/robots.txt"):
            os.write(log_fd, f"fetch {request.url}\n".encode())
            time.sleep(rng.uniform(0, MAX_NETWORK_DELAY_S))
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    site.add_callback("GET", re.compile(r"https://[^/]+\.alibaba\.com/.*"), callback=answer)
