"""The API under hostile input: a table of bad requests beyond tests/server/test_errors.py (nesting
that exhausts the JSON decoder, unpaired surrogates, NUL bytes, invalid UTF-8, numbers past
every limit, oversized bodies), each a 4xx in the one JSON error shape; and, under
``make test-slow``, schemathesis against the real `vet serve` (gunicorn) with positive and
negative data and four times the default examples: zero 5xx.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.helpers.api import API_KEY, assert_error, seeded_app
from tests.helpers.live_server import free_port, vet_serve

AUTH = {"Authorization": f"Bearer {API_KEY}"}
DEEP = 5_000
NESTED = "[" * DEEP + "]" * DEEP
PRODUCT = "https://www.alibaba.com/product-detail/_1600000000001.html"
SEARCH = "/api/v1/suppliers"


def _capture(html: str) -> str:
    return json.dumps({"url": PRODUCT, "html": html})


# (method, path, raw body or None, headers, expected status)
API_CASES = [
    # -- nesting that exhausts the JSON decoder --
    pytest.param("post", "/api/v1/suppliers/lookup", '{"items":' + NESTED + "}", {}, 400,
                 id="lookup-deep-json"),
    pytest.param("post", "/api/v1/orders/check", '{"order":' + NESTED + "}", {}, 400,
                 id="orders-deep-json"),
    pytest.param("post", "/api/v1/captures", '{"html":' + NESTED + "}", AUTH, 400,
                 id="captures-deep-json"),
    # -- unpaired UTF-16 surrogates (valid JSON escapes, not encodable text) --
    pytest.param("post", "/api/v1/suppliers/lookup", '{"items":["\\ud800"]}', {}, 400,
                 id="lookup-lone-surrogate"),
    pytest.param("post", "/api/v1/captures",
                 '{"url":"' + PRODUCT + '","supplier_id":"777","name":"\\udfff",'
                 '"signals":{"trade_assurance":true}}', AUTH, 400,
                 id="captures-surrogate-name"),
    pytest.param("post", "/api/v1/captures",
                 '{"url":"' + PRODUCT + '","html":"<script>window.detailData = '
                 '{\\"globalData\\":{\\"seller\\":{\\"companyId\\":777,'
                 '\\"companyName\\":\\"\\ud800\\"}}}</script>"}', AUTH, 400,
                 id="captures-surrogate-in-html"),
    pytest.param("post", "/api/v1/orders/check",
                 '{"supplier_id":"900000001","order":{"order_value":100,"currency":"\\ud800"}}',
                 {}, 400, id="orders-surrogate-currency"),
    # -- control characters and bytes --
    pytest.param("get", "/api/v1/suppliers/%00", None, {}, 400, id="id-nul"),
    pytest.param("get", "/api/v1/suppliers/a%0Ab", None, {}, 400, id="id-newline"),
    pytest.param("post", "/api/v1/suppliers/lookup", '{"items":["\\u0000"]}', {}, 400,
                 id="lookup-nul"),
    pytest.param("post", "/api/v1/suppliers/lookup", b'{"items":["\xff\xfe"]}', {}, 400,
                 id="lookup-invalid-utf8"),
    pytest.param("get", f"{SEARCH}?sort=name;DROP%20TABLE%20suppliers", None, {}, 400,
                 id="search-sort-sql"),
    # -- numbers and IDs past every limit --
    pytest.param("get", "/api/v1/suppliers/" + "9" * 30, None, {}, 400, id="id-30-digits"),
    pytest.param("get", "/api/v1/suppliers/" + "a" * 5000, None, {}, 400, id="id-5000-chars"),
    pytest.param("post", "/api/v1/suppliers/lookup", '{"items":[' + "1" * 5000 + "]}", {}, 400,
                 id="lookup-5000-digit-int"),
    pytest.param("post", "/api/v1/suppliers/lookup", '{"items":[1e999]}', {}, 400,
                 id="lookup-float-overflow"),
    pytest.param("post", "/api/v1/suppliers/lookup",
                 json.dumps({"items": [str(i) for i in range(1000)]}), {}, 400,
                 id="lookup-1000-items"),
    pytest.param("get", f"{SEARCH}?page=99999999999999999999", None, {}, 400, id="page-huge"),
    pytest.param("get", f"{SEARCH}?min_ta_limit=NaN", None, {}, 400, id="min-limit-nan"),
    pytest.param("get", f"{SEARCH}?q=" + "x" * 10_000, None, {}, 400, id="search-10k-chars"),
    pytest.param("get", "/api/v1/suppliers/900000001?order_value=1e999", None, {}, 400,
                 id="order-value-overflow"),
    pytest.param("get", "/api/v1/suppliers/900000001?order_value=100&currency=%00", None, {},
                 400, id="currency-nul"),
    # -- oversized bodies --
    pytest.param("post", "/api/v1/captures", _capture("x" * (5 * 1024 * 1024)), AUTH, 413,
                 id="captures-5MB"),
    pytest.param("post", "/api/v1/suppliers/lookup", "[" * (5 * 1024 * 1024), {}, 413,
                 id="lookup-5MB-of-brackets"),
]  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return seeded_app(tmp_path_factory.mktemp("api-hardening") / "vetting.db").test_client()


@pytest.mark.parametrize(("method", "path", "body", "headers", "status"), API_CASES)
def test_bad_api_input(client, method, path, body, headers, status):
    kwargs = {"headers": headers}
    if body is not None:
        kwargs |= {"data": body, "content_type": "application/json"}
    response = getattr(client, method)(path, **kwargs)
    assert_error(response, status)


def test_hostile_pages_through_the_captures_endpoint(client):
    """Pages the parsers reject are logged as unparseable captures (201), never a 5xx."""
    for html in (
        "<script>window.detailData = " + "[" * 10_000 + "]" * 10_000 + "</script>",
        "<div>" * 100_000,
        "<script>window.__page__data__config = " + '{"a":' * 10_000 + "1" + "}" * 10_000,
    ):
        response = client.post("/api/v1/captures", data=_capture(html), headers=AUTH,
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 201, response.get_data(as_text=True)[:300]
        assert response.get_json()["outcome"] == "unparseable"


def test_cli_and_api_tables_together_are_big_enough():
    from tests.helpers.bad_inputs import CLI_CASES

    assert len(API_CASES) >= 20 and len(CLI_CASES) + len(API_CASES) >= 40


# -- schemathesis against the production server (make test-slow) ----------------------------

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from server.openapi import document  # noqa: E402

# gunicorn answers these itself, in HTML, before any app code runs (limit_request_line 4094 B).
GUNICORN_REFUSALS = {400, 414, 431}
SLOW_EXAMPLES = 1000  # per operation and mode; the default is 100
PORT = free_port()  # chosen at import: schemathesis fixes base URLs when it collects
BASE_URL = f"http://127.0.0.1:{PORT}"
schema = schemathesis.openapi.from_dict(document())
schema.config.update(base_url=BASE_URL)
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=SLOW_EXAMPLES,
)


STATUSES: Counter = Counter()  # status class → responses seen by the slow run


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory, request):
    """`vet serve` (gunicorn, 2 sync workers) on the seeded database, rate limit out of reach."""
    db = tmp_path_factory.mktemp("schemathesis-gunicorn") / "vetting.db"
    seeded_app(db)  # seeds the database file
    with vet_serve(db, workers=2, port=PORT, VETTING_API_KEYS=API_KEY) as base:
        yield base
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"schemathesis against gunicorn: responses {dict(STATUSES)}")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=SLOW_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_5xx_under_positive_and_negative_data(case, gunicorn):
    response = case.call(headers=AUTH, timeout=30)
    STATUSES[f"{response.status_code // 100}xx"] += 1
    assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
    if response.status_code in GUNICORN_REFUSALS and "<html>" in response.text:
        return  # refused by gunicorn before the app runs (request line over 4 KB): HTML, 4xx
    if response.status_code >= 400:
        doc = response.json()
        assert set(doc) == {"error"} and doc["error"]["status"] == response.status_code
