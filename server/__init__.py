"""The JSON API: `create_app(test_config=None)` with blueprints under /api/v1.

Configuration (app config keys, each with an environment variable for `vet serve`):
``DATABASE`` ($VETTING_DB), ``API_KEYS`` ($VETTING_API_KEYS, comma-separated; guard POST
/captures), ``CORS_ORIGINS`` ($VETTING_CORS_ORIGINS, comma-separated), ``RATELIMIT_DEFAULT``
($VETTING_RATELIMIT), ``RATELIMIT_STORAGE_URI`` ($RATELIMIT_STORAGE_URI, e.g. redis://...),
``MAX_CONTENT_LENGTH`` and ``CACHE_MAX_AGE``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from server.limits import DEFAULT_STORAGE_URI
from vetting import config
from vetting.store import default_db_path

DEFAULT_RATE_LIMIT = "1200 per minute"
MAX_BODY_BYTES = 4 * 1024 * 1024  # a saved product page is ~650 KB; leave room, refuse the rest
CACHE_MAX_AGE_S = 60


def default_config() -> dict[str, Any]:
    return {
        "DATABASE": default_db_path(),
        "API_KEYS": config.get_list(config.API_KEYS),
        "CORS_ORIGINS": config.get_list(config.CORS_ORIGINS),
        "RATELIMIT_DEFAULT": config.get(config.RATELIMIT, DEFAULT_RATE_LIMIT),
        "RATELIMIT_STORAGE_URI": config.get(config.RATELIMIT_STORAGE_URI, DEFAULT_STORAGE_URI),
        "RATELIMIT_ENABLED": config.get(config.RATELIMIT_ENABLED, "1") != "0",
        "MAX_CONTENT_LENGTH": MAX_BODY_BYTES,
        "CACHE_MAX_AGE": CACHE_MAX_AGE_S,
    }


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(default_config())
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.compact = True  # type: ignore[attr-defined]

    from server import db, errors, http, limits
    from server.captures import bp as captures_bp
    from server.meta import bp as meta_bp
    from server.meta import root as root_bp
    from server.orders import bp as orders_bp
    from server.suppliers import SupplierIdConverter
    from server.suppliers import bp as suppliers_bp

    app.url_map.converters["sid"] = SupplierIdConverter

    errors.register(app)
    db.register(app)
    http.register(app)
    limits.register(app)
    for blueprint in (suppliers_bp, orders_bp, captures_bp, meta_bp, root_bp):
        app.register_blueprint(blueprint)
    return app
