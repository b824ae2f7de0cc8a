"""Untrusted URLs: only plain http(s) links ever reach an ``href`` or ``src``.

Autoescape stops markup injection but lets ``javascript:`` through, and browsers ignore ASCII
control characters and whitespace inside a scheme (``java\\tscript:`` runs), so those are stripped
before the scheme is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
# C0 controls, space, DEL and the C1 range: what the URL parser drops or chokes on.
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


@lru_cache(maxsize=4096)  # a supplier's signals mostly share one source page
def safe_url(url: object) -> str | None:
    """The URL when its scheme is http or https and it has a host, else ``None``."""
    if not isinstance(url, str):
        return None
    cleaned = _CONTROL.sub("", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    return cleaned
