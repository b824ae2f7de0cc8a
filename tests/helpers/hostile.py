"""A hostile-page corpus, generated at test time from seed pages (the real saved pages, read in
place, plus the minimal fictional pages below): truncations, JSON blobs with wrong types and
missing keys, duplicated and shuffled blocks, invalid UTF-8, 50 MB pages, 10,000-deep nesting and
script/event-handler payloads in every text field.

Every `Variant` names the oracle that judges its parse (see `tests/hardening/test_pages.py`):
``same`` (the mutation touched no data: same suppliers and values as the seed), ``subset`` (data
may be lost, never changed or invented), ``typed`` (the mutated keys may change their values, but
every stored value has its declared type and every other value equals the seed's) and ``payload``
(text fields carry the payload verbatim, other values equal the seed's).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from scrapers.ids import product_url, profile_url, search_url
from tests.helpers.fictional_pages import OFFER as FICTIONAL_SEARCH

# No digits in the payloads: a digit would (correctly) change a parsed number or price.
PAYLOADS = (
    "<script>alert(document.domain)</script>",
    '"><img src=x onerror=alert(document.cookie)>',
    "javascript:alert(document.domain)",
    "<svg onload=alert(document.domain)>",
    "'\"><iframe srcdoc='<script>parent.alert(document.domain)</script>'>",
)
WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1e308,
    10**30,
    "",
    "NaN",
    "١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits: str.isdigit() says yes
    "-46,000",
    "46,000,000,000,000,000,000,000",
    [],
    {},
    [1, "2", None],
    {"value": {"value": None}},
)
JSON_MARKERS = ("window.detailData", "window.__page__data__config", "window._PAGE_DATA_")
_MODULE_DATA = re.compile(r"module-data='([^']*)'")
_DECODER = json.JSONDecoder()
DEEP = 10_000
HUGE_BYTES = 50 * 1024 * 1024
INVALID_UTF8 = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x80\x80")

FICTIONAL_SELLER = {
    "companyId": 900000004,
    "companyName": "Sample Nets Demo Ltd. (fictional)",
    "baoAccountIsService": True,
    "baoAccountIsDisplayAssurance": True,
    "baoAccountAmount": "46,000",
    "accountIsPaidMember": True,
    "companyJoinYears": "7",
    "companyHasPassAssessment": True,
    "companyBusinessType": "Manufacturer",
    "companyRegisterCountry": "CN",
    "responseTimeText": "≤3h",
    "supplierRatingReviews": {"averageStar": "4.6", "totalReviewOrderCount": 31},
}
FICTIONAL_PROFILE = {
    "companyId": 900000002,
    "companyName": "Demo Lighting Trading Ltd. (fictional)",
    "accountIsPaidMember": True,
    "companyJoinYears": "2",
    "companyHasPassAssessment": False,
    "companyBusinessType": {"authenticated": True, "value": "Trading Company"},
    "averageStar": {"fieldName": "averageStar", "value": "4.1"},
    "baoAccountIsDisplayAssurance": True,
    "esiteSubDomain": "demo-lighting.en.alibaba.com",
}


def _script(marker: str, value: Any) -> str:
    return f"<script>{marker} = {dumps(value)};</script>"


def _module(name: str, data: dict) -> str:
    payload = quote(json.dumps({"gdc": {}, "mds": {"moduleData": {"data": data}}}))
    return f"<div module-name=\"{name}\" module-data='{payload}'></div>"


def fictional_pages() -> dict[str, tuple[str, str]]:
    """Minimal pages reproducing each markup generation's structure: name → (html, url)."""
    detail = {"globalData": {"seller": FICTIONAL_SELLER, "product": {"subject": "Net (fictional)"}}}
    offers = {"props": {"offerResultData": {"offerList": [FICTIONAL_SEARCH]}}}
    fragment = (
        '<main><div data-module-name="module_title"><h1>Demo lamp (fictional)</h1></div>'
        '<div data-module-name="module_company"><span class="company-name">'
        '<a href="https://demo-lighting.en.alibaba.com/index.html" title="Demo Lighting">'
        'Demo Lighting</a></span><span class="company-life">2 yrs</span>'
        '<span class="register-country">CN</span></div></main>'
    )
    body = "<html><head><title>{}</title></head><body><p>intro</p>{}<p>outro</p></body></html>"
    return {
        "fictional-detail-2022": (
            body.format("detail", _script("window.detailData", detail)),
            product_url(1600900000044),
        ),
        "fictional-search-2022": (
            body.format("search", _script("window.__page__data__config", offers)),
            search_url("nets"),
        ),
        "fictional-profile-2024": (
            body.format("profile", _module("icbu-pc-shopSign", FICTIONAL_PROFILE)),
            profile_url("demo-lighting"),
        ),
        "fictional-fragment-2026": (body.format("fragment", fragment), product_url(1600900000055)),
    }


