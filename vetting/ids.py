"""Alibaba IDs and hosts: recognise, normalise and build them. One place defines each shape;
the parsers (`scrapers.ids` re-exports this), the store's alias lookup and the site's links use
it, and `tests/vectors/ids.json` pins the same rules for the extension's `src/lib/ids.js`.

- product pages: ``https://www.alibaba.com/product-detail/<slug>_<digits>.html``
- supplier storefronts: ``<sub>.en.alibaba.com``, ``<sub>.m.en.alibaba.com``,
  ``<sub>.trustpass.alibaba.com``, ``<sub>.m.trustpass.alibaba.com``
- searches: ``https://www.alibaba.com/trade/search?SearchText=...``
- a bare companyId or member id (ASCII digits) or a bare subdomain names a supplier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import SplitResult, parse_qs, urlencode, urlsplit

WWW = "https://www.alibaba.com"
# Longest first: "x.m.en.alibaba.com" is the storefront "x", not "x.m".
SUPPLIER_SUFFIXES = (
    ".m.trustpass.alibaba.com",
    ".m.en.alibaba.com",
    ".trustpass.alibaba.com",
    ".en.alibaba.com",
)
_PRODUCT_PATH = re.compile(r"_(\d{6,})\.html?$")
_SUBDOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# Host labels that are Alibaba services, not supplier storefronts.
RESERVED_SUBDOMAINS = frozenset(
    {"www", "m", "en", "login", "message", "sale", "selection", "fuwu", "passport", "i", "s"}
    | {"sc04", "img", "u", "offer", "onetouch", "cn-click", "gold"}
)
# A companyId as pages carry it (track info, embedded JSON): real ones have 8 to 11 digits
# (e.g. 10352871, 259052175, 14066874395); allow some headroom either way. Lookups by a
# user-given ID accept any ASCII digits (an unknown one is simply not found).
COMPANY_ID_DIGITS = (5, 12)

TargetKind = Literal["product", "supplier", "search", "company_id"]


class NotAlibabaURL(ValueError):
    """Input that is neither an Alibaba URL nor an Alibaba ID; the message is one line."""

    def __init__(self, text: str, why: str = "not an alibaba.com URL or supplier ID"):
        shown = text if len(text) <= 80 else text[:77] + "..."
        super().__init__(f"{why}: {shown!r}")
        self.text = text


@dataclass(frozen=True)
class Target:
    """What a user-given URL or ID points at, with the canonical URL to fetch (if any)."""

    kind: TargetKind
    url: str | None
    product_id: str | None = None
    subdomain: str | None = None
    company_id: str | None = None
    query: str | None = None
    page: int | None = None


def product_url(product_id: str | int) -> str:
    return f"{WWW}/product-detail/_{product_id}.html"


def profile_url(subdomain: str) -> str:
    return f"https://{subdomain}.en.alibaba.com/company_profile.html"


def search_url(query: str, page: int = 1, tab: str = "supplier") -> str:
    params = {"SearchText": query.strip(), "tab": tab, "page": page}
    return f"{WWW}/trade/search?{urlencode(params)}"


def _split(url: str) -> SplitResult | None:
    """`urlsplit`, or None for text it refuses ("//[" raises ValueError, and one such href must
    not make a whole page unparseable)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def alibaba_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address on alibaba.com or a subdomain (``//host`` becomes
    https), else None: the one rule for which addresses count as Alibaba's (saved pages'
    self-links, the fetcher's redirects)."""
    url = absolute((url or "").strip())
    parts = _split(url) if url else None
    if parts is None or parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    if host != "alibaba.com" and not host.endswith(".alibaba.com"):
        return None
    return url


def subdomain_of(host_or_url: str | None) -> str | None:
    """``//Foo.en.alibaba.com/x`` or ``foo.trustpass.alibaba.com`` → ``foo``; else None."""
    if not host_or_url:
        return None
    text = host_or_url.strip().lower()
    parts = _split(text if "//" in text else "//" + text)
    host = (parts.hostname if parts else None) or ""
    for suffix in SUPPLIER_SUFFIXES:
        if host.endswith(suffix):
            sub = host[: -len(suffix)]
            return sub if is_subdomain(sub) else None
    return None


