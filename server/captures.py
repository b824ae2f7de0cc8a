"""POST /captures: signals or raw HTML contributed by the extension (opt-in), behind an API key.

Raw HTML goes through the one ingestion path `vet import` uses too (`scrapers.ingest`), stored
with ``source="extension"``; a blocked or unrecognised page is logged as a capture and writes no
signals.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Blueprint, current_app, jsonify, request

from scrapers.ingest import ingest_page
from server.db import writable_store
from server.errors import ApiError
from server.inputs import (
    Fields,
    json_body,
    json_object,
    supplier_key,
    text,
    unknown_keys,
    url,
)
from server.observed import observed_signals
from vetting.contributions import key_id
from vetting.dates import OutOfRange, parse_day
from vetting.errors import InputError
from vetting.model import Capture, ParseResult, SupplierObservation, parse_observed_at, utcnow

bp = Blueprint("captures", __name__, url_prefix="/api/v1")

SOURCE = "extension"
BODY_KEYS = {"url", "html", "supplier_id", "name", "signals", "observed_at"}
MAX_HTML_CHARS = 3_000_000
OBSERVED_PARSER = "extension-observed"
OBSERVED_PARSER_VERSION = 1


def require_api_key() -> str:
    """401 without a bearer token, 403 with one that is not configured; returns the key's id
    (`vetting.contributions.key_id`), under which its contributions are stored."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            "an API key is required: Authorization: Bearer <key>",
            {"authorization": "missing bearer token"},
            headers={"WWW-Authenticate": 'Bearer realm="captures"'},
        )
    given = hashlib.sha256(token.strip().encode()).digest()
    keys = current_app.config["API_KEYS"]
    if not any(hmac.compare_digest(given, hashlib.sha256(k.encode()).digest()) for k in keys):
        raise ApiError(
            403, "this API key may not contribute captures", {"authorization": "unknown key"}
        )
    return key_id(token)


@bp.post("/captures")
def contribute():
    contributor = require_api_key()
    fields = Fields()
    body = json_object(fields, json_body())
    unknown_keys(fields, body, BODY_KEYS, "")
    page_url = url(fields, body.get("url"), "url", required=True)
    html = text(fields, body.get("html"), "html", MAX_HTML_CHARS)
    if html == "":
        fields.add("html", "must not be empty")
        html = None
    has_signals = body.get("signals") is not None
    if html is None and not has_signals and "html" not in fields.problems:
        fields.add("html", "give the page's html or the signals observed on it")
    if html is not None and has_signals:
        fields.add("signals", "give either html or signals, not both")
    observed_at, ignored = _observed_at(fields, body.get("observed_at"))
    fields.check()
    if html is not None:
        assert page_url is not None
        # The page's own date wins; else the contributor's; else the date is unknown.
        capture_id, result = ingest_page(
            writable_store(),
            html,
            page_url,
            source=SOURCE,
            observed_at=observed_at,
            observed_from="contributor",
            contributor=contributor,
            note=ignored,
        )
    else:
        result = _observed_capture(fields, body, page_url)
        result.capture.contributor = contributor
        capture_id = writable_store().record(result, None)
    cap = result.capture
    response = jsonify(
        {
            "capture_id": capture_id,
            "outcome": cap.outcome,
            "source": cap.source,
            "parser": cap.parser,
            "message": cap.message,
            "contributor": contributor,
            "review": cap.review,
            "suppliers": [obs.supplier_id for obs in result.suppliers]
            if cap.outcome == "ok"
            else [],
        }
    )
    response.status_code = 201
    return response


def _observed_at(fields: Fields, value: object) -> tuple[str | None, str | None]:
    """``observed_at``: when the contributor saw the page (YYYY-MM-DD), optional. A date that is
    not one is a 400; a future date cannot be when a page was seen, so it is ignored (the
    capture is undated) and the answer says so. Returns (date, why it was ignored)."""
    if value is None:
        return None, None
    try:
        return parse_observed_at(parse_day(value, "observed_at").isoformat()), None
    except OutOfRange as exc:
        return None, f"observed_at ignored ({exc}): date unknown"
    except InputError:
        fields.add("observed_at", "must be a date (YYYY-MM-DD)")
        return None, None


def _observed_capture(fields: Fields, body: dict, page_url: str | None) -> ParseResult:
    key = supplier_key(fields, body.get("supplier_id"), "supplier_id")
    name = text(fields, body.get("name"), "name")
    signals = observed_signals(fields, body["signals"], "signals", page_url)
    fields.check()
    assert key is not None and page_url is not None
    capture_time = utcnow()
    capture = Capture(
        url=page_url,
        kind=OBSERVED_PARSER,
        outcome="ok",
        fetched_at=capture_time,
        parser=OBSERVED_PARSER,
        parser_version=OBSERVED_PARSER_VERSION,
        source=SOURCE,
        # The extension read these signals live, so they were seen when they reached us.
        observed_at=capture_time,
        observed_from="contributor",
    )
    # An alias of a known supplier adds to that supplier rather than creating a second one.
    canonical = writable_store().resolve(key) or key
    obs = SupplierObservation(supplier_id=canonical, name=name, signals=signals)
    return ParseResult(capture, suppliers=[obs])
