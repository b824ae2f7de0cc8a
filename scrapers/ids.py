"""Alibaba IDs and URLs: recognise, normalise and build them. One place defines each URL shape.

- product pages: ``https://www.alibaba.com/product-detail/<slug>_<digits>.html``
- supplier sites: ``<sub>.en.alibaba.com``, ``<sub>.m.en.alibaba.com``,
  ``<sub>.trustpass.alibaba.com``
- searches: ``https://www.alibaba.com/trade/search?SearchText=...``
- a bare companyId (digits) or a bare subdomain names a supplier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import SplitResult, parse_qs, urlencode, urlsplit

WWW = "https://www.alibaba.com"
SUPPLIER_SUFFIXES = (".m.en.alibaba.com", ".en.alibaba.com", ".trustpass.alibaba.com")
_PRODUCT_PATH = re.compile(r"_(\d{6,})\.html?$")
_SUBDOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_RESERVED_SUBDOMAINS = {"www", "m", "en", "login", "message", "sale", "selection"}

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
    """`urlsplit`, or None for text it refuses (hardening, issue 8: "//[" raises ValueError,
    and one such href must not make a whole page unparseable)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


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
            return sub if _SUBDOMAIN.match(sub) and sub not in _RESERVED_SUBDOMAINS else None
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


# Hardening (issue 8): ``str.isdigit`` also accepts "²" and "١٢٣"; IDs are ASCII digits only.
_NUMERIC_ID = re.compile(r"[0-9]+")


def is_numeric_id(text: object) -> bool:
    """A companyId or product id: ASCII digits."""
    return isinstance(text, str) and _NUMERIC_ID.fullmatch(text) is not None


def is_supplier_key(text: object) -> bool:
    """A supplier id as the parsers key suppliers: a companyId or a supplier-site subdomain."""
    if is_numeric_id(text):
        return True
    return (
        isinstance(text, str)
        and _SUBDOMAIN.fullmatch(text) is not None
        and text not in _RESERVED_SUBDOMAINS
    )


def parse_target(text: str) -> Target:
    """A URL or ID from the command line → `Target`; anything else raises `NotAlibabaURL`."""
    raw = text.strip()
    if not raw:
        raise NotAlibabaURL(text, "empty URL or ID")
    if raw.isascii() and raw.isdigit():  # hardening (issue 8): not "١٢٣"
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
    sub = subdomain_of(host)
    if sub:
        return Target("supplier", profile_url(sub), subdomain=sub)
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