def product_id_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = _split(url.strip())
    match = _PRODUCT_PATH.search(parts.path) if parts else None
    return match.group(1) if match else None


def absolute(url: str | None) -> str | None:
    """Protocol-relative links (``//x.alibaba.com``) as https URLs."""
    if not url:
        return None
    return "https:" + url if url.startswith("//") else url


# ``str.isdigit`` also accepts "²" and "١٢٣"; IDs are ASCII digits only.
_NUMERIC_ID = re.compile(r"[0-9]+")


def is_numeric_id(text: object) -> bool:
    """A companyId, member id or product id: ASCII digits."""
    return isinstance(text, str) and _NUMERIC_ID.fullmatch(text) is not None


def is_company_id(text: object) -> bool:
    """A companyId as a page carries it: `COMPANY_ID_DIGITS` ASCII digits ("12" in a track-info
    string is noise, not a supplier)."""
    low, high = COMPANY_ID_DIGITS
    return is_numeric_id(text) and low <= len(str(text)) <= high


def is_subdomain(text: object) -> bool:
    """A supplier storefront's subdomain label (lowercase), not an Alibaba service's."""
    return (
        isinstance(text, str)
        and _SUBDOMAIN.fullmatch(text) is not None
        and text not in RESERVED_SUBDOMAINS
    )


def is_supplier_key(text: object) -> bool:
    """A supplier id as the parsers key suppliers: a companyId or a supplier-site subdomain."""
    return is_numeric_id(text) or is_subdomain(text)


def normalise_alias(key: str) -> str:
    """`https://Foo.en.alibaba.com/x` → `foo`; digits stay digits; anything else lowercased."""
    # Repeated until stable, so a stored alias always finds itself again ("0 /" → "0 " → "0"
    # took two passes).
    while (once := _normalise_once(key)) != key:
        key = once
    return key


def _normalise_once(key: str) -> str:
    key = key.strip().lower()
    for prefix in ("https://", "http://"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    key = key.split("/", 1)[0]
    for suffix in SUPPLIER_SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


def alibaba_home(alias: str) -> str | None:
    """The supplier's Alibaba mini-site for a subdomain alias (``apdingtai`` → its .en. site)."""
    if is_numeric_id(alias) or not is_subdomain(alias):
        return None
    return f"https://{alias}.en.alibaba.com/"


def parse_target(text: str) -> Target:
    """A URL or ID from the command line → `Target`; anything else raises `NotAlibabaURL`."""
    raw = text.strip()
    if not raw:
        raise NotAlibabaURL(text, "empty URL or ID")
    if raw.isascii() and raw.isdigit():  # not "١٢٣"
        return Target("company_id", None, company_id=raw)
    if "/" not in raw and "." not in raw:
        if _SUBDOMAIN.match(raw.lower()):
            sub = raw.lower()
            return Target("supplier", profile_url(sub), subdomain=sub)
        raise NotAlibabaURL(text)
    url = raw if "://" in raw else "https://" + raw.lstrip("/")
    parts = _split(url)
    if parts is None:
        raise NotAlibabaURL(text, "not a well-formed URL")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not (
        host == "alibaba.com" or host.endswith(".alibaba.com")
    ):
        raise NotAlibabaURL(text)
    storefront = subdomain_of(host)
    if storefront:
        return Target("supplier", profile_url(storefront), subdomain=storefront)
    pid = product_id_of(url)
    if pid:
        return Target("product", product_url(pid), product_id=pid)
    if parts.path.rstrip("/") in ("/trade/search", "/search/product", "/search/supplier"):
        params = parse_qs(parts.query)
        query = (params.get("SearchText") or params.get("keywords") or [""])[0]
        if query:
            page = (params.get("page") or ["1"])[0]
            return Target(
                "search",
                search_url(query, int(page) if page.isdigit() else 1),
                query=query,
                page=int(page) if page.isdigit() else 1,
            )
    raise NotAlibabaURL(text, "an alibaba.com URL, but not a product, supplier or search page")
