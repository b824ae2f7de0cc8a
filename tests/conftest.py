"""Shared fixtures: the real saved pages (read in place, never copied), temporary databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.paths import (
    pages_2026_dir,
    pages_2026_missing,
    pages_dir,
    pages_missing,
)
from vetting.store import Store

# Speed is measured by bench/, never by unit tests: a loaded machine must not fail a property.
settings.register_profile("vetting", deadline=None)
settings.load_profile("vetting")


@pytest.fixture(scope="session")
def real_pages() -> Path:
    """The directory of real saved Alibaba pages; skips the test when it is absent."""
    path = pages_dir()
    if not (path / "EXPECTED.jsonl").is_file():
        pytest.skip(pages_missing(path))
    return path


@pytest.fixture(scope="session")
def expected(real_pages: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (real_pages / "EXPECTED.jsonl").read_text().splitlines()]
    return {row["file"]: row for row in rows if row}


@pytest.fixture(scope="session")
def real_pages_2026() -> Path:
    """The 2025-2026 captures (mostly embedded JSON blobs); skips the test when absent."""
    path = pages_2026_dir()
    if not (path / "EXPECTED.jsonl").is_file():
        pytest.skip(pages_2026_missing(path))
    return path


@pytest.fixture(scope="session")
def expected_2026(real_pages_2026: Path) -> dict[str, list[dict]]:
    """EXPECTED.jsonl rows by file: one row per supplier (or per page without one)."""
    rows: dict[str, list[dict]] = {}
    for line in (real_pages_2026 / "EXPECTED.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.setdefault(row["file"], []).append(row)
    return rows


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "vetting.db"


@pytest.fixture
def store(db_path: Path):
    s = Store(db_path)
    yield s
    s.close()
