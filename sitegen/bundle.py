"""A classic-script bundle of ES modules, so the report's calculator also runs on file://.

Browsers refuse module scripts on file:// (each import is a CORS request with an opaque origin),
so a page opened straight from disk would lose its calculator. The site's modules use only
``import * as N from "./x.js"``, ``import { a, b } from "./x.js"`` and ``export`` on
declarations (const / let / function / class); anything else is refused with an error at build
time rather than bundled wrongly. Each module becomes a function returning its exports, in
dependency order, inside one IIFE; the entry's exports are published on ``window[GLOBAL]``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

IMPORT = re.compile(
    r"""^import\s+(?:\*\s+as\s+(?P<ns>\w+)|\{(?P<names>[^}]*)\})\s+"""
    r"""from\s+["']\./(?P<file>[\w.-]+\.js)["'];?[ \t]*$""",
    re.M,
)
EXPORT_DECL = re.compile(r"^export\s+(?=(?:async\s+)?(?:const|let|function\*?|class)\b)", re.M)
DECLARED = re.compile(r"^(?:async\s+)?(?:const|let|function\*?|class)\s+(\w+)", re.M)
ANY_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b(?!\s*\()", re.M)
GLOBAL = "SupplierCalc"


class BundleError(ValueError):
    pass


def bundle(entry: Path, search: dict[str, Path], global_name: str = GLOBAL) -> str:
    """One classic script from ``entry`` and the modules it imports; ``search`` maps a file name
    to its path (the site copies modules from several directories into one)."""
    order: list[str] = []
    bodies: dict[str, str] = {}

    def visit(name: str, path: Path, stack: tuple[str, ...]) -> None:
        if name in bodies:
            return
        if name in stack:
            raise BundleError(f"import cycle: {' -> '.join((*stack, name))}")
        text = path.read_text(encoding="utf-8")
        for m in IMPORT.finditer(text):
            dep = m["file"]
            if dep not in search:
                raise BundleError(f"{path.name} imports ./{dep}, which is not known to the bundle")
            visit(dep, search[dep], (*stack, name))
        bodies[name] = _module_body(path.name, text)
        order.append(name)

    visit(entry.name, entry, ())
    parts = [
        f"// Built from {', '.join(order)} by sitegen/bundle.py: do not edit.",
        "(function () {",
        '"use strict";',
        "const modules = {};",
    ]
    for name in order:
        parts.append(f"modules[{json.dumps(name)}] = (function () {{\n{bodies[name]}\n}})();")
    parts.append(f"window[{json.dumps(global_name)}] = modules[{json.dumps(entry.name)}];")
    parts.append("})();\n")
    return "\n".join(parts)


def _module_body(name: str, text: str) -> str:
    exported = [m for m in DECLARED.findall(_after_exports(text))]

    def rewrite_import(m: re.Match[str]) -> str:
        source = f"modules[{json.dumps(m['file'])}]"
        if m["ns"]:
            return f"const {m['ns']} = {source};"
        names = [n.strip() for n in m["names"].split(",") if n.strip()]
        if any(not re.fullmatch(r"\w+", n) for n in names):
            raise BundleError(f"{name}: only plain named imports are supported: {m[0]!r}")
        return f"const {{ {', '.join(names)} }} = {source};"

    body = IMPORT.sub(rewrite_import, text)
    body = EXPORT_DECL.sub("", body)
    leftover = ANY_MODULE_SYNTAX.search(body)
    if leftover:
        line = body[leftover.start() :].splitlines()[0]
        raise BundleError(f"{name}: module syntax the bundle does not handle: {line.strip()!r}")
    return f"{body.rstrip()}\nreturn {{ {', '.join(exported)} }};"


def _after_exports(text: str) -> str:
    """The declarations that follow an ``export`` keyword, one per line."""
    return "\n".join(text[m.end() :].split("\n", 1)[0] for m in EXPORT_DECL.finditer(text))
