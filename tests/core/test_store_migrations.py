"""Migrations never call today's application code: a migration that called `write_summaries`
(or any other application function) would change meaning the day that code changes, and break
upgrades of old databases. Each migration may use only the standard library, builtins and what
the schema module itself defines."""

from __future__ import annotations

import ast
import builtins
import inspect
import linecache
import sys
import textwrap
import types
from collections.abc import Callable

from vetting.store import schema

PROJECT = ("vetting", "scrapers", "server", "vetcli", "sitegen")


def _is_project(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in PROJECT


def foreign_references(migration: Callable, home: types.ModuleType) -> list[str]:
    """Names the migration uses that come from project code outside ``home`` (its module)."""
    func = ast.parse(textwrap.dedent(inspect.getsource(migration))).body[0]
    assert isinstance(func, ast.FunctionDef)
    body = [node for stmt in func.body for node in ast.walk(stmt)]  # not the annotations
    local = {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
    local |= {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            local |= {(a.asname or a.name).split(".")[0] for a in node.names}
    found = []
    for node in body:
        if isinstance(node, ast.ImportFrom) and (node.level or _is_project(node.module)):
            found.append(f"imports from {node.module or '.'}")
        elif isinstance(node, ast.Import):
            found += [f"imports {a.name}" for a in node.names if _is_project(a.name)]
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id in local or node.id == migration.__name__:
                continue
            if node.id not in vars(home):
                assert hasattr(builtins, node.id), f"{migration.__name__}: unknown {node.id}"
                continue
            value = vars(home)[node.id]
            origin = getattr(value, "__module__", None)
            if isinstance(value, types.ModuleType):
                origin = value.__name__
            if _is_project(origin) and origin != home.__name__:
                found.append(f"{node.id} from {origin}")
    return found


def test_no_migration_calls_code_outside_the_schema_module():
    assert schema.MIGRATIONS, "no migrations found: the test proves nothing"
    offenders = {
        m.__name__: refs for m in schema.MIGRATIONS if (refs := foreign_references(m, schema))
    }
    assert offenders == {}


def test_every_migration_lives_in_the_schema_module():
    assert all(m.__module__ == schema.__name__ for m in schema.MIGRATIONS)


def test_the_check_finds_a_migration_that_calls_application_code():
    """A migration like the one that once filled summaries with today's `write_summaries`."""
    home = types.ModuleType("fake_schema")
    source = textwrap.dedent(
        """
        from vetting.store.summaries import write_summaries

        def _m_fill(db):
            write_summaries(db, [r[0] for r in db.execute("SELECT supplier_id FROM suppliers")])

        def _m_lazy(db):
            from vetting.store.summaries import write_summaries as fill
            fill(db, [])

        def _m_fine(db):
            db.execute("ALTER TABLE suppliers ADD COLUMN note TEXT")
        """
    )
    path = "fake_schema_for_test.py"
    exec(compile(source, path, "exec"), vars(home))
    # inspect.getsource reads a function's source through linecache
    linecache.cache[path] = (len(source), None, source.splitlines(keepends=True), path)
    sys.modules["fake_schema"] = home
    try:
        fill, lazy, fine = home._m_fill, home._m_lazy, home._m_fine
        assert foreign_references(fill, home) == ["write_summaries from vetting.store.summaries"]
        assert foreign_references(lazy, home) == ["imports from vetting.store.summaries"]
        assert foreign_references(fine, home) == []
    finally:
        del sys.modules["fake_schema"]
        linecache.cache.pop(path, None)
