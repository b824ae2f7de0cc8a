"""The JSON API: `create_app(test_config=None)` with blueprints under /api/v1."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from vetting.store import default_db_path


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DATABASE=os.environ.get("VETTING_DB") or default_db_path())
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from server import db, errors
    from server.api import bp as api_bp

    errors.register(app)
    db.register(app)
    app.register_blueprint(api_bp)
    return app
