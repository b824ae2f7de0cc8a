"""A small fictional alibaba.com for the crawl tests, served through `responses` (no network):
two search pages, three suppliers' profiles, robots.txt that allows all; a fetcher on a fake
clock."""

from __future__ import annotations

import json
from urllib.parse import quote

from scrapers.fetch import Fetcher, FetchPolicy
from scrapers.ids import profile_url, search_url

QUERY = "plastic nets"
PUNISH = '<html><script>var u="/_____tmd_____/punish?x5secdata=abc";</script></html>'
SUPPLIERS = {  # page → [(companyId, subdomain)]; fictional suppliers
    1: [(900000001, "example-textiles"), (900000002, "demo-lighting")],
    2: [(900000003, "sample-nets"), (900000001, "example-textiles")],
}


def search_html(page: int) -> str:
    offers = [
        {
            "id": 1600900000000 + page * 10 + i,
            "supplier": {
                "supplierId": sid,
                "supplierName": f"{sub} (fictional)",
                "goldSupplier": True,
                "supplierYear": "3",
                "supplierHomeHref": f"//{sub}.en.alibaba.com/",
            },
            "company": {"tradeAssurance": "1"},
            "tradePrice": {"price": "US $1.00-$2.00", "minOrder": "10 Pieces"},
        }
        for i, (sid, sub) in enumerate(SUPPLIERS[page])
    ]
    blob = json.dumps({"props": {"offerResultData": {"offerList": offers}}})
    return f"<html><script>window.__page__data__config = {blob};</script></html>"


def profile_html(sid: int, sub: str) -> str:
    data = {
        "companyId": sid,
        "companyName": f"{sub} (fictional)",
        "esiteSubDomain": f"{sub}.en.alibaba.com",
        "baoAccountIsDisplayAssurance": True,
    }
    payload = quote(json.dumps({"gdc": {}, "mds": {"moduleData": {"data": data}}}))
    return f"<div module-name=\"icbu-pc-shopSign\" module-data='{payload}'></div>"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def fetcher() -> Fetcher:
    clock = FakeClock()
    return Fetcher(policy=FetchPolicy(), clock=clock, sleep=clock.sleep)


def serve(site, profiles: dict[str, list[str]] | None = None, first_429: bool = False) -> None:
    """Register the mocked site; ``profiles`` overrides a subdomain's responses in order."""
    for host in ("www", "example-textiles.en", "demo-lighting.en", "sample-nets.en"):
        site.get(f"https://{host}.alibaba.com/robots.txt", body="User-agent: *\nAllow: /\n")
    if first_429:
        site.get(search_url(QUERY, 1), status=429, headers={"Retry-After": "5"})
    for page in SUPPLIERS:
        site.get(search_url(QUERY, page), body=search_html(page))
    ids = {sub: sid for rows in SUPPLIERS.values() for sid, sub in rows}
    for sub, sid in ids.items():
        for body in (profiles or {}).get(sub, [profile_html(sid, sub)]):
            site.get(profile_url(sub), body=body)
