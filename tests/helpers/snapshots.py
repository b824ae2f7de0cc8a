"""Golden snapshots: the full parse result of every real saved page, as JSON under
tests/snapshots/<file>.json (derived data, never a copy of a page).

Regenerate after an intended parser change, then review the diff:

    make snapshots        # = .venv/bin/python -m tests.helpers.snapshots --write

The pages are read in place (``$ALIBABA_PAGES`` / ``$ALIBABA_PAGES_2026``, default
``../shared/alibaba-pages[-2026]``); each 2026 blob is wrapped in the inline assignment (or the
module-data attributes) its real page carries it as, as the extension's tests do.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from scrapers.pages import parse_page
from tests.helpers.extension_pages import url_2022, wrapped_2026
from tests.helpers.paths import SNAPSHOTS, pages_2026_dir, pages_dir, read_page

# A fixed fetch time, so a snapshot depends on the page and the parsers only.
FETCHED_AT = "2026-01-01T00:00:00+00:00"
NOT_PAGES = {"EXPECTED.jsonl", "PROVENANCE.tsv", "README.md"}


def real_pages() -> list[tuple[str, Path]]:
    """(set name, path) of every real page present, in both folders."""
    found = []
    for name, folder in (("alibaba-pages", pages_dir()), ("alibaba-pages-2026", pages_2026_dir())):
        if folder.is_dir():
            found += [(name, p) for p in sorted(folder.iterdir()) if p.name not in NOT_PAGES]
    return found


def page_input(set_name: str, path: Path) -> tuple[str, str]:
    """(html, url) the parsers get for this file."""
    if set_name == "alibaba-pages":
        return read_page(path), url_2022(path)
    wrapped = wrapped_2026(path)
    if wrapped is not None:
        return wrapped
    # API answers and other tools' captures are not pages: parsed as they are.
    return read_page(path), "https://www.alibaba.com/trade/search?SearchText=x"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return {type(value).__name__: str(value)}


def snapshot_of(set_name: str, path: Path) -> dict:
    """The parse result as plain JSON data: the capture (without its fetch time), every
    supplier with every signal, every listing."""
    html, url = page_input(set_name, path)
    result = parse_page(html, url, fetched_at=FETCHED_AT, source="import")
    doc = _plain(result)
    doc["capture"].pop("fetched_at", None)
    return {"file": path.name, "pages": set_name, "url": url, **doc}


def snapshot_path(path: Path) -> Path:
    return SNAPSHOTS / f"{path.name}.json"


def dumps(doc: dict) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the snapshots")
    args = parser.parse_args(argv)
    pages = real_pages()
    if not pages:
        print(f"no real pages at {pages_dir()} or {pages_2026_dir()}", file=sys.stderr)
        return 1
    changed = []
    for set_name, path in pages:
        text = dumps(snapshot_of(set_name, path))
        target = snapshot_path(path)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            changed.append(target.name)
            if args.write:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    verb = "written" if args.write else "differ (run with --write)"
    print(f"{len(pages)} pages, {len(changed)} snapshots {verb}: {', '.join(changed) or '-'}")
    return 0 if args.write or not changed else 1


if __name__ == "__main__":
    raise SystemExit(main())
