"""The 2025-2026 captures by name, and each blob wrapped the way its real page carries it (the
wrapping of tests/helpers/extension_pages.py, which the snapshots and the extension tests use)."""

from __future__ import annotations

from tests.helpers.extension_pages import modules_page, script_page

DETAIL = "2026-09_product-detail_eptusbchina_1601302079515.detailData.json"
PRODUCT_SEARCH = "2026-09_product-search_cid44.sse10_offer_list.json"
SUPPLIER_SEARCH = "2026-09_supplier-search_bluetooth-speaker.PAGE_DATA.json"
STORE = "2026-09_store-feedback_eptusbchina.modules.json"
GONE = "2026-09_product-detail_not-available.html"
REVIEWS = "2026-09_reviews_1601302079515.mtop.json"
AI_MODE = "2026-09_supplier-search-ai_caps.capture.json"


def wrap_script(marker: str, blob_text: str) -> str:
    """The blob as its page carries it: ``<script>marker = {...};</script>`` in a page."""
    return script_page(f"{marker} = ", blob_text)


def wrap_modules(modules: list[dict]) -> str:
    """Store modules as their page carries them: ``<div module-name=.. module-data='..'>``."""
    return modules_page(modules)
