"""Raw page bodies as stored in ``captures.html_z``: zstandard, with zlib rows still readable.

zstd level 1 on the 11 real 2022-2024 saved pages (5.3 MB): ratio 5.3 at ~340 MB/s; level 3
gave ratio 5.8 at ~235 MB/s, and zlib level 6, the format of older rows, ratio 5.6 at ~48 MB/s
(it was most of `vet import`'s time). Pages are kept for a later reparse, not served, so 8%
more bytes buy a third less compression time. Making a compressor costs as much as compressing
a page, so each thread keeps one (an instance must not be shared between threads).
The two formats are told apart by their first bytes, so no column or migration is needed.

zstd releases the GIL while it works, so `compress_in_background` lets a page be compressed on
another core while it is parsed (`vet import` and POST /captures: 2-4 ms of each page's ~10).
"""

from __future__ import annotations

import threading
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

ZSTD_LEVEL = 1
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # every zstd frame starts with these bytes; zlib never does
_local = threading.local()
_background: ThreadPoolExecutor | None = None
_background_lock = threading.Lock()


def _compressor() -> Any:
    found = getattr(_local, "compressor", None)
    if found is None:
        import zstandard  # C extension; imported only when a page is stored

        found = _local.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
    return found


def compress_html(raw: bytes) -> bytes:
    return _compressor().compress(raw)


def compress_in_background(raw: bytes) -> Future[bytes]:
    """`compress_html(raw)` on a worker thread; ``.result()`` gives the stored bytes."""
    global _background
    with _background_lock:
        if _background is None:
            _background = ThreadPoolExecutor(1, thread_name_prefix="compress")
    return _background.submit(compress_html, raw)


def decompress_html(stored: bytes) -> bytes:
    """The page body from a stored value of either format."""
    if stored[:4] == ZSTD_MAGIC:
        import zstandard

        return zstandard.ZstdDecompressor().decompress(stored)
    return zlib.decompress(stored)
