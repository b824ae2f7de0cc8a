"""GET / (where to start), GET /healthz and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, jsonify

from server.db import get_store
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


@bp.get("/healthz")
def healthz():
    store = get_store()
    return jsonify({"status": "ok", "suppliers": store.count_suppliers()})


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())
