"""Crash-safe publishing: every file of a build is written under a temporary name beside its
target, and only when the whole build succeeded are they renamed into place (`os.replace` is
atomic), the files of removed suppliers deleted and the manifest committed.

So a kill -9 or a full disk mid-build leaves the previous site as it was (plus hidden
temporaries, removed by the next build), never a truncated page; a kill during the renames
leaves each page either old or new, and the manifest, committed last, makes the next build
redo what the interrupted one changed.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

TMP_SUFFIX = ".publish-tmp"


class PublishError(Exception):
    """A build failed; the message is one line and says the previous site is unchanged."""


def temporary_name(target: Path, build_id: str) -> Path:
    return target.with_name(f".{target.name}.{build_id}{TMP_SUFFIX}")


def write_staged(target: Path, data: bytes, build_id: str) -> Path:
    """Write ``data`` to the temporary name of ``target`` (durable enough for a static site:
    no fsync per file, 200,000 of them in a big build); returns that name."""
    tmp = temporary_name(target, build_id)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


class Staging:
    """The files one build will put in place (target → temporary) and the files it will delete."""

    def __init__(self, out: Path):
        self.out = out
        self.build_id = uuid.uuid4().hex[:12]
        self.files: dict[Path, Path] = {}
        self.deletions: list[Path] = []

    def put(self, target: Path, data: bytes) -> None:
        self.files[target] = write_staged(target, data, self.build_id)

    def add(self, staged: list[tuple[Path, Path]]) -> None:
        self.files.update(staged)

    def delete(self, path: Path) -> None:
        self.deletions.append(path)

    def commit(self) -> None:
        for target, tmp in self.files.items():
            os.replace(tmp, target)
        self.files.clear()
        for path in self.deletions:
            path.unlink(missing_ok=True)

    def abandon(self) -> None:
        for tmp in self.files.values():
            tmp.unlink(missing_ok=True)
        self.files.clear()
        remove_temporaries(self.out, self.build_id)


def remove_temporaries(out: Path, build_id: str = "") -> int:
    """Delete temporaries left by a killed build (or this build's, given its id)."""
    removed = 0
    for folder in (out, out / "suppliers", out / "api/v1/suppliers", out / "static"):
        if not folder.is_dir():
            continue
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") and name.endswith(build_id + TMP_SUFFIX):
                    Path(entry.path).unlink(missing_ok=True)
                    removed += 1
    return removed


def listing(folder: Path, suffix: str) -> set[str]:
    """Stems of the visible ``*suffix`` files in ``folder`` (one directory read, no stat)."""
    if not folder.is_dir():
        return set()
    with os.scandir(folder) as entries:
        return {
            e.name[: -len(suffix)]
            for e in entries
            if e.name.endswith(suffix) and not e.name.startswith(".")
        }
