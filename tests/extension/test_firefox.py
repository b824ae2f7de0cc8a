"""The extension in real Firefox: Debian's firefox-esr, headless, driven through Marionette
(PyPI `marionette-driver`), the add-on installed as temporary, on the real saved product page
served under its Alibaba name (`network.dns.forceResolve`). No server: the badge is read and
scored by the extension alone. `make test` installs firefox-esr when it is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from tests.helpers.browserkit import free_port, wait_for_port
from tests.helpers.extension_build import load_pack, patch_manifest
from vetcli.pageserver import serve_pages

pytestmark = pytest.mark.browser

JINQI = "/product-detail/x_1600336045319.html"
PREFS = {
    "network.dns.forceResolve": "127.0.0.1",  # every host name → the page server
    "network.dns.disableIPv6": True,
    "dom.security.https_only_mode": False,
    "xpinstall.signatures.required": False,
    "extensions.originControls.grantByDefault": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "app.update.disabledForTesting": True,
    "browser.startup.homepage_override.mstone": "ignore",
    "network.captive-portal-service.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
}
READ_BADGE = """const h = document.querySelector('supplier-vetting-badge');
  return h ? {key: h.dataset.supplier, grade: h.dataset.grade,
    lines: [...h.shadowRoot.querySelectorAll('button .line')].map(s => s.textContent)} : null;"""


def firefox_path() -> str:
    path = shutil.which("firefox-esr") or shutil.which("firefox")
    if not path:
        pytest.skip("Debian's firefox-esr is not installed (make test installs it)")
    return path


def firefox_xpi(target: Path) -> Path:
    """The packed Firefox zip (`make extension`), its manifest patched for http test pages."""
    packed = load_pack().pack("firefox", target.parent / "build")
    with zipfile.ZipFile(packed) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                data = json.dumps(patch_manifest(json.loads(data)), indent=2).encode()
            out.writestr(item, data)
    return target


@pytest.fixture
def firefox(tmp_path):
    marionette = pytest.importorskip("marionette_driver.marionette")
    binary = firefox_path()
    profile = tmp_path / "profile"
    profile.mkdir()
    port = free_port()
    prefs = {**PREFS, "marionette.port": port}
    (profile / "user.js").write_text(
        "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items())
    )
    proc = subprocess.Popen(
        [binary, "--headless", "--marionette", "--no-remote", "--profile", str(profile)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=60)
        client = marionette.Marionette(host="127.0.0.1", port=port)
        client.start_session()
        yield client
        client.delete_session()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_product_page_badge_in_firefox(firefox, real_pages, tmp_path):
    from marionette_driver.addons import Addons

    Addons(firefox).install(str(firefox_xpi(tmp_path / "supplier-vetting.xpi")), temp=True)
    with serve_pages([real_pages]) as (port, _routes):
        firefox.navigate(f"http://www.alibaba.com:{port}{JINQI}")
        deadline = time.monotonic() + 30
        badge = None
        while badge is None:
            assert time.monotonic() < deadline, "no badge in Firefox"
            time.sleep(0.2)
            badge = firefox.execute_script(READ_BADGE)
    assert badge["key"] == "259052175"
    assert badge["grade"] in {"A", "B", "C", "D", "F"}
    assert badge["lines"][0] == "TA ✓ $10,000"
