"""Real pages for the extension's tests, read in place from ../shared (never copied): the 2022-2024
saved HTML as is, and each 2026 JSON blob wrapped in the inline-script assignment (or module-data
attributes) its real page carries it as (../shared/alibaba-pages-2026/README.md). No value is
invented: the blob is the real file's text.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from tests.helpers.paths import pages_2026_dir  # noqa: F401 (re-exported)

# file suffix → the assignment its page makes, and a URL of that page kind
ASSIGNMENTS = {
    ".detailData.json": (
        "window.detailData = ",
        "https://www.alibaba.com/product-detail/x_{id}.html",
    ),
    ".sse10_offer_list.json": (
        "window.__page__data_sse10._offer_list = ",
        "https://www.alibaba.com/trade/search?SearchText=x",
    ),
    ".PAGE_DATA.json": (
        "window._PAGE_DATA_ = ",
        "https://www.alibaba.com/trade/search?tab=supplier",
    ),
}


def script_page(assignment: str, blob: str, body: str = "") -> str:
    safe = blob.replace("</", "<\\/")  # as a page's own serialiser does inside <script>
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wrapped real blob'
        f"</title></head><body>{body}<script>\n{assignment}{safe};\n</script></body></html>"
    )


def modules_page(modules: list[dict]) -> str:
    divs = "".join(
        f"<div module-name=\"{m['module_name']}\" module-data='{quote(json.dumps(m))}'></div>"
        for m in modules
    )
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"></head>'
    return f"{head}<body>{divs}</body></html>"


def wrapped_2026(path: Path) -> tuple[str, str] | None:
    """(html, url) of the page that embeds this 2026 blob, or None for files that are not pages."""
    name = path.name
    for suffix, (assignment, url) in ASSIGNMENTS.items():
        if name.endswith(suffix):
            product = name.split("_")[-1].split(".")[0]
            return script_page(assignment, path.read_text(encoding="utf-8")), url.format(id=product)
    if name.endswith(".modules.json"):
        sub = name.split("_")[-1].split(".")[0]
        modules = json.loads(path.read_text(encoding="utf-8"))
        return modules_page(modules), f"https://{sub}.en.alibaba.com/company_profile/feedback.html"
    if name.endswith(".html"):
        return path.read_text(encoding="utf-8"), "https://www.alibaba.com/product-detail/x_1.html"
    return None


URLS_2022 = {
    "product-detail": "https://www.alibaba.com/product-detail/x_{id}.html",
    "supplier-profile": "https://{sub}.en.alibaba.com/company_profile.html",
}


def url_2022(path: Path) -> str:
    name = path.name
    if "_product-detail" in name:
        return f"https://www.alibaba.com/product-detail/x_{name.rsplit('_', 1)[1][:-5]}.html"
    if "_supplier-profile_" in name:
        sub = name.rsplit("_", 1)[1][:-5]
        return f"https://{sub}.en.alibaba.com/company_profile.html"
    if "supplier-search" in name:
        return "https://www.alibaba.com/trade/search?SearchText=x&tab=supplier"
    return "https://www.alibaba.com/trade/search?SearchText=x"