def real_pages(directory: Path) -> dict[str, tuple[str, str]]:
    """The saved pages (read in place, never copied), each with the URL it was fetched from."""
    pages = {}
    for path in sorted(directory.glob("*.html")):
        name = path.name
        html = path.read_bytes().decode("utf-8", errors="replace")
        digits = re.search(r"_(\d{6,})\.html$", name)
        if "profile" in name:
            url = profile_url(name.rsplit("_", 1)[1].removesuffix(".html"))
        elif digits:
            url = product_url(digits.group(1))
        else:
            url = search_url("hostile")
        pages[name.removesuffix(".html")] = (html, url)
    return pages


@dataclass
class Variant:
    id: str
    seed: str
    url: str
    html: str
    oracle: str  # same | subset | typed | payload
    mutated_keys: set[str] = field(default_factory=set)
    payload: str | None = None


def dumps(value: Any) -> str:
    """JSON as pages embed it: ``<`` escaped so a string can never close the script element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


# -- the embedded JSON blobs of a page, and how to put a changed one back -----------------------


@dataclass
class Blob:
    start: int
    end: int
    value: Any
    urlencoded: bool


def blobs(html: str) -> list[Blob]:
    found = []
    for marker in JSON_MARKERS:
        at = html.find(marker)
        while at >= 0:
            pos = at + len(marker)
            while pos < len(html) and html[pos] in " \t\r\n=":
                pos += 1
            try:
                value, end = _DECODER.raw_decode(html, pos)
                found.append(Blob(pos, end, value, False))
                break
            except ValueError:
                at = html.find(marker, at + 1)
    for match in _MODULE_DATA.finditer(html):
        try:
            value = json.loads(unquote(match.group(1)))
        except ValueError:
            continue
        found.append(Blob(match.start(1), match.end(1), value, True))
    return found


def replace_blob(html: str, blob: Blob, value: Any) -> str:
    text = quote(json.dumps(value)) if blob.urlencoded else dumps(value)
    return html[: blob.start] + text + html[blob.end :]


def _nodes(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value[:50]):  # long lists: their head is enough
            yield from _nodes(child, (*path, i))


def _parent(root: Any, path: tuple) -> Any:
    for step in path[:-1]:
        root = root[step]
    return root


def mutate_json(value: Any, rng: random.Random, count: int, delete: bool) -> tuple[Any, set[str]]:
    """Copy of ``value`` with ``count`` nodes given a wrong type (or deleted); the keys touched."""
    value = json.loads(json.dumps(value))
    paths = [p for p, _ in _nodes(value) if p and isinstance(p[-1], str)]
    touched: set[str] = set()
    for path in rng.sample(paths, min(count, len(paths))):
        try:
            parent = _parent(value, path)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced an ancestor
        if not isinstance(parent, dict) or path[-1] not in parent:
            continue
        if delete:
            del parent[path[-1]]
        else:
            parent[path[-1]] = rng.choice(WRONG_VALUES)
        touched.update(str(step) for step in path if isinstance(step, str))
    return value, touched


def with_payload(value: Any, payload: str) -> Any:
    """Every string in ``value`` with ``payload`` appended."""
    if isinstance(value, str):
        return value + payload
    if isinstance(value, dict):
        return {k: with_payload(v, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [with_payload(v, payload) for v in value]
    return value


_TEXT = re.compile(r">([^<>]*[^\s<>][^<>]*)<")
_ATTR = re.compile(r'\b(title|alt)="([^"]*)"')


def escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def payload_everywhere(html: str, payload: str) -> str:
    """The payload appended to every JSON string, text node and title/alt attribute."""
    for blob in sorted(blobs(html), key=lambda b: b.start, reverse=True):
        html = replace_blob(html, blob, with_payload(blob.value, payload))
    escaped = escape_html(payload)
    html = _ATTR.sub(lambda m: f'{m.group(1)}="{m.group(2)}{escaped}"', html)
    # Text nodes outside scripts and styles (their contents are code, not text).
    parts = re.split(r"(<script\b.*?</script>|<style\b.*?</style>)", html, flags=re.S | re.I)
    return "".join(
        part if i % 2 else _TEXT.sub(lambda m: f">{m.group(1)}{escaped}<", part)
        for i, part in enumerate(parts)
    )


# -- the variant families ---------------------------------------------------------------------


def _blocks(html: str) -> list[str]:
    """The page split before each top-level-looking block element (scripts, divs, sections)."""
    cuts = [m.start() for m in re.finditer(r"<(?:script|div|section|li)\b", html)]
    edges = [0, *cuts[:: max(1, len(cuts) // 60)], len(html)]
    return [html[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _truncations(seed, html, url, rng, n):
    for i in range(n):
        cut = rng.randrange(1, len(html))
        yield Variant(f"truncate/{seed}/{i}@{cut}", seed, url, html[:cut], "subset")


def _json_mutations(seed, html, url, rng, n, delete):
    found = blobs(html)
    family = "missing-keys" if delete else "wrong-types"
    for i in range(n if found else 0):
        blob = rng.choice(found)
        value, keys = mutate_json(blob.value, rng, rng.randint(1, 6), delete)
        yield Variant(
            f"{family}/{seed}/{i}", seed, url, replace_blob(html, blob, value), "typed", keys
        )


def _reshuffles(seed, html, url, rng, n):
    blocks = _blocks(html)
    for i in range(n):
        copy = list(blocks)
        if i % 2:
            for _ in range(3):
                j = rng.randrange(len(copy))
                copy.insert(j, copy[j])  # a duplicated block
            oracle = "subset"
        else:
            head, body = copy[:1], copy[1:]
            rng.shuffle(body)
            copy, oracle = head + body, "subset"
        yield Variant(f"reshuffle/{seed}/{i}", seed, url, "".join(copy), oracle)


def _bad_utf8(seed, html, url, rng, n):
    raw = html.encode("utf-8", "surrogatepass")
    opens = [m.start() for m in re.finditer(rb"<", raw)] or [0]
    for i in range(n):
        out = bytearray(raw)
        for at in sorted(rng.sample(opens, min(5, len(opens))), reverse=True):
            out[at:at] = rng.choice(INVALID_UTF8)
        # Decoded exactly as the fetcher and `vet scrape --file` decode a body.
        text = bytes(out).decode("utf-8", errors="replace")
        yield Variant(f"invalid-utf8/{seed}/{i}", seed, url, text, "same")
    # A lone surrogate (what a JSON "\udcff" escape posted to the API decodes to).
    yield Variant(f"lone-surrogate/{seed}", seed, url, "\udcff" + html + "\ud800", "same")


def _payloads(seed, html, url, rng, n):
    for i, payload in enumerate(PAYLOADS[:n]):
        text = payload_everywhere(html, payload)
        yield Variant(f"payload/{seed}/{i}", seed, url, text, "payload", payload=payload)


def _deep(seed, html, url, rng):
    wrap = "<div>" * DEEP + html + "</div>" * DEEP
    yield Variant(f"deep-html/{seed}", seed, url, wrap, "subset")
    found = blobs(html)
    if found:
        blob = found[0]
        nested = "[" * DEEP + "]" * DEEP
        if isinstance(blob.value, dict):
            value = dict(blob.value)
            value["hostileDeep"] = "__DEEP__"
            text = quote(json.dumps(value)) if blob.urlencoded else dumps(value)
            text = text.replace(
                quote('"__DEEP__"') if blob.urlencoded else '"__DEEP__"',
                quote(nested) if blob.urlencoded else nested,
            )
            page = html[: blob.start] + text + html[blob.end :]
            yield Variant(f"deep-json/{seed}", seed, url, page, "subset")


def huge(seed: str, html: str, url: str, where: str) -> Variant:
    """A 50 MB page: the seed with 50 MB of filler before or after it."""
    filler = "<p>filler</p>\n" * (HUGE_BYTES // 14)
    page = filler + html if where == "before" else html + filler
    return Variant(f"50MB-{where}/{seed}", seed, url, page, "subset")


FAMILY_SIZES = {"truncate": 26, "wrong-types": 16, "missing-keys": 10, "reshuffle": 10}
UTF8_VARIANTS = 6
PAYLOAD_VARIANTS = 3


def variants(seeds: dict[str, tuple[str, str]], seed: int = 8) -> Iterator[Variant]:
    """The corpus (except the 50 MB pages, see `huge`), deterministic for a given seed."""
    rng = random.Random(seed)
    for name, (html, url) in seeds.items():
        yield from _truncations(name, html, url, rng, FAMILY_SIZES["truncate"])
        yield from _json_mutations(name, html, url, rng, FAMILY_SIZES["wrong-types"], False)
        yield from _json_mutations(name, html, url, rng, FAMILY_SIZES["missing-keys"], True)
        yield from _reshuffles(name, html, url, rng, FAMILY_SIZES["reshuffle"])
        yield from _bad_utf8(name, html, url, rng, UTF8_VARIANTS)
        yield from _payloads(name, html, url, rng, PAYLOAD_VARIANTS)
        yield from _deep(name, html, url, rng)
