"""Supplier lookups: single, batched (the extension's one call per page), search, history."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request
from werkzeug.routing import BaseConverter

from server.db import get_store
from server.documents import order_errors, order_from
from server.errors import ApiError
from server.inputs import (
    Fields,
    choice,
    integer,
    json_body,
    json_object,
    number,
    path_key,
    supplier_key,
    text,
    unknown_keys,
    url,
)
from server.observed import observed_signals
from vetting.document import dump, supplier_document
from vetting.model import Supplier
from vetting.store import SEARCH_SORTS, UnknownSupplier

bp = Blueprint("suppliers", __name__, url_prefix="/api/v1")

MAX_BATCH = 100
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 200
GRADES = {g.lower(): g for g in ("A", "B", "C", "D", "F")} | {"insufficient": "insufficient"}
TRI_STATE = {"yes": True, "true": True, "no": False, "false": False, "unknown": None}
SEARCH_PARAMS = {"q", "grade", "ta", "min_ta_limit", "verified", "sort", "page", "per_page"}
ITEM_KEYS = {"id", "signals", "url", "name"}


class SupplierIdConverter(BaseConverter):
    """Any path segment except the batch endpoint's name, so GET /suppliers/lookup is a 405."""

    regex = r"(?!lookup$)[^/]+"


def _unknown(key: str) -> ApiError:
    return ApiError(404, f"unknown supplier: {key}", {"id": key})


@bp.get("/suppliers/<sid:supplier_id>")
def get_supplier(supplier_id: str):
    key = path_key(supplier_id)
    order = order_from(request.args)
    if order is None:  # the common case: the stored document, no re-serialising
        doc = get_store().document_texts([key]).get(key)
        if doc is None:
            raise _unknown(key)
        return Response(doc, mimetype="application/json")
    try:
        supplier = get_store().get(key)
    except UnknownSupplier:
        raise _unknown(key) from None
    with order_errors():
        return jsonify(supplier_document(supplier, order=order))


@bp.get("/suppliers/<sid:supplier_id>/history")
def get_history(supplier_id: str):
    key = path_key(supplier_id)
    store = get_store()
    try:
        rows = store.history(key)
    except UnknownSupplier:
        raise _unknown(key) from None
    return jsonify(
        {
            "supplier_id": store.resolve(key),
            "observations": len(rows),
            "changes": signal_changes(rows),
        }
    )


