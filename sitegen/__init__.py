"""Static supplier-report site: read the database → render Jinja templates → write files.

`publish(store, out)` is the entry point the CLI and tests use; `build` returns the statistics.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.pipeline import BuildStats, build
from sitegen.render import environment
from sitegen.safety import safe_url
from vetting.store import Store


def publish(store: Store, out: Path, base_url: str = "/", workers: int | None = None) -> int:
    """Build (incrementally) the site into ``out``; returns the number of files written."""
    return build(store, Path(out), base_url=base_url, workers=workers).written


__all__ = ["BuildStats", "build", "environment", "publish", "safe_url"]
