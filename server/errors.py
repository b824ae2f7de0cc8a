"""The one JSON error shape, made by one function (`error_response`), for every error path."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from vetting.store import DatabaseBusy, DatabaseUnusable

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}
BUSY_RETRY_AFTER_S = 2
# Headers werkzeug puts on an error that the JSON response must keep.
KEPT_HEADERS = ("allow", "retry-after", "www-authenticate")


class ApiError(Exception):
    """Raise anywhere in a view; ``details`` maps field names to what is wrong with them."""

    def __init__(
        self,
        status: int,
        message: str,
        details: Any = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.code = code or CODES.get(status, "error")
        self.headers = headers or {}


def error_response(
    status: int,
    message: str,
    details: Any = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """THE error response: ``{"error": {"code", "message", "status", "details"}}``."""
    response = jsonify(
        {
            "error": {
                "code": code or CODES.get(status, "error"),
                "message": message,
                "status": status,
                "details": details,
            }
        }
    )
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _http_details(exc: HTTPException) -> Any:
    if exc.code == 404:
        return {"path": request.path}
    if exc.code == 405:
        return {"method": request.method}
    if exc.code == 413:
        return {"body": f"at most {request.max_content_length} bytes"}
    return None


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return error_response(exc.status, exc.message, exc.details, exc.code, exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        headers = {k: v for k, v in exc.get_headers() if k.lower() in KEPT_HEADERS}
        description = exc.description or exc.name
        if status == 429:
            description = f"rate limit exceeded ({description}); retry later"
        return error_response(status, description, _http_details(exc), headers=headers)

    @app.errorhandler(DatabaseBusy)
    def _busy(exc: DatabaseBusy) -> Response:
        # Another writer held the lock past the bounded wait: nothing was stored, say so.
        headers = {"Retry-After": str(BUSY_RETRY_AFTER_S)}
        return error_response(503, str(exc), {"database": "busy"}, headers=headers)

    @app.errorhandler(DatabaseUnusable)
    def _unusable(exc: DatabaseUnusable) -> Response:
        return error_response(503, str(exc), {"database": "unusable"})

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        # Logged with its traceback on the server; the client only ever sees the error shape.
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal server error")
