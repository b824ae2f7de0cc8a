"""A removed product's URL (2025-2026): a page titled "Product Not Available" with no seller.

Its outcome is ``not_found``: the product is gone, which says nothing about the supplier, so no
supplier and no listing is written (a blocked or empty page must never read as "no").
"""

from __future__ import annotations

import re

from scrapers.pages.base import PageContext, PageParser
from vetting.model import ParseResult

# The <title> (and og:title) Alibaba serves for a removed or unlisted product.
_TITLE = re.compile(r"<title>\s*Product Not Available\s*</title>", re.IGNORECASE)
HEAD_CHARS = 20_000  # the title sits in the head; never scan a whole page for it


def recognises(html: str) -> bool:
    return _TITLE.search(html, 0, HEAD_CHARS) is not None


def parse(html: str, ctx: PageContext) -> ParseResult:
    return ParseResult(ctx.capture("not_found", "Alibaba says: Product Not Available"))


PARSER = PageParser(
    name="product-gone-2026",
    kind="product-detail",
    version=1,
    recognises=recognises,
    parse=parse,
)
