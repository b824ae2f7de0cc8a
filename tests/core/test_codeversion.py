"""One code version for stored documents and published pages: a rule change (here a weight)
re-scores the stored summaries, serves no document built by the old rules, and re-renders every
page that shows the changed score."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sitegen import build
from sitegen.pipeline import PAGE_CODE, render_version
from tests.helpers.site_fixtures import demo_store
from vetting import scoring_rules
from vetting.codeversion import DOCUMENT_CODE, code_version
from vetting.document import document_version
from vetting.document import supplier_document as supplier_json
from vetting.scoring import score_supplier
from vetting.store import Store

# Core modules that read or write documents but do not shape them.
NOT_DOCUMENT_CODE = {"vetting", "vetting.codeversion", "vetting.store"}
NOT_DOCUMENT_CODE |= {"vetting.config", "vetting.compression"}
NOT_DOCUMENT_CODE |= {"vetting.contributions"}  # decides which values are stored as current
NOT_DOCUMENT_CODE |= {f"vetting.store.{m}" for m in ("schema", "suppliers", "summaries")}
NOT_DOCUMENT_CODE |= {"vetting.store.contributions"}


@pytest.fixture
def fresh_version():
    code_version.cache_clear()
    yield
    code_version.cache_clear()


def stored_scores(store: Store) -> dict[str, int | None]:
    rows = store.db.execute("SELECT supplier_id, score FROM supplier_summary").fetchall()
    return dict(rows)


def test_a_weight_change_rescores_the_store_and_re_renders_every_affected_page(
    tmp_path, monkeypatch, fresh_version
):
    store = demo_store(tmp_path / "vetting.db", hostile=False)
    out = tmp_path / "public"
    build(store, out, workers=1)
    before = stored_scores(store)
    store.close()
    old_versions = document_version(), render_version()

    monkeypatch.setitem(scoring_rules.WEIGHTS, "trade_assurance_yes", 40)
    code_version.cache_clear()  # a new process would hash the new rules
    assert document_version() != old_versions[0] and render_version() != old_versions[1]

    store = Store(tmp_path / "vetting.db")  # a writable open re-scores stale summaries
    try:
        after = stored_scores(store)
        suppliers = store.get_many(list(after))
        changed = [sid for sid in after if after[sid] != before[sid]]
        assert changed, "no demo supplier shows Trade Assurance: the test proves nothing"
        for sid, supplier in suppliers.items():
            assert after[sid] == score_supplier(supplier).value  # the new rules, stored
        served = store.documents(changed)
        for sid in changed:
            assert json.loads(served[sid])["score"] == supplier_json(suppliers[sid])["score"]
        stats = build(store, out, workers=1)
    finally:
        store.close()
    assert stats.rendered == stats.suppliers == len(after)
    for sid, supplier in suppliers.items():
        mirror = json.loads((out / "api/v1/suppliers" / f"{sid}.json").read_text())
        assert mirror == supplier_json(supplier)
    for sid in changed:
        page = (out / "suppliers" / f"{sid}.html").read_text()
        assert f"<span>{after[sid]}/100</span>" in page
    assert "40" in (out / "methodology.html").read_text()


def test_an_unchanged_version_re_renders_nothing(tmp_path):
    store = demo_store(tmp_path / "vetting.db", hostile=False)
    try:
        build(store, tmp_path / "public", workers=1)
        assert build(store, tmp_path / "public", workers=1).rendered == 0
    finally:
        store.close()


def test_the_page_version_covers_the_document_version(monkeypatch, fresh_version):
    """The same rule change moves both versions (the defect: two lists that disagreed)."""
    versions = document_version(), render_version()
    monkeypatch.setitem(scoring_rules.THRESHOLDS, "min_reviews", 999)
    code_version.cache_clear()
    assert document_version() != versions[0] and render_version() != versions[1]


def test_every_module_the_document_builders_import_is_versioned():
    """A new core module imported by the report or the site builder must be hashed too."""
    code = (
        "import sys, vetting.document, sitegen, vetcli.orders\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] == 'vetting')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    covered = set(DOCUMENT_CODE) | NOT_DOCUMENT_CODE
    missing = [
        m
        for m in loaded
        if m not in covered
        and not any(m == p or m.startswith(p + ".") for p in PAGE_CODE)
        and not m.startswith("vetcli")
    ]
    assert missing == []


def test_templates_are_part_of_the_page_version():
    from sitegen import assets
    from vetting.codeversion import _files

    hashed = {rel for rel, _ in _files(assets.SITE_PACKAGE)}
    templates = {f"templates/{p.name}" for p in assets.templates_dir().glob("*.html")}
    assert "templates/supplier.html" in templates and templates <= hashed
