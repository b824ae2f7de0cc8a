"""The OpenAPI 3.1 document of the API, built from the same constants the views validate with.

Every Flask route appears here (a test checks it), and schemathesis checks the implementation
against it. Cross-field rules that JSON Schema cannot state (a deposit above the order value,
pre-shipment cover without a deposit, a limit in another currency without a rate) are in the
descriptions and answered with 400.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from server.inputs import MAX_NUMBER, MAX_TEXT_CHARS, MAX_URL_CHARS, URL_PATTERN
from server.openapi_paths import capture_paths, meta_paths, order_paths
from server.openapi_schemas import (
    GET_ERRORS,
    POST_ERRORS,
    components,
    error,
    id_or_int,
    id_param,
    json_content,
    nullable,
    ok,
    order_query_params,
    ref,
)
from server.suppliers import (
    DEFAULT_PER_PAGE,
    GRADES,
    MAX_BATCH,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    TRI_STATE,
)
from vetting.store import SEARCH_SORTS

API_VERSION = "1.0.0"


def _lookup_paths() -> dict[str, Any]:
    item = {
        "oneOf": [
            *id_or_int()["oneOf"],
            {
                "type": "object",
                "required": ["id"],
                "additionalProperties": False,
                "properties": {
                    "id": id_or_int(),
                    "signals": nullable(ref("ObservedSignals")),
                    "url": nullable(
                        {"type": "string", "maxLength": MAX_URL_CHARS, "pattern": URL_PATTERN}
                    ),
                    "name": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
                },
            },
        ]
    }
    result = {
        "type": "object",
        "required": ["id", "status", "source", "supplier"],
        "properties": {
            "id": {"type": "string"},
            "status": {"enum": ["found", "observed", "unknown"]},
            "source": {"enum": ["database", "observed", None]},
            "supplier": nullable(ref("Supplier")),
        },
    }
    return {
        "/api/v1/suppliers/lookup": {
            "post": {
                "operationId": "lookupSuppliers",
                "summary": "Batch lookup: one result per item, in order; unknown ones marked",
                "requestBody": {
                    "required": True,
                    "content": json_content(
                        {
                            "type": "object",
                            "required": ["items"],
                            "additionalProperties": False,
                            "properties": {
                                "items": {"type": "array", "maxItems": MAX_BATCH, "items": item},
                                "order": nullable(ref("OrderInput")),
                            },
                        }
                    ),
                },
                "responses": {
                    "200": ok(
                        "results",
                        {
                            "type": "object",
                            "required": ["results", "counts"],
                            "properties": {
                                "results": {"type": "array", "items": result},
                                "counts": {"type": "object"},
                            },
                        },
                        get=False,
                    ),
                    **POST_ERRORS,
                },
            }
        }
    }


def _search_params() -> list[dict[str, Any]]:
    def q(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
        return {"name": name, "in": "query", "description": description, "schema": schema}

    tri = {"type": "string", "enum": list(TRI_STATE)}
    return [
        q("q", {"type": "string", "maxLength": MAX_QUERY_CHARS}, "name contains, or any alias"),
        q("grade", {"type": "string", "enum": sorted(GRADES)}, "A-F or insufficient"),
        q("ta", tri, "Trade Assurance yes / no / unknown"),
        q(
            "min_ta_limit",
            {"type": "number", "minimum": 0, "maximum": int(MAX_NUMBER)},
            "TA limit at least (limit currency)",
        ),
        q("verified", tri, "verified yes / no / unknown"),
        q("sort", {"type": "string", "enum": list(SEARCH_SORTS)}, "default name"),
        q("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "default 1"),
        q(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            f"default {DEFAULT_PER_PAGE}",
        ),
    ]


def _search_paths() -> dict[str, Any]:
    link = {"type": ["string", "null"]}
    page = {
        "type": "object",
        "required": ["total", "page", "per_page", "pages", "items", "links"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "pages": {"type": "integer"},
            "items": {"type": "array", "items": ref("Supplier")},
            "links": {
                "type": "object",
                "required": ["self", "next", "prev"],
                "properties": {"self": {"type": "string"}, "next": link, "prev": link},
            },
        },
    }
    return {
        "/api/v1/suppliers": {
            "get": {
                "operationId": "searchSuppliers",
                "summary": "Search and filter, paginated with totals and next links",
                "parameters": _search_params(),
                "responses": {"200": ok("a page of suppliers", page), **GET_ERRORS},
            }
        }
    }


def _supplier_paths() -> dict[str, Any]:
    change = {
        "type": "object",
        "required": ["signal", "from", "to", "observed_at"],
        "properties": {
            "signal": {"type": "string"},
            "from": {},
            "to": {},
            "observed_at": {"type": "string"},
            "source_url": {"type": ["string", "null"]},
            "capture_id": {"type": ["integer", "null"]},
        },
    }
    not_found = error("unknown supplier; `details.id` echoes the ID asked")
    return {
        "/api/v1/suppliers/{id}": {
            "get": {
                "operationId": "getSupplier",
                "summary": "One supplier: signals with provenance, score, optional order check",
                "parameters": [id_param(), *order_query_params()],
                "responses": {
                    "200": ok("the supplier document", ref("Supplier")),
                    "404": not_found,
                    **GET_ERRORS,
                },
            }
        },
        "/api/v1/suppliers/{id}/history": {
            "get": {
                "operationId": "getSupplierHistory",
                "summary": "Signal changes over time, oldest first",
                "parameters": [id_param()],
                "responses": {
                    "200": ok(
                        "changes",
                        {
                            "type": "object",
                            "required": ["supplier_id", "observations", "changes"],
                            "properties": {
                                "supplier_id": {"type": "string"},
                                "observations": {"type": "integer"},
                                "changes": {"type": "array", "items": change},
                            },
                        },
                    ),
                    "404": not_found,
                    **GET_ERRORS,
                },
            }
        },
    }


@cache
def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "supplier-vetting API",
            "version": API_VERSION,
            "description": "What an Alibaba supplier's badges are worth. Every error is "
            '{"error": {"code", "message", "status", "details"}}.',
        },
        "paths": {
            **_supplier_paths(),
            **_lookup_paths(),
            **_search_paths(),
            **order_paths(),
            **capture_paths(),
            **meta_paths(),
        },
        "components": {
            "schemas": components(),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
