"""Where a saved page came from: its own address, never the importing machine's file path.

A page saved from the browser usually names itself (``<link rel="canonical">`` or
``<meta property="og:url">``); failing that it is labelled ``saved page <file name>``. Only
http(s) addresses on alibaba.com are taken from the page: its markup is untrusted.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from vetting.ids import alibaba_url

HEAD_CHARS = 300_000  # the canonical link sits in <head>; never scan a 50 MB body for it
SAVED_PREFIX = "saved page "
# Only <link> and <meta> tags can name the page; the parser sees just those (parsing a whole
# 300 KB head was a tenth of an import). `[^<>]*` stops at the next angle bracket: linear. One
# scan finds them and the end of the head (lower-casing the head first cost 2-4 ms a page).
_CANDIDATE_TAGS = re.compile(r"<(?:link|meta)\b[^<>]*>|</head\b", re.IGNORECASE)


class _SelfLink(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.found.append(values.get("href", ""))
        elif tag == "meta" and values.get("property", "").lower() == "og:url":
            self.found.append(values.get("content", ""))


def page_url(html: str) -> str | None:
    """The page's own alibaba.com address from its canonical link or og:url, if it has one."""
    tags = []
    for match in _CANDIDATE_TAGS.finditer(html, 0, HEAD_CHARS):
        tag = match.group()
        if tag.startswith("</"):
            break
        lowered = tag.lower()
        if "canonical" in lowered or "og:url" in lowered:  # the only tags that can name it
            tags.append(tag)
    finder = _SelfLink()
    try:
        finder.feed("".join(tags))
    except (AssertionError, ValueError):  # malformed markup: no address, not a crash
        return None
    return next((u for u in map(alibaba_url, finder.found) if u), None)


def saved_source(html: str, path: Path, url: str | None = None) -> str:
    """The source recorded for a saved page: ``url`` if given, the page's own address, else
    ``saved page <file name>`` (the file name only: the directory is the user's business)."""
    return url or page_url(html) or f"{SAVED_PREFIX}{path.name}"
