"""The extension as the browser tests load it.

The shipped manifest matches only https://*.alibaba.com and grants no API origin (optional
permissions, requested at runtime). The saved pages are served over plain http on 127.0.0.1
(under their Alibaba names, ``--host-resolver-rules``), and a browser driven headless cannot
click a permission prompt, so the tests load a copy whose manifest adds exactly that: http
matches for *.alibaba.com and, when given, the test API's origin as if the user had granted it.
Everything else (src/, every other manifest key) is the shipped extension byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers.paths import ROOT

EXTENSION = ROOT / "extension"
HTTP_PAGES = "http://*.alibaba.com/*"


def patch_manifest(manifest: dict, api_origins: tuple[str, ...] = ()) -> dict:
    out = json.loads(json.dumps(manifest))
    out["host_permissions"] = [*out["host_permissions"], HTTP_PAGES, *api_origins]
    for script in out["content_scripts"]:
        script["matches"] = [*script["matches"], HTTP_PAGES]
    for entry in out.get("web_accessible_resources", []):
        entry["matches"] = [*entry["matches"], HTTP_PAGES]
    return out


def test_extension(
    target: Path, source: Path = EXTENSION, api_origins: tuple[str, ...] = ()
) -> Path:
    """Copy `source` (an extension folder or an unpacked zip) to `target`, manifest patched."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source / "src", target / "src")
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    (target / "manifest.json").write_text(
        json.dumps(patch_manifest(manifest, api_origins), indent=2), encoding="utf-8"
    )
    return target


test_extension.__test__ = False  # a builder, not a pytest test


if (
    __name__ == "__main__"
):  # `python -m tests.helpers.extension_build DIR`: the build for `vet demo --pages`
    import sys

    print(test_extension(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/extension-http")))


def load_pack():
    import importlib.util

    spec = importlib.util.spec_from_file_location("pack", EXTENSION / "pack.py")
    assert spec and spec.loader
    pack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pack)
    return pack
