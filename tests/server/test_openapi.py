"""Property-based run of the OpenAPI document against the live app (a real HTTP server on
127.0.0.1): zero server errors, zero schema violations, every documented status and header.

Positive examples are checked for acceptance except on operations taking an order: JSON Schema
cannot say "deposit at most the order value", "pre-shipment needs a deposit" or "a limit in
another currency needs a rate", so a schema-valid order may rightly get a 400 there.
"""

from __future__ import annotations

import logging
import socket
import threading

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from werkzeug.serving import make_server

from server.openapi import document
from tests.helpers.api import API_KEY, seeded_app

MAX_EXAMPLES = 250  # the default is 100; the whole run stays well under two minutes


def _listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


# Bound at import: schemathesis fixes each operation's base URL when it collects the tests, and
# holding the socket (not just its number) keeps other tests' servers off the port meanwhile.
LISTENER = _listening_socket()
PORT = LISTENER.getsockname()[1]
BASE_URL = f"http://127.0.0.1:{PORT}"
ORDER_PARAMS = {"order_value", "deposit", "coverage", "rate", "currency", "payment"}


@pytest.fixture(scope="module", autouse=True)
def live_url(tmp_path_factory):
    app = seeded_app(tmp_path_factory.mktemp("schemathesis") / "vetting.db")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    app.testing = False  # a 500 must come back as a response, not re-raise in the server
    server = make_server("127.0.0.1", PORT, app, threaded=True, fd=LISTENER.fileno())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield BASE_URL
    server.shutdown()
    thread.join(timeout=10)


# The document the app serves (checked equal below); loaded directly so collection needs no
# server (schemathesis' lazy fixture loader does not run under pytest 9).
schema = schemathesis.openapi.from_dict(document())
schema.config.update(base_url=BASE_URL)  # probes (auth, methods) go to the live server too
# A text field over its size limit is a documented 413 naming the field (tests/hardening/
# test_redos.py): a rejection of invalid data as much as a 400 is.
_rejection = schema.config.checks.negative_data_rejection
_rejection.expected_statuses = [*_rejection.expected_statuses, "413"]


def test_the_served_document_is_the_one_tested(live_url):
    import requests

    assert requests.get(f"{live_url}/api/v1/openapi.json", timeout=10).json() == document()


def _takes_an_order(case) -> bool:
    names = {p.name for p in case.operation.query}
    return bool(names & ORDER_PARAMS) or case.operation.path in (
        "/api/v1/suppliers/lookup",
        "/api/v1/orders/check",
    )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_openapi_document(case):
    excluded = [positive_data_acceptance] if _takes_an_order(case) else []
    case.call_and_validate(headers={"Authorization": f"Bearer {API_KEY}"}, excluded_checks=excluded)
