"""Read-only store for each request; writes (contributed captures) open their own writable store.

Each worker thread keeps its read-only connection between requests: opening one costs about
0.4 ms (SQLite parses the schema on first use), several times a whole lookup. A request still
reads through a read-only connection that no other request uses meanwhile, and every statement
runs in autocommit, so it sees the latest committed write. The database is in WAL mode, so a
capture being written never blocks the lookups being read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Flask, current_app, g

from vetting.store import Store

_local = threading.local()
MAX_READERS_PER_THREAD = 4


def get_store() -> Store:
    if "store" not in g:
        path = current_app.config["DATABASE"]
        readers: OrderedDict[str, Store] = _local.__dict__.setdefault("readers", OrderedDict())
        store = readers.get(path)
        if store is None:
            store = readers[path] = Store(path, readonly=True)
            while len(readers) > MAX_READERS_PER_THREAD:  # apps on many databases (tests)
                readers.popitem(last=False)[1].close()
        g.store = store
    return g.store


def writable_store() -> Store:
    """A separate writable connection for this request, closed at teardown."""
    if "writer" not in g:
        g.writer = Store(current_app.config["DATABASE"])
    return g.writer


def close_stores(exc: BaseException | None = None) -> None:
    g.pop("store", None)  # the thread's reader stays open for its next request
    writer = g.pop("writer", None)
    if writer is not None:
        writer.close()


def register(app: Flask) -> None:
    app.teardown_appcontext(close_stores)
