"""Golden snapshots: every real saved page parses to exactly its stored result
(tests/snapshots/<file>.json: capture, every supplier with every signal's value, raw text and
extractor, every listing). After an intended parser change: `make snapshots`, review the diff."""

from __future__ import annotations

import json

import pytest

from tests.helpers import snapshots
from tests.helpers.paths import (
    SNAPSHOTS,
    pages_2026_dir,
    pages_2026_missing,
    pages_dir,
    pages_missing,
)

STORED = sorted(SNAPSHOTS.glob("*.json"))
FOLDERS = {
    "alibaba-pages": (pages_dir, pages_missing),
    "alibaba-pages-2026": (pages_2026_dir, pages_2026_missing),
}


def test_there_are_snapshots():
    assert len(STORED) >= 18


@pytest.mark.parametrize("stored", STORED, ids=[p.name.removesuffix(".json") for p in STORED])
def test_parse_matches_snapshot(stored):
    want = json.loads(stored.read_text(encoding="utf-8"))
    folder, missing = FOLDERS[want["pages"]]
    page = folder() / want["file"]
    if not page.is_file():
        pytest.skip(missing(folder()))
    got = json.loads(snapshots.dumps(snapshots.snapshot_of(want["pages"], page)))
    assert got["capture"] == want["capture"]
    assert got["suppliers"] == want["suppliers"]
    assert got["listings"] == want["listings"]
    assert got == want


def test_every_real_page_has_a_snapshot():
    pages = snapshots.real_pages()
    if not pages:
        pytest.skip(pages_missing(pages_dir()))
    missing = [p.name for _, p in pages if not snapshots.snapshot_path(p).is_file()]
    assert not missing, "no snapshot yet (make snapshots): " + ", ".join(missing)


def test_snapshots_hold_parse_results_not_pages():
    for stored in STORED:
        text = stored.read_text(encoding="utf-8")
        assert "<html" not in text.lower() and "<script" not in text.lower(), stored.name
        assert set(json.loads(text)) == {"file", "pages", "url", "capture", "suppliers", "listings"}
