"""The shared vectors (also run by the extension's node tests)."""

from __future__ import annotations

import json

from tests.helpers.paths import VECTORS as VECTORS_DIR

VECTORS = VECTORS_DIR / "values.json"
CASES = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
