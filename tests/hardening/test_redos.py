"""Regular expressions under adversarial text: every contract and order-input regex runs in
linear time (100,000-character texts built to make backtracking regexes explode, each checked
under 100 ms as the issue asks), and the API bounds text fields (413) and content types (415).
"""

from __future__ import annotations

import time

import pytest

from tests.helpers.api import API_KEY, seeded_app
from vetting.contract import TERMS, check_contract
from vetting.order_input import parse_rate
from vetting.orders import OrderError

N = 100_000
BOUND_S = 0.100
SPACES = " " * (N - 20)
# (name, text): each once quadratic or worse in some pattern of vetting/contract.py
ADVERSARIAL = [
    ("labelled-value-then-spaces", "Colour: x" + SPACES + "y"),
    ("incoterm-then-spaces", "fob" + SPACES),
    ("incoterm-spaces-letter", "fob" + SPACES + "x"),
    ("incoterm-tabs-digit", "fob" + "\t" * (N - 4) + "1"),
    ("incoterm-repeated", "fob" + " incoterms" * (N // 10 - 1)),
    ("label-spaces-colon", "a" + SPACES + ":y"),
    ("digits", "1" * N),
    ("digits-then-letter", "1" * (N - 1) + "x"),
    ("digits-then-unit", "1" * (N - 3) + " pc"),
    ("comma-digits", "quantity " + "1," * (N // 2 - 5)),
    ("size-letters", "size " + "s " * (N // 2 - 3)),
    ("size-letter-digits", "size xl " + "1" * (N - 8)),
    ("size-xl-words", "xl" + " x" * (N // 2 - 1)),
    ("defects-words", "defects " + "defect " * (N // 7 - 2)),
    ("gb-spaces-slash", "quality gb" + SPACES + "/"),
    ("ral-spaces", "colour ral" + SPACES),
    ("day-month-spaces", "ship 1" + SPACES + "x"),
    ("within-spaces", "ship within 1" + SPACES + "x"),
    ("percent-digits", "materials " + "1" * (N - 11) + "x"),
    ("sentence-dots", "a. " * (N // 3)),
    ("etc-dots", "colour etc" + "." * (N - 10)),
    ("many-lines", "Colour: x\n" * (N // 10)),
    ("many-semicolons", "colour: x;" * (N // 10)),
]
TERM_KEYS = [term.aliases[0] for term in TERMS]


def _best_of_three(call) -> float:
    """CPU seconds of the best of three runs: on this shared 2-core machine (load up to ~11
    while other jobs test) wall time mostly measures the wait for a core, not the regexes."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        call()
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize(("name", "text"), ADVERSARIAL, ids=[n for n, _ in ADVERSARIAL])
def test_contract_text_is_checked_in_linear_time(name, text):
    assert len(text) >= N - 20
    seconds = _best_of_three(lambda: check_contract(None, text))
    assert seconds < BOUND_S, f"{name}: {seconds * 1000:.0f} ms"


@pytest.mark.parametrize(("name", "text"), ADVERSARIAL, ids=[n for n, _ in ADVERSARIAL])
def test_contract_terms_are_checked_in_linear_time(name, text):
    terms = dict.fromkeys(TERM_KEYS, text)
    seconds = _best_of_three(lambda: check_contract(terms, None))
    assert seconds < BOUND_S, f"{name}: {seconds * 1000:.0f} ms"


def test_long_statements_are_still_judged():
    rows = {r["term"]: r["status"] for r in check_contract({"incoterms": "FOB Shenzhen" + SPACES})}
    assert rows["incoterms"] == "present"
    rows = {r["term"]: r["status"] for r in check_contract(None, "Colour: x" + SPACES + "y")}
    assert rows["colour"] == "vague"


@pytest.mark.parametrize(
    "spec", ["USD:EUR:1" + SPACES + "x", "USD:EUR:1" + SPACES + ":" + SPACES + "x"]
)
def test_rate_text_is_parsed_in_linear_time(spec):
    def parse():
        with pytest.raises(OrderError):
            parse_rate(spec)

    assert _best_of_three(parse) < BOUND_S


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return seeded_app(tmp_path_factory.mktemp("redos") / "vetting.db").test_client()


def test_adversarial_contract_through_the_api(client):
    body = {"contract": "Colour: x" + " " * 99_000 + "y"}
    started = time.perf_counter()
    response = client.post("/api/v1/orders/check", json=body)
    assert response.status_code == 200
    assert time.perf_counter() - started < 2  # was 30 s and a dead worker


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contract": "x" * 100_001}, "contract"),
        ({"contract": {"text": "x" * 100_001}}, "contract.text"),
        ({"contract": {"terms": {"incoterms": "fob" + " " * 100_001}}}, "contract.terms.incoterms"),
    ],
    ids=["contract", "contract.text", "contract.terms"],
)
def test_oversized_text_fields_are_413_naming_the_field(client, body, field):
    response = client.post("/api/v1/orders/check", json=body)
    assert response.status_code == 413
    assert field in response.get_json()["error"]["details"]


def test_oversized_order_body_is_413(client):
    body = '{"contract": {"text": "' + "\\u0041" * 200_000 + '"}}'
    response = client.post("/api/v1/orders/check", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize("path", ["/api/v1/orders/check", "/api/v1/suppliers/lookup",
                                  "/api/v1/captures"])  # fmt: skip
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None]
)
def test_json_endpoints_refuse_other_content_types(client, path, content_type):
    headers = {"Authorization": f"Bearer {API_KEY}"}
    if content_type:
        headers["Content-Type"] = content_type
    response = client.post(path, data='{"items": ["900000001"]}', headers=headers)
    assert response.status_code == 415
    error = response.get_json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "content-type" in error["details"]
