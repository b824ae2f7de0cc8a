"""Shared fixtures: the real saved pages (read in place, never copied), temporary databases."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vetting.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "pages"


def pages_dir() -> Path:
    return Path(os.environ.get("ALIBABA_PAGES") or ROOT.parent / "shared" / "alibaba-pages")


@pytest.fixture(scope="session")
def real_pages() -> Path:
    """The directory of real saved Alibaba pages; skips the test when it is absent."""
    path = pages_dir()
    if not (path / "EXPECTED.jsonl").is_file():
        pytest.skip(f"real saved pages not found at {path} (set ALIBABA_PAGES to their directory)")
    return path


@pytest.fixture(scope="session")
def expected(real_pages: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (real_pages / "EXPECTED.jsonl").read_text().splitlines()]
    return {row["file"]: row for row in rows if row}


def pages_2026_dir() -> Path:
    return Path(
        os.environ.get("ALIBABA_PAGES_2026") or ROOT.parent / "shared" / "alibaba-pages-2026"
    )


@pytest.fixture(scope="session")
def real_pages_2026() -> Path:
    """The 2025-2026 captures (mostly embedded JSON blobs); skips the test when absent."""
    path = pages_2026_dir()
    if not (path / "EXPECTED.jsonl").is_file():
        pytest.skip(
            f"2025-2026 captures not found at {path} (set ALIBABA_PAGES_2026 to their directory)"
        )
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


def read_page(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
