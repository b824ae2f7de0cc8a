"""Shared pieces of the OpenAPI document: component schemas, parameters, response helpers.

Built from the constants the views validate with, so the document and the checks agree.
"""

from __future__ import annotations

from typing import Any

from server.inputs import (
    ID_PATTERN,
    MAX_ID_CHARS,
    MAX_NUMBER,
    MAX_TEXT_CHARS,
    SQLITE_MAX_INT,
)
from server.observed import MAX_LIST_ITEMS, PERCENT_MAX
from vetting.model import SIGNALS
from vetting.orders import COVERAGE_TYPES, MAX_ORDER_VALUE, PAYMENT_ROUTES

CURRENCY_PATTERN = r"^[A-Za-z]{3}$"
AMOUNT_TEXT_PATTERN = r"^[0-9][0-9,]*(\.[0-9]+)?$"
DEPOSIT_TEXT_PATTERN = r"^[0-9]+(\.[0-9]+)?%?$"
RATE_TEXT_PATTERN = r"^[A-Za-z]{3}:[A-Za-z]{3}:[0-9]+(\.[0-9]+)?(:[0-9]{4}-[0-9]{2}-[0-9]{2})?$"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "content": json_content(ref("Error"))}
    if headers:
        out["headers"] = headers
    return out


RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}}
ETAG = {
    "ETag": {"description": "weak validator of the body", "schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
}
COMMON_ERRORS = {
    "400": error("invalid input: `details` maps each bad field to the problem"),
    "429": error("rate limited (per client address)", RETRY_AFTER),
    "500": error("internal error (never a stack trace)"),
}
GET_ERRORS = {**COMMON_ERRORS, "304": {"description": "not modified (If-None-Match matched)"}}
POST_ERRORS = {
    **COMMON_ERRORS,
    "413": error("request body, or one of its text fields, too large"),
    "415": error("the body is not application/json"),
}


def ok(description: str, schema: dict[str, Any], get: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "content": json_content(schema)}
    if get:
        out["headers"] = ETAG
    return out


def id_schema() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS, "pattern": ID_PATTERN}


def id_or_int() -> dict[str, Any]:
    return {"oneOf": [id_schema(), {"type": "integer", "minimum": 0, "maximum": SQLITE_MAX_INT}]}


def id_param() -> dict[str, Any]:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "any alias: companyId, subdomain, member id, or the supplier's URL host",
        "schema": id_schema(),
    }


def _signal_value_schemas() -> dict[str, dict[str, Any]]:
    """The JSON an observer may send per signal type (mirrors `server.observed`)."""
    number = {"type": "number", "minimum": 0, "maximum": int(MAX_NUMBER)}
    text = {"type": "string", "maxLength": MAX_TEXT_CHARS}
    maybe_number = {"type": ["number", "null"], "minimum": 0, "maximum": int(MAX_NUMBER)}
    return {
        "bool": {"type": "boolean"},
        "int": {"type": "integer", "minimum": 0},
        "number": number,
        "duration_hours": number,
        "percent": {"type": "number", "minimum": 0, "maximum": PERCENT_MAX},
        "str": text,
        "list": {"type": "array", "maxItems": MAX_LIST_ITEMS, "items": text},
        "money": {
            "type": "object",
            "required": ["amount", "currency"],
            "additionalProperties": False,
            "properties": {
                "amount": number,
                "currency": {"type": "string", "pattern": CURRENCY_PATTERN},
                "raw": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
            },
        },
        "transactions": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "amount": maybe_number,
                "count": maybe_number,
                "window_months": maybe_number,
                "currency": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
            },
        },
    }


def _observed_schema() -> dict[str, Any]:
    kinds = _signal_value_schemas()
    return {
        "type": "object",
        "description": "signals read off a page; null = unknown (ignored)",
        "additionalProperties": False,
        "properties": {name: nullable(kinds[kind]) for name, kind in SIGNALS.items()},
    }


