"""Stored page bodies: new rows are zstd, rows written by older versions (zlib) still read."""

from __future__ import annotations

import zlib

from vetting.compression import ZSTD_MAGIC, compress_html, decompress_html
from vetting.model import Capture, ParseResult
from vetting.store import Store
from vetting.store.pages import stored_pages

PAGE = ("<html><body>" + "<p>Trade Assurance 12,000 USD</p>" * 400 + "</body></html>").encode()


def test_new_rows_are_zstd_and_smaller_than_the_page():
    stored = compress_html(PAGE)
    assert stored.startswith(ZSTD_MAGIC) and len(stored) < len(PAGE) / 10
    assert decompress_html(stored) == PAGE


def test_old_zlib_rows_still_read(tmp_path):
    store = Store(tmp_path / "v.db")
    new_id = store.record(ParseResult(Capture(url="https://a/new", kind="x", outcome="ok")), PAGE)
    old_id = store.record(ParseResult(Capture(url="https://a/old", kind="x", outcome="ok")), PAGE)
    with store.db.conn:  # as an older version wrote it
        store.db.conn.execute(
            "UPDATE captures SET html_z = ? WHERE id = ?", [zlib.compress(PAGE, 6), old_id]
        )
    got = {row["id"]: raw for row, raw in stored_pages(store)}
    assert got == {new_id: PAGE, old_id: PAGE}


def test_threads_compressing_at_once_each_round_trip():
    # Each thread keeps its own compressor: a shared one corrupts frames under concurrent use.
    from concurrent.futures import ThreadPoolExecutor

    pages = [PAGE + str(i).encode() * i for i in range(64)]
    with ThreadPoolExecutor(8) as pool:
        stored = list(pool.map(compress_html, pages))
    assert [decompress_html(s) for s in stored] == pages
