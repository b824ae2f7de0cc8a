"""`vet`: the composition root. Each area's commands live in their own module of this package."""

from __future__ import annotations

import click

from vetting.cli.common import main

# Importing a module registers its commands on `main`.
from vetting.cli import data, run  # noqa: E402,F401

__all__ = ["main"]
