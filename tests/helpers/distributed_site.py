"""A fictional alibaba.com on 127.0.0.1 (real sockets) for the distributed-crawl tests and bench.

One threaded `http.server` answers for every Host: ``www.alibaba.com`` serves 2022 product
searches (``window.__page__data__config``) whose offers point at suppliers' subdomains, and
``<sub>.en.alibaba.com`` serves 2024 profiles (URL-encoded JSON in ``module-data``). Clients reach
it through `scrapers.distributed.RouteToMirror`, which keeps the Host header. Every request is
counted, and chosen paths can be held open (a worker is killed while it waits on one).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

from scrapers.ids import profile_url, search_url

ROBOTS = "User-agent: *\nAllow: /\n"
PUNISH = '<html><script>var u="/_____tmd_____/punish?x5secdata=abc";</script></html>'
HOLD_SECONDS = 60.0  # a held request answers after this long at the latest


def supplier(i: int) -> dict:
    """The facts of fictional supplier ``i``, stated identically on every page that shows it."""
    return {
        "id": 900000000 + i,
        "sub": f"fixture-supplier-{i}",
        "name": f"Fixture Supplier {i} Co., Ltd. (fictional)",
        "years": 2 + i % 9,
        "gold": i % 3 != 0,
        "ta": i % 4 != 1,
        "verified": i % 2 == 0,
    }


class Site:
    def __init__(
        self,
        query: str,
        pages: int,
        per_page: int = 4,
        suppliers: int | None = None,
        pad_kb: int = 0,
    ):
        self.query, self.pages, self.per_page = query, pages, per_page
        # Filler markup, so the bench moves page-sized bodies (real pages weigh 100-650 KB).
        self.pad = "<div class='filler'>" + "lorem ipsum " * (pad_kb * 1024 // 12) + "</div>"
        # Fewer suppliers than offers: some suppliers show up on several search pages.
        self.n_suppliers = suppliers or max(1, pages * per_page * 3 // 4)
        self.hits: Counter = Counter()  # (host, path?query) → requests
        self.hold: set[str] = set()  # urls whose first request is held open
        self.hold_always: set[str] = set()  # urls whose every request is held open
        self.punish: set[str] = set()  # urls answered with an anti-bot "punish" page
        self.release = threading.Event()
        self.held = threading.Event()  # set when a held request arrived
        self._lock = threading.Lock()

    # -- pages ----------------------------------------------------------------------------------

    def suppliers_on(self, page: int) -> list[int]:
        start = (page - 1) * self.per_page * 3 // 4
        return [(start + j) % self.n_suppliers for j in range(self.per_page)]

    def search_html(self, page: int) -> str:
        offers = []
        for j, i in enumerate(self.suppliers_on(page)):
            s = supplier(i)
            offers.append(
                {
                    "id": 1600900000000 + page * 100 + j,
                    "information": {"title": f"Fixture net {page}-{j}"},
                    "supplier": {
                        "supplierId": s["id"],
                        "supplierName": s["name"],
                        "goldSupplier": s["gold"],
                        "supplierYear": str(s["years"]),
                        "assessedSupplier": s["verified"],
                        "supplierHomeHref": f"//{s['sub']}.en.alibaba.com/",
                    },
                    "company": {"tradeAssurance": "1" if s["ta"] else "0"},
                    "tradePrice": {"price": f"US ${1 + j}.00-${3 + j}.50", "minOrder": "10 Pieces"},
                }
            )
        blob = json.dumps({"props": {"offerResultData": {"offerList": offers}}})
        script = f"<script>window.__page__data__config = {blob};</script>"
        return f"<html>{self.pad}{script}</html>"

    def profile_html(self, i: int) -> str:
        s = supplier(i)
        data = {
            "companyId": s["id"],
            "companyName": s["name"],
            "esiteSubDomain": f"{s['sub']}.en.alibaba.com",
            "baoAccountIsDisplayAssurance": s["ta"],
            "accountIsPaidMember": s["gold"],
            "companyJoinYears": f"{s['years']} yrs",
            "companyHasPassAssessment": s["verified"],
            "companyBusinessType": "Manufacturer",
            "companyLocation": "Zhejiang, China",
            "totalReviewOrderCount": 10 + i,
        }
        payload = quote(json.dumps({"gdc": {}, "mds": {"moduleData": {"data": data}}}))
        module = f"<div module-name=\"icbu-pc-shopSign\" module-data='{payload}'></div>"
        return f"<html><body>{self.pad}{module}</body></html>"

    def urls(self) -> list[str]:
        """Every page a full crawl fetches: the searches and each listed supplier's profile."""
        subs = {i for p in range(1, self.pages + 1) for i in self.suppliers_on(p)}
        return [search_url(self.query, p) for p in range(1, self.pages + 1)] + [
            profile_url(supplier(i)["sub"]) for i in sorted(subs)
        ]

    def answer(self, host: str, target: str) -> tuple[int, str]:
        parts = urlsplit(target)
        if parts.path == "/robots.txt":
            return 200, ROBOTS
        if host == "www.alibaba.com" and parts.path == "/trade/search":
            params = parse_qs(parts.query)
            page = int((params.get("page") or ["1"])[0])
            if params.get("SearchText") == [self.query] and 1 <= page <= self.pages:
                return 200, self.search_html(page)
        if host.endswith(".en.alibaba.com") and parts.path == "/company_profile.html":
            sub = host.removesuffix(".en.alibaba.com")
            for i in range(self.n_suppliers):
                if supplier(i)["sub"] == sub:
                    return 200, self.profile_html(i)
        return 404, "<html>not found</html>"

    def page_hits(self) -> Counter:
        """Requests per page URL (https, as the crawler names them), robots.txt left out."""
        return Counter(
            {
                f"https://{host}{target}": n
                for (host, target), n in self.hits.items()
                if not target.startswith("/robots.txt")
            }
        )

    # -- serving --------------------------------------------------------------------------------

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                with site._lock:
                    site.hits[(host, self.path)] += 1
                    first = site.hits[(host, self.path)] == 1
                url = f"https://{host}{self.path}"
                if (first and url in site.hold) or url in site.hold_always:
                    site.held.set()
                    site.release.wait(HOLD_SECONDS)
                status, body = site.answer(host, self.path)
                if url in site.punish:
                    status, body = 200, PUNISH
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client was killed while we held its request

            def log_message(self, *args) -> None:
                pass

        return Handler

    def start(self) -> str:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
