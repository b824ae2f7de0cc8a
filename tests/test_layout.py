"""The test suite's layout: folders that mirror the code, shared code in tests/helpers/ and
fixtures in conftest.py, never a test module imported by another."""

from __future__ import annotations

import re

import pytest

from tests.helpers.paths import ROOT, TESTS

# test folder → the code it tests (the first that exists); hardening is the RELIABILITY.md table.
MIRRORS = {
    "core": ("vetting",),
    "scrapers": ("scrapers",),
    "server": ("server",),
    "sitegen": ("sitegen",),
    "cli": ("vetcli",),
    "extension": ("extension",),
    "hardening": ("RELIABILITY.md",),
}
NOT_TESTS = {"helpers", "snapshots", "vectors", "__pycache__"}
# `tests.x.test_y`, `tests.test_y` or `tests.conftest` as a module path, or `from tests[.x] import
# test_y` (a module of a test folder; `from tests.helpers.m import test_name` is a helper's name)
TEST_MODULE = re.compile(
    r"\btests(?:\.\w+)*\.(?:test_\w+|conftest)\b"
    r"|from\s+tests(?:\.\w+)?\s+import\s+[^\n]*\btest_"
)


def python_files():
    files = [*TESTS.rglob("*.py"), *(ROOT / "bench").rglob("*.py")]
    return sorted(p for p in files if p.name != "test_layout.py")  # its examples below


def test_every_folder_mirrors_the_code():
    folders = {p.name for p in TESTS.iterdir() if p.is_dir()} - NOT_TESTS
    assert folders == set(MIRRORS)
    for folder, code in MIRRORS.items():
        assert any((ROOT / c).exists() for c in code), (folder, code)
        assert (TESTS / folder / "__init__.py").is_file(), folder


def test_test_modules_live_in_their_folder():
    loose = [p.name for p in TESTS.glob("test_*.py") if p.name != "test_layout.py"]
    assert not loose, f"put these in the folder of the code they test: {loose}"
    helpers = [p.name for p in (TESTS / "helpers").glob("test_*.py")]
    assert not helpers, f"helpers are not tests: {helpers}"


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_test_module_is_imported(path):
    """Shared definitions live in tests/helpers/ and fixtures in conftest.py (also checks code
    run in child processes, which is written as strings)."""
    found = TEST_MODULE.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} imports a test module: {found}"


def test_the_check_catches_test_module_imports():
    for line in (
        "from tests.server.test_errors import assert_error",
        "from tests.test_api_foundation import API_KEY",
        "from tests import test_hardening_crash as site_def",
        "from tests.conftest import EXAMPLES",
    ):
        assert TEST_MODULE.search(line), line
    assert not TEST_MODULE.search("from tests.helpers.api import API_KEY, seeded_app")
    assert not TEST_MODULE.search("from tests.helpers.extension_build import test_extension")
