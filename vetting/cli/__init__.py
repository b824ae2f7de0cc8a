"""`vet`: the composition root. Each area's commands live in their own module of this package."""

from __future__ import annotations

# Importing a module registers its commands on `main`.
from vetting.cli import contributions, data, orders, run, scrape, worker  # noqa: E402,F401
from vetting.cli.common import main

__all__ = ["main"]
