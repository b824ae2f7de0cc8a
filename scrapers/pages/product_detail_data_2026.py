"""2026 product page: ``window.detailData`` with ``nodeMap.module_unifed_company_card``.

What is read, from where and as what: kind ``product-detail-2026`` of ``readspec.json``
(shared with the extension).
"""

from __future__ import annotations

from scrapers.pages.base import PageContext, PageParser
from scrapers.pages.jsonpage import locate, parse_blob, recogniser
from scrapers.pages.readspec import kind_spec
from vetting.model import ParseResult

SPEC = kind_spec("product-detail-2026")


def parse(html: str, ctx: PageContext) -> ParseResult:
    return parse_blob(locate(html, SPEC), SPEC, ctx)


PARSER = PageParser(
    name="product-detail-data-2026",
    kind=SPEC.page_kind,
    version=1,
    recognises=recogniser(SPEC),
    parse=parse,
)
