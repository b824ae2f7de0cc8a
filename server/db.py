"""One read-only store per request; writes (contributed captures) open their own."""

from __future__ import annotations

from flask import Flask, current_app, g

from vetting.store import Store


def get_store() -> Store:
    if "store" not in g:
        g.store = Store(current_app.config["DATABASE"], readonly=True)
    return g.store


def close_store(_exc: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def register(app: Flask) -> None:
    app.teardown_appcontext(close_store)
