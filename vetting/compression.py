"""Raw page bodies as stored in ``captures.html_z``: zstandard, with zlib rows still readable.

zstd level 3 on the real saved pages (5.3 MB): ratio 5.8 at ~210 MB/s, where zlib level 6, the
format of older rows, gave ratio 5.6 at ~48 MB/s and was most of `vet import`'s time.
The two formats are told apart by their first bytes, so no column or migration is needed.
"""

from __future__ import annotations

import zlib

ZSTD_LEVEL = 3
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # every zstd frame starts with these bytes; zlib never does


def compress_html(raw: bytes) -> bytes:
    import zstandard  # C extension; imported only when a page is stored

    return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw)


def decompress_html(stored: bytes) -> bytes:
    """The page body from a stored value of either format."""
    if stored[:4] == ZSTD_MAGIC:
        import zstandard

        return zstandard.ZstdDecompressor().decompress(stored)
    return zlib.decompress(stored)
