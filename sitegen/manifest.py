"""The build manifest: what the last build wrote, so the next one rewrites only what changed.

A small SQLite file in the output directory (``.manifest.sqlite``; leave it out when uploading).
Per supplier it keeps the store's change token, the content hashes of its two pages and its
index row (HTML, JSON and CSV), so the index, downloads and sitemap are rebuilt by joining
cached rows instead of re-reading every supplier.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

MANIFEST_NAME = ".manifest.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS suppliers (
    supplier_id TEXT PRIMARY KEY, token TEXT, sort_key TEXT,
    html_hash TEXT, json_hash TEXT, row_html TEXT, row_json TEXT, row_csv TEXT);
CREATE INDEX IF NOT EXISTS suppliers_sort ON suppliers (sort_key);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, hash TEXT);
"""
# (supplier_id, sort_key, html_hash, json_hash, row_html, row_json, row_csv)
Rendered = tuple[str, str, str, str, str, str, str]


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Manifest:
    def __init__(self, out: Path):
        self.conn = sqlite3.connect(out / MANIFEST_NAME)
        self.conn.executescript(SCHEMA)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()

    def close(self) -> None:
        """Closes without committing: a build commits only once its files are in place."""
        self.conn.rollback()
        self.conn.close()

    def forget(self) -> None:
        """Trust nothing of the last build (another database built it): render everything."""
        self.conn.execute("DELETE FROM suppliers")
        self.conn.execute("DELETE FROM files")

    def rerender_all(self) -> None:
        """Render every supplier again (new code or a full build), keeping the file hashes."""
        self.conn.execute("UPDATE suppliers SET token = NULL")

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def tokens(self) -> dict[str, tuple[str, str, str]]:
        """supplier_id → (token, html_hash, json_hash) of the last build."""
        rows = self.conn.execute("SELECT supplier_id, token, html_hash, json_hash FROM suppliers")
        return {sid: (tok, h, j) for sid, tok, h, j in rows}

    def save(self, rendered: Iterable[Rendered], tokens: dict[str, str]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO suppliers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((r[0], tokens[r[0]], *r[1:]) for r in rendered),
        )

    def drop(self, ids: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM suppliers WHERE supplier_id = ?", ((i,) for i in ids))

    def rows(self) -> Iterator[tuple[str, str, str, str]]:
        """(supplier_id, row_html, row_json, row_csv) in index order."""
        yield from self.conn.execute(
            "SELECT supplier_id, row_html, row_json, row_csv FROM suppliers ORDER BY sort_key"
        )

    def file_hashes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT path, hash FROM files"))

    def set_files(self, hashes: dict[str, str]) -> None:
        self.conn.execute("DELETE FROM files")
        self.conn.executemany("INSERT INTO files VALUES (?, ?)", hashes.items())
