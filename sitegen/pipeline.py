"""read → render → write, in parallel processes, incrementally.

The store's per-supplier change tokens tell which suppliers changed since the manifest's build
(or all of them when the templates or scoring code changed); only those are loaded and rendered,
by a pool of processes that each open the database read-only. A page is written only when its
content hash differs; pages of removed suppliers are deleted. The index, downloads and sitemap
are joined from the rows cached in the manifest.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitegen import aggregate, assets
from sitegen.manifest import Manifest, Rendered, digest
from sitegen.render import Renderer
from sitegen.staging import PublishError, Staging, listing, remove_temporaries, write_staged
from vetting.codeversion import code_version
from vetting.dates import read_timestamp
from vetting.document import supplier_document
from vetting.scoring import STALE_AFTER
from vetting.store import Store

CHUNK = 250  # suppliers per task: big enough to amortise IPC, small enough to balance
SERIAL_BELOW = 400  # fewer changed suppliers than this render in-process (no pool start-up)
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")  # IDs become file names
# Besides the document's code, a page depends on the site builder and its templates.
PAGE_CODE = (__package__ or "sitegen", assets.SITE_PACKAGE)


@dataclass
class BuildStats:
    suppliers: int = 0
    rendered: int = 0
    written: int = 0
    deleted: int = 0
    skipped_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # read tokens, render, aggregate

    @property
    def pages_per_second(self) -> float:
        return self.rendered * 2 / self.seconds if self.seconds else 0.0


def render_version() -> str:
    """A hash of everything a supplier page depends on besides its data: the document's code
    and rules, the site builder and its templates."""
    return code_version(PAGE_CODE)


# -- worker side ------------------------------------------------------------------------------

_worker: dict[str, Any] = {}


Staged = list[tuple[Path, Path]]  # (target, temporary) written by a worker


def _init_worker(db_path: str, out: str, build_id: str) -> None:
    _worker["store"] = Store(db_path, readonly=True)
    _worker["renderer"] = Renderer()
    _worker["out"] = Path(out)
    _worker["build_id"] = build_id


def _render_chunk(
    items: list[tuple[str, str | None, str | None]],
) -> tuple[list[Rendered], int, Staged]:
    """Render and stage the suppliers of one chunk; returns their manifest rows, the number
    of files written and the staged files (put in place once the whole build succeeded)."""
    store: Store = _worker["store"]
    renderer: Renderer = _worker["renderer"]
    out: Path = _worker["out"]
    found = store.get_many([sid for sid, _, _ in items])
    rendered: list[Rendered] = []
    staged: Staged = []
    written = 0
    for sid, old_html, old_json in items:
        supplier = found.get(sid)
        if supplier is None:
            continue  # removed while we were building; the next build drops it
        doc = supplier_document(supplier)
        html = renderer.supplier_page(doc, store.history(sid)).encode("utf-8")
        api = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        html_hash, json_hash = digest(html), digest(api)
        for target, content, new_hash, old_hash in (
            (out / "suppliers" / f"{sid}.html", html, html_hash, old_html),
            (out / "api/v1/suppliers" / f"{sid}.json", api, json_hash, old_json),
        ):
            if new_hash != old_hash or not target.exists():  # unchanged: not even touched
                staged.append((target, write_staged(target, content, _worker["build_id"])))
                written += 1
        sort_key, row_html, row_json, row_csv = renderer.row_parts(doc)
        rendered.append((sid, sort_key, html_hash, json_hash, row_html, row_json, row_csv))
    return rendered, written, staged


# -- main side --------------------------------------------------------------------------------


def build(
    store: Store, out: Path, base_url: str = "/", workers: int | None = None, full: bool = False
) -> BuildStats:
    started = time.perf_counter()
    stats = BuildStats()
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("suppliers", "api/v1/suppliers", "static"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    remove_temporaries(out)  # left by a killed build
    manifest = Manifest(out)
    staging = Staging(out)
    try:
        version = render_version()
        identity = database_identity(store)
        if manifest.get_meta("database") != identity:
            manifest.forget()  # built from another database (or by an older version)
        elif full or manifest.get_meta("version") != version:
            manifest.rerender_all()
        mark = time.perf_counter()
        tokens = _tokens(store)
        stats.skipped_ids = sorted(sid for sid in tokens if not SAFE_ID.match(sid))
        for sid in stats.skipped_ids:
            del tokens[sid]
        stats.suppliers = len(tokens)
        old = manifest.tokens()
        # What is on disk, not only what the manifest says: a page deleted by hand is written
        # again, and pages of suppliers this database does not have are deleted.
        html_on_disk = listing(out / "suppliers", ".html")
        json_on_disk = listing(out / "api/v1/suppliers", ".json")
        todo = [
            (sid, *(old[sid][1:] if sid in old else (None, None)))
            for sid, tok in tokens.items()
            if sid not in old
            or old[sid][0] != tok
            or sid not in html_on_disk
            or sid not in json_on_disk
        ]
        removed = [sid for sid in old if sid not in tokens]
        strays = (html_on_disk | json_on_disk) - tokens.keys()
        stats.rendered = len(todo)
        stats.phases["changes"] = time.perf_counter() - mark
        mark = time.perf_counter()
        pages_written = _render_all(store, out, todo, tokens, manifest, workers, staging)
        stats.deleted += _delete_suppliers(out, strays, html_on_disk, json_on_disk, staging)
        manifest.drop(removed)
        manifest.set_meta("version", version)
        manifest.set_meta("database", identity)
        stats.phases["render"] = time.perf_counter() - mark
        mark = time.perf_counter()
        written, deleted = aggregate.write_site(out, manifest, base_url, staging)
        # Everything rendered: files into place first, then the manifest (see staging.py).
        staging.commit()
        manifest.commit()
        stats.phases["site-wide"] = time.perf_counter() - mark
        stats.written = written + pages_written
        stats.deleted += deleted
    except Exception as exc:
        staging.abandon()
        manifest.rollback()
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise PublishError(f"publishing failed, the previous site is unchanged: {reason}") from exc
    except BaseException:
        staging.abandon()
        raise
    finally:
        manifest.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _render_all(
    store: Store,
    out: Path,
    todo: list[tuple[str, str | None, str | None]],
    tokens: dict[str, str],
    manifest: Manifest,
    workers: int | None,
    staging: Staging,
) -> int:
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    workers = workers or os.cpu_count() or 1
    if len(todo) < SERIAL_BELOW or workers == 1:
        _init_worker(store.path, str(out), staging.build_id)
        written = 0
        try:
            for chunk in chunks:
                rendered, count, staged = _render_chunk(chunk)
                staging.add(staged)
                manifest.save(rendered, tokens)
                written += count
        finally:
            _worker.pop("store").close()
        return written
    # fork: workers inherit the imported modules, so start-up costs milliseconds
    ctx = multiprocessing.get_context("fork")
    written = 0
    with ctx.Pool(workers, _init_worker, (store.path, str(out), staging.build_id)) as pool:
        for rendered, count, staged in pool.imap_unordered(_render_chunk, chunks):
            staging.add(staged)
            manifest.save(rendered, tokens)
            written += count
    return written


def database_identity(store: Store) -> str:
    """Which database a site was built from: its file and the id it was created with."""
    return f"{os.path.realpath(store.path)}\x1f{store.database_id() or ''}"


def _tokens(store: Store) -> dict[str, str]:
    """Change tokens, plus whether the supplier is stale now: the score warns STALE_DATA once
    the last check is older than the scoring threshold, without any change in the store."""
    stale_before = datetime.now(UTC) - STALE_AFTER
    tokens = {}
    for sid, last_seen, token in store.change_tokens():
        seen = _parse(last_seen)
        stale = seen is not None and seen < stale_before
        tokens[sid] = token + ("\x1fstale" if stale else "")
    return tokens


_parse = read_timestamp


def _delete_suppliers(
    out: Path, ids: set[str], html: set[str], api: set[str], staging: Staging
) -> int:
    """Stage the deletion of the pages of ``ids`` that are on disk; returns how many."""
    deleted = 0
    for sid in ids:
        for on_disk, path in (
            (html, out / "suppliers" / f"{sid}.html"),
            (api, out / "api/v1/suppliers" / f"{sid}.json"),
        ):
            if sid in on_disk:
                staging.delete(path)
                deleted += 1
    return deleted
