"""2026 product search: ``window.__page__data_sse10._offer_list``, one supplier per offer.

What is read, from where and as what: kind ``product-search-2026`` of ``readspec.json``
(shared with the extension).
"""

from __future__ import annotations

from scrapers.pages.base import PageContext, PageParser
from scrapers.pages.jsonpage import locate, parse_blob, recogniser
from scrapers.pages.readspec import kind_spec
from vetting.model import ParseResult

SPEC = kind_spec("product-search-2026")


def parse(html: str, ctx: PageContext) -> ParseResult:
    return parse_blob(locate(html, SPEC), SPEC, ctx)


PARSER = PageParser(
    name="product-search-2026",
    kind=SPEC.page_kind,
    version=1,
    recognises=recogniser(SPEC),
    parse=parse,
)
