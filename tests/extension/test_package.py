"""`make extension`: one zip per store, each with the manifest keys its browser runs, and the
packed Chromium zip loads and badges a real page (the Firefox zip: tests/extension/test_firefox).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.helpers.browserkit import browser_context
from tests.helpers.extension_build import EXTENSION, load_pack, test_extension
from vetcli.pageserver import serve_pages

HOST_RULES = "MAP *.alibaba.com 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


@pytest.fixture(scope="module")
def packed(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("build")
    pack = load_pack()
    return {store: pack.pack(store, out) for store in pack.STORES}


def manifest_of(zip_path: Path) -> dict:
    with zipfile.ZipFile(zip_path) as zf:
        return json.loads(zf.read("manifest.json"))


def test_one_zip_per_store_with_its_own_background_key(packed):
    chromium, firefox = manifest_of(packed["chromium"]), manifest_of(packed["firefox"])
    assert chromium["background"] == {
        "service_worker": "src/background/worker.js",
        "type": "module",
    }
    assert "browser_specific_settings" not in chromium
    assert firefox["background"] == {"scripts": ["src/background/worker.js"], "type": "module"}
    assert firefox["browser_specific_settings"]["gecko"]["id"]
    for zip_path in packed.values():
        names = zipfile.ZipFile(zip_path).namelist()
        assert not any(n.startswith(("test/", "node_modules/", "tools/")) for n in names)
        shipped = {p.relative_to(EXTENSION).as_posix() for p in (EXTENSION / "src").rglob("*")}
        assert {n for n in names if n != "manifest.json"} == {
            s for s in shipped if (EXTENSION / s).is_file()
        }


def test_packing_is_reproducible(packed, tmp_path):
    again = load_pack().pack("chromium", tmp_path)
    assert again.read_bytes() == packed["chromium"].read_bytes()


@pytest.mark.browser
def test_the_packed_chromium_zip_loads_and_badges_a_page(packed, real_pages, tmp_path):
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(packed["chromium"]).extractall(unpacked)
    ext = test_extension(tmp_path / "ext", source=unpacked)
    with (
        serve_pages([real_pages]) as (port, _routes),
        browser_context(tmp_path / "profile", ext, HOST_RULES) as context,
    ):
        page = context.new_page()
        page.goto(f"http://www.alibaba.com:{port}/product-detail/x_1600336045319.html")
        page.wait_for_selector("html[data-supplier-vetting-badges='1']", state="attached")
        text = page.evaluate(
            "() => document.querySelector('supplier-vetting-badge').shadowRoot.textContent"
        )
        assert "TA ✓ $10,000" in text
