"""GET /healthz and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, jsonify

from server.db import get_store
from server.openapi import document

bp = Blueprint("meta", __name__, url_prefix="/api/v1")


@bp.get("/healthz")
def healthz():
    store = get_store()
    return jsonify({"status": "ok", "suppliers": store.count_suppliers()})


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())
