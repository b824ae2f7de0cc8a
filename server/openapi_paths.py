"""OpenAPI paths of the order check, contributed captures, health and the document itself."""

from __future__ import annotations

from typing import Any

from server.captures import MAX_HTML_CHARS
from server.inputs import MAX_TEXT_CHARS, MAX_URL_CHARS, URL_PATTERN
from server.openapi_schemas import (
    COMMON_ERRORS,
    GET_ERRORS,
    POST_ERRORS,
    error,
    id_or_int,
    json_content,
    nullable,
    ok,
    ref,
)
from server.orders import DATE_PATTERN, MAX_CONTRACT_CHARS, MAX_TERMS
from vetting.policy import EVENTS, PROFILES


def order_paths() -> dict[str, Any]:
    day = {"type": "string", "pattern": DATE_PATTERN}
    term_value = {"type": ["string", "number", "null"], "maxLength": MAX_CONTRACT_CHARS}
    contract = {
        "oneOf": [
            {"type": "string", "maxLength": MAX_CONTRACT_CHARS},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "terms": nullable(
                        {
                            "type": "object",
                            "maxProperties": MAX_TERMS,
                            "additionalProperties": term_value,
                        }
                    ),
                    "text": {"type": ["string", "null"], "maxLength": MAX_CONTRACT_CHARS},
                },
            },
            {"type": "null"},
        ]
    }
    request = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "order": nullable(ref("OrderInput")),
            "supplier_id": nullable(id_or_int()),
            "signals": nullable(ref("ObservedSignals")),
            "contract": contract,
            "events": nullable(
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {name: nullable(day) for name in EVENTS},
                }
            ),
            "profiles": nullable(
                {"type": "array", "minItems": 1, "items": {"enum": list(PROFILES)}}
            ),
            "today": nullable(day),
        },
    }
    response = {
        "type": "object",
        "required": ["supplier_id", "coverage", "checklist", "deadlines"],
        "properties": {
            "supplier_id": {"type": ["string", "null"]},
            "coverage": nullable(ref("OrderCheck")),
            "checklist": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["term", "status"],
                    "properties": {
                        "term": {"type": "string"},
                        "status": {"enum": ["present", "missing", "vague"]},
                    },
                },
            },
            "deadlines": {
                "type": "object",
                "required": ["events", "profiles", "pending", "act_by"],
                "properties": {"act_by": {"type": ["object", "null"]}},
            },
        },
    }
    return {
        "/api/v1/orders/check": {
            "post": {
                "operationId": "checkOrder",
                "summary": "Order, contract and events in; coverage, checklist, deadlines out",
                "description": "`coverage` is null without an order; the checklist lists every "
                "term Trade Assurance needs (present / missing / vague); `deadlines.act_by` is "
                "the earliest deadline under the applicable policy profiles.",
                "requestBody": {"required": True, "content": json_content(request)},
                "responses": {
                    "200": ok("coverage, checklist and deadlines", response, get=False),
                    "404": error("unknown supplier_id"),
                    **POST_ERRORS,
                },
            }
        }
    }


def capture_paths() -> dict[str, Any]:
    url = {"type": "string", "maxLength": MAX_URL_CHARS, "pattern": URL_PATTERN}
    body = {
        "oneOf": [
            {
                "type": "object",
                "required": ["url", "html"],
                "additionalProperties": False,
                "properties": {
                    "url": url,
                    "html": {"type": "string", "minLength": 1, "maxLength": MAX_HTML_CHARS},
                    "observed_at": {
                        "type": ["string", "null"],
                        "format": "date",
                        "description": "when the page was seen (YYYY-MM-DD), used only if the "
                        "page does not state it; a future date is ignored (date unknown)",
                    },
                },
            },
            {
                "type": "object",
                "required": ["url", "supplier_id", "signals"],
                "additionalProperties": False,
                "properties": {
                    "url": url,
                    "supplier_id": id_or_int(),
                    "name": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
                    "signals": ref("ObservedSignals"),
                },
            },
        ]
    }
    return {
        "/api/v1/captures": {
            "post": {
                "operationId": "contributeCapture",
                "summary": "Contribute a page's HTML or observed signals (source=extension)",
                "security": [{"bearerAuth": []}],
                "requestBody": {"required": True, "content": json_content(body)},
                "responses": {
                    "201": ok(
                        "stored (a blocked or unrecognised page is logged, writes nothing)",
                        {
                            "type": "object",
                            "required": ["capture_id", "outcome", "source", "suppliers"],
                            "properties": {
                                "capture_id": {"type": "integer"},
                                "outcome": {"type": "string"},
                                "source": {"const": "extension"},
                                "parser": {"type": ["string", "null"]},
                                "message": {"type": ["string", "null"]},
                                "suppliers": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                        get=False,
                    ),
                    "401": error("no bearer token"),
                    "403": error("the bearer token is not a configured API key"),
                    **POST_ERRORS,
                },
            }
        }
    }


def meta_paths() -> dict[str, Any]:
    return {
        "/api/v1/healthz": {
            "get": {
                "operationId": "healthz",
                "summary": "Liveness and supplier count (not rate limited)",
                "responses": {
                    "200": ok(
                        "ok",
                        {
                            "type": "object",
                            "required": ["status", "suppliers"],
                            "properties": {
                                "status": {"const": "ok"},
                                "suppliers": {"type": "integer"},
                            },
                        },
                    ),
                    "304": GET_ERRORS["304"],
                    "500": COMMON_ERRORS["500"],
                },
            }
        },
        "/api/v1/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "responses": {
                    "200": ok("OpenAPI 3.1", {"type": "object"}),
                    "304": GET_ERRORS["304"],
                },
            }
        },
    }
