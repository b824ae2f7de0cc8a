"""`vet`: the composition root. Each area's commands live in their own module of this package."""

from __future__ import annotations

# Importing a command module registers its commands on `main`; `main` imports each one only
# when its command runs (vetcli.common.COMMAND_MODULES).
from vetcli.common import main

__all__ = ["main"]
