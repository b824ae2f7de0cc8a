"""The shape of the code: no import cycles (counting imports inside functions, which hid two),
one input-error type, one CLI error path."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.paths import ROOT
from vetting.errors import InputError
from vetting.orders import OrderError
from vetting.policy import EventError

PACKAGES = ("vetting", "scrapers", "server", "sitegen", "vetcli")


def module_names() -> dict[str, Path]:
    mods = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            mods[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return mods


def imports_of(path: Path, mods: dict[str, Path]) -> set[str]:
    """Every project module imported anywhere in the file, except `if TYPE_CHECKING:` blocks;
    `from pkg import submodule` counts as importing the submodule."""
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            for child in node.orelse if name == "TYPE_CHECKING" else [*node.body, *node.orelse]:
                self.visit(child)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level == 0 and node.module:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in mods else node.module)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in mods}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    mods = module_names()
    graph = {name: imports_of(path, mods) - {name} for name, path in mods.items()}
    assert cycles(graph) == []


def test_cycle_finder_finds_a_hidden_cycle():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


@pytest.mark.parametrize("error", [OrderError, EventError])
def test_every_input_error_is_one_type_naming_the_field(error):
    exc = error("paid", "not a date")
    assert isinstance(exc, InputError) and isinstance(exc, ValueError)
    assert (exc.field, str(exc)) == ("paid", "not a date")


def test_the_cli_has_one_error_path():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "vetcli").glob("*.py"))
        if path.name != "common.py" and "def _fail" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_contract_error_is_one_line_naming_the_field(tmp_path):
    from vetcli import main

    db = str(tmp_path / "v.db")
    pages = sorted(str(p) for p in (ROOT / "examples" / "pages").glob("*.html"))
    assert CliRunner().invoke(main, ["--db", db, "import", *pages]).exit_code == 0
    supplier = json.loads(CliRunner().invoke(main, ["--db", db, "export"]).output.splitlines()[0])
    bad = tmp_path / "terms.json"
    bad.write_text("[1, 2", encoding="utf-8")
    args = ["--supplier", supplier["supplier_id"], "--value", "1000", "--contract", str(bad)]
    result = CliRunner().invoke(main, ["--db", db, "check-order", *args])
    assert result.exit_code == 1
    assert result.output.startswith("error: contract: ") and result.output.count("\n") == 1


APPS = ("sitegen", "vetcli", "server", "scrapers")


def _top(module: str) -> str:
    return module.split(".")[0]


def test_the_core_imports_no_app():
    """The core (model, store, scoring, orders, policy, ...) stands alone; the apps sit beside
    it and import it, never the other way round."""
    mods = module_names()
    offenders = sorted(
        f"{name} imports {dep}"
        for name, path in mods.items()
        if _top(name) == "vetting"
        for dep in imports_of(path, mods)
        if _top(dep) in APPS
    )
    assert offenders == []


def test_the_server_reaches_the_scrapers_only_through_ingestion():
    mods = module_names()
    offenders = sorted(
        f"{name} imports {dep}"
        for name, path in mods.items()
        if _top(name) == "server"
        for dep in imports_of(path, mods)
        if _top(dep) == "scrapers" and dep != "scrapers.ingest"
    )
    assert offenders == []
    assert any(
        "scrapers.ingest" in imports_of(p, mods) for n, p in mods.items() if _top(n) == "server"
    )


def test_no_app_imports_the_composition_root():
    """`vetcli` composes the apps; nothing imports it."""
    mods = module_names()
    offenders = sorted(
        f"{name} imports {dep}"
        for name, path in mods.items()
        if _top(name) != "vetcli"
        for dep in imports_of(path, mods)
        if _top(dep) == "vetcli"
    )
    assert offenders == []


def test_the_layer_check_sees_a_function_level_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from scrapers.pages import parse_page\n", encoding="utf-8")
    assert imports_of(module, module_names()) == {"scrapers.pages"}
