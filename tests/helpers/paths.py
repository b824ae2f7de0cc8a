"""Where the tests find things, in one place (test files sit at different depths): the repo, the
fictional example pages, the shared vectors, and the real saved pages read in place from
../shared (never copied), each with its environment override and the reason a test skips."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TESTS = ROOT / "tests"
EXAMPLES = ROOT / "examples" / "pages"
VECTORS = TESTS / "vectors"
SNAPSHOTS = TESTS / "snapshots"
EXTENSION = ROOT / "extension"


def pages_dir() -> Path:
    """The 2022-2024 saved pages: ``$ALIBABA_PAGES`` or ``<repo>/../shared/alibaba-pages``."""
    return Path(os.environ.get("ALIBABA_PAGES") or ROOT.parent / "shared" / "alibaba-pages")


def pages_2026_dir() -> Path:
    """The 2025-2026 captures: ``$ALIBABA_PAGES_2026`` or ``<repo>/../shared/alibaba-pages-2026``
    (mostly the JSON blobs real pages embed)."""
    return Path(
        os.environ.get("ALIBABA_PAGES_2026") or ROOT.parent / "shared" / "alibaba-pages-2026"
    )


def pages_missing(path: Path) -> str:
    return f"real saved pages not found at {path} (set ALIBABA_PAGES to their directory)"


def pages_2026_missing(path: Path) -> str:
    return f"2025-2026 captures not found at {path} (set ALIBABA_PAGES_2026 to their directory)"


def read_page(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
