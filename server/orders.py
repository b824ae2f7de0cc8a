"""POST /orders/check: an order (and the supplier it goes to), contract terms and events in;
coverage (`vetting.orders`), the contract checklist (`vetting.contract`) and the claim
deadlines under each policy profile (`vetting.policy`) out."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, jsonify

from server.db import get_store
from server.documents import order_errors, order_from
from server.errors import ApiError
from server.inputs import Fields, json_body, json_object, supplier_key, unknown_keys
from server.observed import observed_signals
from vetting.contract import check_contract
from vetting.dates import DAY_PATTERN, OutOfRange, parse_day
from vetting.document import order_section
from vetting.errors import InputError
from vetting.model import Supplier
from vetting.orders import OrderError
from vetting.policy import EVENTS, PROFILES, deadlines
from vetting.store import UnknownSupplier

bp = Blueprint("orders", __name__, url_prefix="/api/v1")

BODY_KEYS = {"order", "supplier_id", "signals", "contract", "events", "profiles", "today"}
MAX_CONTRACT_CHARS = 100_000
# A 100,000-character contract escaped as JSON (\uXXXX: 6 bytes a character) fits.
MAX_BODY_BYTES = 1024 * 1024
MAX_TERMS = 100
DATE_PATTERN = f"^{DAY_PATTERN.pattern}$"


@bp.post("/orders/check")
def check():
    fields = Fields()
    body = json_object(fields, json_body(MAX_BODY_BYTES))
    unknown_keys(fields, body, BODY_KEYS, "")
    if body.get("order") is not None and not isinstance(body["order"], dict):
        fields.add("order", "must be an object: {order_value, currency, deposit, ...}")
    supplier = _supplier(fields, body)
    terms, contract_text = _contract(fields, body.get("contract"))
    events = _events(fields, body.get("events"))
    profiles = _profiles(fields, body.get("profiles"))
    today = _date(fields, body.get("today"), "today")
    fields.check()
    order_data = body.get("order")
    order = None if order_data is None else order_from(order_data, "order.", required=True)
    try:
        schedule = deadlines(events, profiles, today)
    except OrderError as exc:  # EventError: a bad date or events out of order
        raise ApiError(400, f"invalid events: {exc}", {f"events.{exc.field}": str(exc)}) from None
    with order_errors():
        coverage = None if order is None else order_section(supplier, order)
    return jsonify(
        {
            "supplier_id": supplier.supplier_id or None,
            "coverage": coverage,
            "checklist": check_contract(terms, contract_text),
            "deadlines": schedule.to_json(),
        }
    )


def _supplier(fields: Fields, body: dict[str, Any]) -> Supplier:
    """The stored supplier (``supplier_id``) or one made of observed ``signals``, or neither
    (then Trade Assurance and its limit are unknown)."""
    if body.get("supplier_id") is not None:
        key = supplier_key(fields, body["supplier_id"], "supplier_id")
        if key is None:
            return Supplier(supplier_id="")
        try:
            return get_store().get(key)
        except UnknownSupplier:
            raise ApiError(404, f"unknown supplier: {key}", {"id": key}) from None
    if body.get("signals") is not None:
        signals = observed_signals(fields, body["signals"], "signals", None)
        return Supplier(supplier_id="", signals={s.name: s for s in signals})
    return Supplier(supplier_id="")


def _contract(fields: Fields, data: Any) -> tuple[dict[str, Any] | None, str | None]:
    """``"free text"`` or ``{"terms": {name: value}, "text": "..."}``."""
    if data is None:
        return None, None
    if isinstance(data, str):
        return None, _long_text(data, "contract")
    if not isinstance(data, dict):
        fields.add("contract", 'must be text or {"terms": {...}, "text": "..."}')
        return None, None
    unknown_keys(fields, data, {"terms", "text"}, "contract.")
    terms = data.get("terms")
    if terms is not None:
        ok = isinstance(terms, dict) and len(terms) <= MAX_TERMS
        if not ok or not all(_is_term_value(v) for v in terms.values()):
            fields.add("contract.terms", f"must be an object of at most {MAX_TERMS} text values")
            terms = None
        else:
            for name, value in terms.items():
                _long_text(value, f"contract.terms.{name}"[:200])
    body = data.get("text")
    if body is not None and not isinstance(body, str):
        fields.add("contract.text", "must be a string")
        body = None
    return terms, None if body is None else _long_text(body, "contract.text")


def _long_text(value: Any, field: str) -> Any:
    """A text field over its size limit is a 413 naming the field (not worth parsing)."""
    if isinstance(value, str) and len(value) > MAX_CONTRACT_CHARS:
        raise ApiError(
            413, f"{field} is too long", {field: f"at most {MAX_CONTRACT_CHARS} characters"}
        )
    return value


def _is_term_value(value: Any) -> bool:
    """Text, a number or null, as the OpenAPI document says (JSON true is no term value)."""
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def _events(fields: Fields, data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        fields.add("events", "must be an object of event name to YYYY-MM-DD")
        return {}
    unknown_keys(fields, data, set(EVENTS), "events.")
    return {k: _date(fields, v, f"events.{k}") for k, v in data.items() if k in EVENTS}


def _profiles(fields: Fields, data: Any) -> list[str] | None:
    if data is None:
        return None
    if not isinstance(data, list) or not data or not all(_is_profile(p) for p in data):
        fields.add("profiles", "must be a non-empty list of: " + ", ".join(PROFILES))
        return None
    return list(dict.fromkeys(data))


def _is_profile(value: Any) -> bool:
    return isinstance(value, str) and value in PROFILES


def _date(fields: Fields, value: Any, field: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value, field)
    except OutOfRange as exc:
        fields.add(field, str(exc))
    except InputError:
        fields.add(field, "must be a date YYYY-MM-DD")
    return None