def signal_changes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each time a signal's value differs from its previous observation (first sighting too:
    ``from`` is null there, meaning it was unknown before)."""
    last: dict[str, Any] = {}
    changes = []
    for row in rows:
        name, value = row["name"], row["value"]
        if name in last and last[name] == value:
            continue
        changes.append(
            {
                "signal": name,
                "from": last.get(name),
                "to": value,
                "observed_at": row["observed_at"],
                "source_url": row["source_url"],
                "page_kind": row["page_kind"],
                "extractor": row["extractor"],
                "capture_id": row["capture_id"],
            }
        )
        last[name] = value
    return changes


@bp.post("/suppliers/lookup")
def lookup():
    fields = Fields()
    body = json_object(fields, json_body())
    unknown_keys(fields, body, {"items", "order"}, "")
    items = body.get("items")
    if not isinstance(items, list):
        fields.add("items", "must be a list of supplier IDs or {id, signals} objects")
        fields.check()
    if len(items) > MAX_BATCH:
        fields.add("items", f"at most {MAX_BATCH} items per call, got {len(items)}")
        fields.check("batch too long")
    order_data = body.get("order")
    if order_data is not None and not isinstance(order_data, dict):
        fields.add("order", "must be an object")
    parsed = [_item(fields, item, f"items[{i}]") for i, item in enumerate(items)]
    fields.check()
    order = None if order_data is None else order_from(order_data, "order.", required=True)
    keys = [key for key, _ in parsed]
    if order is None:
        return _lookup_raw(keys, parsed)
    found = get_store().get_many(keys)
    results = [_result(key, observed, found.get(key), order) for key, observed in parsed]
    counts = {status: 0 for status in ("found", "observed", "unknown")}
    for result in results:
        counts[result["status"]] += 1
    return jsonify({"results": results, "counts": counts})


def _lookup_raw(keys: list[str], parsed: list[tuple[str, Supplier | None]]) -> Response:
    """The batch without an order: stored documents spliced in as JSON text (the same shape
    as `_result` gives, without parsing and re-serialising 60 documents)."""
    docs = get_store().document_texts(keys)
    counts = {"found": 0, "observed": 0, "unknown": 0}
    parts = []
    for key, observed in parsed:
        doc = docs.get(key)
        if doc is not None:
            status, source = "found", '"database"'
        elif observed is not None and observed.signals:
            status, source, doc = "observed", '"observed"', dump(supplier_document(observed))
        else:
            status, source, doc = "unknown", "null", "null"
        counts[status] += 1
        parts.append(f'{{"id":{dump(key)},"status":"{status}","source":{source},"supplier":{doc}}}')
    body = '{"results":[' + ",".join(parts) + '],"counts":' + dump(counts) + "}"
    return Response(body, mimetype="application/json")


def _item(fields: Fields, item: Any, field: str) -> tuple[str, Supplier | None]:
    """(key, observed supplier or None) from an ID or an {id, signals, url, name} object."""
    if not isinstance(item, dict):
        return supplier_key(fields, item, field) or "", None
    unknown_keys(fields, item, ITEM_KEYS, f"{field}.")
    key = supplier_key(fields, item.get("id"), f"{field}.id") or ""
    page = url(fields, item.get("url"), f"{field}.url")
    name = text(fields, item.get("name"), f"{field}.name")
    if item.get("signals") is None:
        return key, None
    signals = observed_signals(fields, item["signals"], f"{field}.signals", page)
    observed = Supplier(supplier_id=key, name=name, signals={s.name: s for s in signals})
    return key, observed


def _result(
    key: str, observed: Supplier | None, stored: Supplier | None, order: Any
) -> dict[str, Any]:
    if stored is not None:
        with order_errors():
            doc = supplier_document(stored, order=order)
        return {"id": key, "status": "found", "source": "database", "supplier": doc}
    if observed is not None and observed.signals:
        with order_errors():
            doc = supplier_document(observed, order=order)
        return {"id": key, "status": "observed", "source": "observed", "supplier": doc}
    return {"id": key, "status": "unknown", "source": None, "supplier": None}


@bp.get("/suppliers")
def search():
    fields = Fields()
    args = request.args
    unknown_keys(fields, args, SEARCH_PARAMS, "")
    q = text(fields, args.get("q"), "q", MAX_QUERY_CHARS)
    grade = choice(fields, args.get("grade"), "grade", GRADES)
    ta = choice(fields, args.get("ta"), "ta", TRI_STATE) if "ta" in args else "any"
    verified = (
        choice(fields, args.get("verified"), "verified", TRI_STATE) if "verified" in args else "any"
    )
    min_limit = number(fields, args.get("min_ta_limit"), "min_ta_limit")
    sort = args.get("sort", "name")
    if sort not in SEARCH_SORTS:
        fields.add("sort", "must be one of: " + ", ".join(SEARCH_SORTS))
    page = integer(fields, args.get("page"), "page", 1, 1, MAX_PAGE)
    per_page = integer(fields, args.get("per_page"), "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    fields.check()
    total, suppliers = get_store().search(
        q=q or None,
        grade=grade,
        ta=ta,
        min_ta_limit=None if min_limit is None else float(min_limit),
        verified=verified,
        sort=sort,
        limit=per_page,
        offset=(page - 1) * per_page,
    )
    pages = (total + per_page - 1) // per_page
    return jsonify(
        {
            "total": total,
            "page": page,
            "per_page": per_page,
            "pages": pages,
            "items": [supplier_document(s) for s in suppliers],
            "links": {
                "self": _page_link(page),
                "next": _page_link(page + 1) if page < pages else None,
                "prev": _page_link(page - 1) if 1 < page <= pages + 1 else None,
            },
        }
    )


def _page_link(page: int) -> str:
    params = {k: v for k, v in request.args.items() if k != "page"}
    params["page"] = str(page)
    return f"{request.path}?{urlencode(params)}"
