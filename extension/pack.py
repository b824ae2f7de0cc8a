"""Pack the extension for each store: build/supplier-vetting-<version>-chromium.zip and
build/supplier-vetting-<version>-firefox.zip (`make extension`). Stdlib only.

Each store gets the manifest keys it understands: Chromium runs background.service_worker and
ignores Firefox's settings; Firefox runs background.scripts (it has no MV3 service worker).
Only manifest.json and src/ ship (no tests, no node_modules). Entries get a fixed timestamp so
the same sources give the same zip.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORES = ("chromium", "firefox")
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def store_manifest(manifest: dict, store: str) -> dict:
    out = json.loads(json.dumps(manifest))
    background = out["background"]
    if store == "chromium":
        background.pop("scripts", None)
        out.pop("browser_specific_settings", None)
    else:
        background.pop("service_worker", None)
        out.pop("minimum_chrome_version", None)
        for entry in out.get("web_accessible_resources", []):
            entry.pop("use_dynamic_url", None)  # Chromium-only key
    return out


def files(root: Path = HERE) -> list[Path]:
    return sorted(p for p in (root / "src").rglob("*") if p.is_file())


def pack(store: str, out_dir: Path, root: Path = HERE) -> Path:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    target = out_dir / f"supplier-vetting-{manifest['version']}-{store}.zip"
    out_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("manifest.json", FIXED_TIME)
        body = json.dumps(store_manifest(manifest, store), indent=2, ensure_ascii=False)
        zf.writestr(info, body + "\n", zipfile.ZIP_DEFLATED)
        for path in files(root):
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), FIXED_TIME)
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return target


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else HERE.parent / "build"
    for store in STORES:
        print(pack(store, out_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
