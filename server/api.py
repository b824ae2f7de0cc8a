"""Supplier lookups under /api/v1."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import Blueprint, jsonify, request

from server.db import get_store
from server.errors import ApiError
from vetting.report import supplier_json
from vetting.store import UnknownSupplier

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _order_value() -> Decimal | None:
    text = request.args.get("order_value")
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0:
        raise ApiError(400, "invalid order value", {"order_value": "must be a positive number"})
    return value


@bp.get("/suppliers/<supplier_id>")
def get_supplier(supplier_id: str):
    order_value = _order_value()
    currency = request.args.get("currency", "USD").upper()
    try:
        supplier = get_store().get(supplier_id)
    except UnknownSupplier:
        raise ApiError(404, f"unknown supplier: {supplier_id}", {"id": supplier_id}) from None
    return jsonify(supplier_json(supplier, order_value, currency))


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "suppliers": get_store().count_suppliers()})