def _order_input() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["order_value"],
        "description": "the buyer's planned order (null fields are absent); deposit at most "
        "the order value; pre-shipment coverage needs a deposit; a limit in another currency "
        "needs a rate",
        "properties": {
            "order_value": {
                "oneOf": [
                    {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "maximum": int(MAX_ORDER_VALUE),
                    },
                    {"type": "string", "pattern": AMOUNT_TEXT_PATTERN},
                ]
            },
            "currency": nullable({"type": "string", "pattern": CURRENCY_PATTERN}),
            "deposit": {
                "oneOf": [
                    {"type": "number", "minimum": 0},
                    {"type": "string", "pattern": DEPOSIT_TEXT_PATTERN},
                    {"type": "null"},
                ]
            },
            "payment": nullable({"type": "string", "enum": list(PAYMENT_ROUTES)}),
            "coverage": nullable({"type": "string", "enum": list(COVERAGE_TYPES)}),
            "rate": nullable({"type": "string", "pattern": RATE_TEXT_PATTERN}),
        },
    }


def order_query_params() -> list[dict[str, Any]]:
    def q(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
        return {"name": name, "in": "query", "description": description, "schema": schema}

    return [
        q(
            "order_value",
            {"type": "number", "exclusiveMinimum": 0, "maximum": int(MAX_ORDER_VALUE)},
            "adds the order check (`order` in the document)",
        ),
        q("currency", {"type": "string", "pattern": CURRENCY_PATTERN}, "default USD"),
        q("deposit", {"type": "string", "pattern": DEPOSIT_TEXT_PATTERN}, "30% or an amount"),
        q("payment", {"type": "string", "enum": list(PAYMENT_ROUTES)}, "default ta"),
        q("coverage", {"type": "string", "enum": list(COVERAGE_TYPES)}, "default post-delivery"),
        q("rate", {"type": "string", "pattern": RATE_TEXT_PATTERN}, "FROM:TO:RATE[:DATE]"),
    ]


def components() -> dict[str, Any]:
    text_or_null = {"type": ["string", "null"]}
    signal = {
        "type": "object",
        "required": ["value", "source_url", "observed_at"],
        "properties": {
            "value": {"description": "null = unknown"},
            "raw": {},
            "source_url": text_or_null,
            "page_kind": text_or_null,
            "extractor": text_or_null,
            "observed_at": text_or_null,
        },
    }
    supplier = {
        "type": "object",
        "required": ["supplier_id", "name", "aliases", "signals", "score"],
        "properties": {
            "supplier_id": {"type": "string"},
            "name": text_or_null,
            "aliases": {"type": "array", "items": {"type": "string"}},
            "last_checked": text_or_null,
            "signals": {
                "type": "object",
                "required": list(SIGNALS),
                "properties": {name: ref("Signal") for name in SIGNALS},
            },
            "score": ref("Score"),
            "order": ref("OrderCheck"),
        },
    }
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "status", "details"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "status": {"type": "integer"},
                        "details": {"type": ["object", "null"]},
                    },
                }
            },
        },
        "Signal": signal,
        "Score": {
            "type": "object",
            "required": ["value", "grade", "status", "reasons", "warnings"],
            "properties": {
                "value": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                "grade": {"type": ["string", "null"]},
                "status": {"type": "string"},
                "reasons": {"type": "array"},
                "warnings": {"type": "array"},
                "actions": {"type": "array"},
                "methodology": {"type": "string"},
            },
        },
        "OrderCheck": {
            "type": "object",
            "required": ["value", "currency", "covered", "uncovered", "flags"],
            "properties": {
                "value": {"type": "number"},
                "currency": {"type": "string"},
                "covered": {"type": ["number", "null"]},
                "uncovered": {"type": ["number", "null"]},
                "flags": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        },
        "Supplier": supplier,
        "ObservedSignals": _observed_schema(),
        "OrderInput": _order_input(),
    }
