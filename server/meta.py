"""GET / (where to start), GET /healthz and the OpenAPI document."""

from __future__ import annotations

import sqlite3
import time

from flask import Blueprint, jsonify

from server.db import get_store
from server.errors import error_response
from server.openapi import document

bp = Blueprint("meta", __name__, url_prefix="/api/v1")
root = Blueprint("root", __name__)
# What GET / links to: a person who opens the server's address sees where to go next.
LINKS = {
    "docs": "/api/v1/openapi.json",
    "health": "/api/v1/healthz",
    "suppliers": "/api/v1/suppliers",
    "supplier": "/api/v1/suppliers/{id}",
}


@root.get("/")
def index():
    return jsonify(
        {
            "name": "supplier-vetting API",
            "description": "What an Alibaba supplier's badges are worth; JSON under /api/v1.",
            "links": LINKS,
        }
    )


# SQLite's quick check reads the whole file, so each worker runs it at most this often and
# answers from its last result in between (a probe every second must not scan 1 GB).
INTEGRITY_EVERY_S = 30.0
_checked: dict[str, tuple[float, str | None]] = {}  # database path -> (when, problem)


@bp.get("/healthz")
def healthz():
    store = get_store()
    when, problem = _checked.get(store.path, (float("-inf"), None))
    if time.monotonic() - when >= INTEGRITY_EVERY_S:
        problem = store.integrity_problem()
        _checked[store.path] = (time.monotonic(), problem)
    try:
        count = store.count_suppliers() if problem is None else 0
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem is not None:
        return error_response(
            503, "the database failed its integrity check", {"database": problem[:300]}
        )
    return jsonify({"status": "ok", "suppliers": count})


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())
