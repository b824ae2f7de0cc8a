"""The 2025-2026 captures by name, and each blob wrapped the way its real page carries it."""

from __future__ import annotations

import json
from urllib.parse import quote

DETAIL = "2026-09_product-detail_eptusbchina_1601302079515.detailData.json"
PRODUCT_SEARCH = "2026-09_product-search_cid44.sse10_offer_list.json"
SUPPLIER_SEARCH = "2026-09_supplier-search_bluetooth-speaker.PAGE_DATA.json"
STORE = "2026-09_store-feedback_eptusbchina.modules.json"
GONE = "2026-09_product-detail_not-available.html"
REVIEWS = "2026-09_reviews_1601302079515.mtop.json"
AI_MODE = "2026-09_supplier-search-ai_caps.capture.json"


def wrap_script(marker: str, blob_text: str) -> str:
    """The blob as its page carries it: ``<script>marker = {...};</script>`` in a page."""
    return (
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        f"<script>{marker} = {blob_text};</script></body></html>"
    )


def wrap_modules(modules: list[dict]) -> str:
    """Store modules as their page carries them: ``<div module-name=.. module-data='..'>``."""
    divs = "".join(
        f'<div module-name="{m["module_name"]}" '
        f"module-data='{quote(json.dumps({'gdc': m['gdc'], 'mds': m['mds']}))}'></div>"
        for m in modules
    )
    return f"<!DOCTYPE html><html><body>{divs}</body></html>"
