"""Response finishing for every route: ETag/Cache-Control (304s), CORS for configured origins,
and gzip when the client accepts it. One after-request hook so the order is explicit."""

from __future__ import annotations

import gzip
import hashlib

from flask import Flask, Response, current_app, request

GZIP_MIN_BYTES = 1024  # smaller bodies gain little and cost a compress call
GZIP_LEVEL = 5
CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Authorization, Content-Type, If-None-Match"
CORS_EXPOSE = "ETag, Retry-After"
CORS_MAX_AGE_S = 600


def _cache(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        response.headers.setdefault("Cache-Control", "no-store")
        return response
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['CACHE_MAX_AGE']}"
    # Weak: the gzip and identity encodings of one document share the tag.
    tag = hashlib.blake2b(response.get_data(), digest_size=12).hexdigest()
    response.headers["ETag"] = f'W/"{tag}"'
    if request.if_none_match.contains_weak(tag):
        response.status_code = 304
        response.set_data(b"")
        response.headers.pop("Content-Length", None)
    return response


def _cors(response: Response) -> None:
    origin = request.headers.get("Origin")
    response.vary.add("Origin")
    if not origin or origin not in current_app.config["CORS_ORIGINS"]:
        return  # no CORS headers: the browser blocks the cross-origin read
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = str(CORS_MAX_AGE_S)


def _gzip(response: Response) -> None:
    if (
        response.direct_passthrough
        or response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
    ):
        return
    response.vary.add("Accept-Encoding")
    if request.accept_encodings["gzip"] <= 0:
        return
    body = response.get_data()
    if len(body) < GZIP_MIN_BYTES:
        return
    response.set_data(gzip.compress(body, GZIP_LEVEL))
    response.headers["Content-Encoding"] = "gzip"


def finish(response: Response) -> Response:
    response = _cache(response)
    _cors(response)
    _gzip(response)
    return response


def register(app: Flask) -> None:
    app.after_request(finish)
