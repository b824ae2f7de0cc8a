"""Where the site builder finds its templates, static files and the extension's coverage module.

They ship as package data: pyproject.toml maps the package `vetting_site` to `site/` (the home of
the report site's templates and static files) and `vetting_site.extension_lib` to
`extension/src/lib/` (the one JavaScript coverage implementation, which the site copies). The
import system finds them the same way in an editable checkout and in an installed wheel, so no
path here is relative to this file and moving the builder is a rename.

`importlib.util.find_spec` rather than `importlib.resources.files`: both packages are namespace
packages (the folders hold no `__init__.py`), and Python 3.11's `files()` fails on a namespace
package served by setuptools' editable finder.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

SITE_PACKAGE = "vetting_site"
EXTENSION_LIB_PACKAGE = "vetting_site.extension_lib"
COVERAGE_MODULE = "coverage.js"


@functools.cache
def package_dir(name: str) -> Path:
    """The folder of a data package, installed or editable."""
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    raise RuntimeError(
        f"package data {name!r} not found: install the project (`pip install .` or `make install`)"
    )


def site_dir() -> Path:
    return package_dir(SITE_PACKAGE)


def templates_dir() -> Path:
    return site_dir() / "templates"


def static_dir() -> Path:
    return site_dir() / "static"


def coverage_js() -> Path:
    return package_dir(EXTENSION_LIB_PACKAGE) / COVERAGE_MODULE
