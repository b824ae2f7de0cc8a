"""The code that produced a document: one hash, so a stored document or a published page made by
other code is never served as current.

A supplier's JSON document (stored in `supplier_summary`, served by the API) depends on the core
modules below and the rule values they hold; a published page depends on those plus the site
builder and its templates, which the builder passes as `extra`. Both versions come from this one
function, so the page version always covers everything the document version covers.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

# Every core module whose code or tables shape a supplier document (its score, reasons, order
# check, contract advice and claim deadlines). tests/core/test_codeversion.py checks that nothing
# the document builders import is missing here.
DOCUMENT_CODE = (
    "vetting.model",
    "vetting.scoring",
    "vetting.scoring_rules",
    "vetting.document",  # the document itself
    "vetting.orders",
    "vetting.order_input",
    "vetting.policy",
    "vetting.contract",
    "vetting.ical",
    "vetting.errors",
    "vetting.dates",  # which dates and times are read, and their bounds
    "vetting.ids",  # the supplier's Alibaba links
    "vetting.display",  # how values are worded
    "vetting.currencies",  # which order currencies are accepted
)


@functools.cache
def code_version(extra: tuple[str, ...] = ()) -> str:
    """A hash of the document modules' sources, the scoring rules' values as this process holds
    them, and every file of the `extra` modules or packages (code, templates).

    Hashed once per process: the modules in memory are what builds documents, even if the files
    change on disk meanwhile (`code_version.cache_clear()` after patching a rule in a test)."""
    from vetting import scoring_rules  # the values in memory, not only the file

    digest = hashlib.blake2b(digest_size=16)
    for name in (*DOCUMENT_CODE, *extra):
        for rel, path in _files(name):
            digest.update(f"{name}/{rel}".encode() + b"\0" + path.read_bytes() + b"\0")
    rules = json.dumps(scoring_rules.methodology(), sort_keys=True, default=str)
    digest.update(rules.encode())
    return digest.hexdigest()


def _files(name: str) -> Iterator[tuple[str, Path]]:
    """A module's source file, or every file of a package's folders (without bytecode)."""
    spec = importlib.util.find_spec(name)
    if spec is None:
        raise RuntimeError(f"cannot version {name!r}: not importable")
    if spec.submodule_search_locations is None:
        yield Path(spec.origin or "").name, Path(spec.origin or "")
        return
    for location in spec.submodule_search_locations:
        root = Path(location)
        if not root.is_dir():
            continue  # setuptools' editable path hook entry
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path.relative_to(root).as_posix(), path
