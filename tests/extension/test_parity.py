"""Parity: every real page through both readers, Python (`scrapers.pages.parse_page`) and the
extension's (extension/tools/read-page.mjs in node), must give the same suppliers and, for
every signal the extension reads on that page kind, the same value, unknown alike.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from scrapers.pages import parse_page
from tests.helpers.extension_pages import pages_2026_dir, url_2022, wrapped_2026
from tests.helpers.paths import ROOT, pages_dir, read_page
from vetting.model import Money

TOOL = ROOT / "extension" / "tools" / "read-page.mjs"
SPEC_TOOL = ROOT / "extension" / "tools" / "spec-signals.mjs"


# Parsers that read only rendered markup: the node reader has no DOM to read it from.
DOM_ONLY_PARSERS = {"product-detail-2026", "supplier-card-2022", "product-detail-fragment-2026"}


def real_pages() -> list[tuple[str, Path]]:
    out = [("2022-2024", p) for p in sorted(pages_dir().glob("*.html"))]
    out += [("2026", p) for p in sorted(pages_2026_dir().glob("*")) if wrapped_2026(p)]
    return out


PAGES = real_pages()


def node() -> str:
    path = shutil.which("node")
    if not path:
        pytest.skip("node is not installed")
    return path


def js_read(html: str, url: str) -> dict:
    done = subprocess.run(
        [node(), str(TOOL), url], input=html, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def spec_signals() -> dict[str, list[str]]:
    done = subprocess.run([node(), str(SPEC_TOOL)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def plain(value):
    """A comparable form: money as (Decimal, currency), numbers as Decimal."""
    if isinstance(value, Money):
        return (value.amount.normalize(), value.currency)
    if isinstance(value, dict) and {"amount", "currency"} <= value.keys():
        return (Decimal(str(value["amount"])).normalize(), value["currency"])
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return Decimal(str(value)).normalize()
    return value


@pytest.mark.skipif(not PAGES, reason="no real pages in ../shared (set ALIBABA_PAGES[_2026])")
@pytest.mark.parametrize(("generation", "path"), PAGES, ids=[p.name for _, p in PAGES])
def test_both_readers_agree(generation, path):
    if generation == "2026":
        html, url = wrapped_2026(path)
    else:
        html, url = read_page(path), url_2022(path)
    py = parse_page(html, url)
    js = js_read(html, url)
    if py.capture.outcome == "blocked":
        assert js["blocked"], "Python says blocked, the extension read it"
        return
    assert not js["blocked"], f"the extension says blocked ({js['blocked']}), Python does not"
    page = js["page"]
    if page is None and py.capture.parser in DOM_ONLY_PARSERS:
        pytest.skip(
            f"{py.capture.parser}: a page without embedded data; the extension reads its "
            "rendered cards in the browser (tests/extension/test_e2e.py), not in node"
        )
    py_suppliers = {o.supplier_id: o for o in py.suppliers}
    js_suppliers = {s["companyId"]: s for s in (page or {}).get("suppliers", [])}
    assert set(js_suppliers) == set(py_suppliers)
    read = spec_signals().get(page["generation"] if page else "", [])
    assert page is None or read, f"no reading rule named {page and page['generation']}"
    for sid, obs in py_suppliers.items():
        py_values = {s.name: plain(s.value) for s in obs.signals}
        js_values = {k: plain(v) for k, v in js_suppliers[sid]["signals"].items()}
        for name in read:
            assert js_values.get(name) == py_values.get(name), (sid, name)
