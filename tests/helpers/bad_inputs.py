"""Bad CLI input, one row each: the arguments and the one-line error they must get (the
contract files are written into the test's folder, ``{tmp}`` in the arguments)."""

from __future__ import annotations

import pytest

SUPPLIER = "900000001"  # in the example pages
ORDER = ["check-order", "--supplier", SUPPLIER, "--value", "100"]
PAID = ["--paid", "2026-01-10"]  # deadlines are computed (and their options read) from a date

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        *(
            f"{n}: &{n} [{', '.join(['*' + p] * 9)}]"
            for p, n in zip("abcdefg", "bcdefgh", strict=False)
        ),
        "text: 'ship by 2026-03-01'",
    ]
)
CONTRACTS = {
    "truncated.json": '{"shipment_date": "2026-03-',
    "list.yaml": "- a\n- b\n",
    "scalar.json": '"just a string"',
    "garbage.json": bytes(range(256)).decode("latin-1") * 8,
    "deep.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "tabs.yaml": "a:\n\t- b\n",
    "nan.json": '{"quantity": NaN, "shipment_date": 5',
    "laughs.json": BILLION_LAUGHS,  # YAML syntax in a .json file
    "terms5.json": '{"terms": 5}',
    "nested.json": '{"colour": {"pantone": "19-4052"}}',
    "contract.pdf": "%PDF-1.7\n\x00\x01\x02 binary",
}


CLI_CASES = [
    # -- supplier IDs and aliases --
    pytest.param(["show", "123"], "unknown supplier ID '123'", id="id-unknown"),
    pytest.param(["show", ""], "unknown supplier ID ''", id="id-empty"),
    pytest.param(["show", "'; DROP TABLE suppliers;--"], "unknown supplier ID", id="id-sql"),
    pytest.param(["score", "١٢٣"], "unknown supplier ID", id="id-arabic-digits"),
    pytest.param(["score", "<script>alert(1)</script>"], "unknown supplier ID", id="id-markup"),
    pytest.param(["score", "9" * 40], "unknown supplier ID", id="id-40-digits"),
    pytest.param(["check-order", "--supplier", "nosuch", "--value", "1"], "unknown", id="id-order"),
    # -- URLs --
    pytest.param(["scrape", "https://example.com/x"], "not an alibaba.com URL", id="url-other"),
    pytest.param(["scrape", "http://[abc/x"], "not a well-formed URL", id="url-bad-ipv6"),
    pytest.param(
        ["scrape", "ftp://www.alibaba.com/product-detail/_123456.html"],
        "not an alibaba.com URL",
        id="url-ftp",
    ),
    pytest.param(
        ["scrape", "https://www.alibaba.com/about.html"],
        "not a product, supplier or search page",
        id="url-not-a-page",
    ),
    pytest.param(["scrape", ""], "empty URL or ID", id="url-empty"),
    pytest.param(["scrape", "javascript:alert(1)"], "not an alibaba.com URL", id="url-js"),
    pytest.param(
        ["scrape", "evil.com/?x=.alibaba.com"], "not an alibaba.com URL", id="url-lookalike"
    ),
    pytest.param(
        ["publish", "--base-url", "javascript:alert(1)"], "--base-url must be", id="url-base"
    ),
    # -- numbers --
    pytest.param(["score", SUPPLIER, "--order-value", "abc"], "not a number", id="num-text"),
    pytest.param(["score", SUPPLIER, "--order-value", "-5"], "must be a positive", id="num-neg"),
    pytest.param(["score", SUPPLIER, "--order-value", "NaN"], "must be a positive", id="num-nan"),
    pytest.param(["score", SUPPLIER, "--order-value", "Infinity"], "positive", id="num-inf"),
    pytest.param(["score", SUPPLIER, "--order-value", "1e999"], "must be at most", id="num-huge"),
    pytest.param(["score", SUPPLIER, "--order-value", "0"], "must be a positive", id="num-zero"),
    pytest.param([*ORDER[:-1], ""], "order_value: not a number", id="num-empty"),
    pytest.param([*ORDER, "--deposit", "150%"], "between 0 and 100", id="deposit-over"),
    pytest.param([*ORDER, "--deposit", "-10%"], "between 0 and 100", id="deposit-negative"),
    pytest.param([*ORDER, "--deposit", "500"], "between 0 and the order", id="deposit-above"),
    pytest.param(["crawl", "--search", "x", "--pages", "0"], "not in the range", id="pages-0"),
    pytest.param(["crawl", "--search", "x", "--pages", "abc"], "'--pages'", id="pages-text"),
    pytest.param(["crawl", "--search", "x", "--limit", "-1"], "'--limit'", id="limit-negative"),
    pytest.param(["crawl", "--search", "", "--pages", "1"], "must not be empty", id="search-empty"),
    pytest.param(["serve", "--port", "notaport"], "'--port'", id="port-text"),
    pytest.param(["serve", "--port", "99999"], "'--port'", id="port-99999"),
    pytest.param(["serve", "--port", "0"], "'--port'", id="port-0"),
    pytest.param(["demo", "--no-serve", "--port", "99999"], "'--port'", id="demo-port-99999"),
    pytest.param(["serve", "--workers", "0"], "'--workers'", id="workers-0"),
    pytest.param(["export", "--format", "xml"], "'--format'", id="format"),
    # -- currencies and rates --
    pytest.param([*ORDER, "--currency", "US$$"], "not a currency code", id="currency-bad"),
    pytest.param([*ORDER, "--currency", "XYZ"], "unknown currency 'XYZ'", id="currency-x"),
    pytest.param([*ORDER, "--currency", "XXX"], "unknown currency 'XXX'", id="currency-xxx"),
    pytest.param(
        [*ORDER, "--currency", "EUR", "--rate", "USD:QQQ:2"], "unknown currency", id="rate-code"
    ),
    pytest.param(
        [*ORDER, "--currency", "EUR", "--rate", "EUR:USD:abc"], "not a number", id="rate-text"
    ),
    pytest.param(
        [*ORDER, "--currency", "EUR", "--rate", "EUR:USD:-1"], "must be a positive", id="rate-neg"
    ),
    pytest.param([*ORDER, "--currency", "EUR", "--rate", "garbage"], "expected FROM:TO", id="rate"),
    pytest.param(
        [*ORDER, "--currency", "EUR", "--rate", "USD:EUR:1e25"],
        "rate: the exchange rate",
        id="rate-1e25",
    ),
    pytest.param(
        [*ORDER, "--currency", "EUR", "--rate", "USD:EUR:1e-30"],
        "rate: the exchange rate",
        id="rate-1e-30",
    ),
    pytest.param([*ORDER, "--payment", "cash"], "payment: must be one of", id="payment"),
    pytest.param([*ORDER, "--coverage", "forever"], "coverage: must be one of", id="coverage"),
    # -- dates --
    pytest.param([*ORDER, "--paid", "2026-13-45"], "paid: not a date", id="date-month-13"),
    pytest.param([*ORDER, "--paid", "yesterday"], "paid: not a date", id="date-word"),
    pytest.param([*ORDER, "--shipped", "2026-02-30"], "shipped: not a date", id="date-feb-30"),
    pytest.param(
        [*ORDER, *PAID, "--shipped", "9999-12-31"], "shipped: must be between", id="date-year-9999"
    ),
    pytest.param([*ORDER, "--paid", "0001-01-01"], "paid: must be between", id="date-year-1"),
    pytest.param([*ORDER, *PAID, "--today", "2026/01/01"], "today: not a date", id="date-slash"),
    pytest.param([*ORDER, *PAID, "--profile", "nosuch"], "unknown policy profile", id="profile"),
    pytest.param([*ORDER, "--today", "2026/01/01"], "today: not a date", id="date-no-events"),
    pytest.param([*ORDER, "--profile", "nosuch"], "unknown policy profile", id="profile-no-events"),
    # -- contract files --
    pytest.param([*ORDER, "--contract", "/no/such.json"], "No such file", id="contract-missing"),
    pytest.param([*ORDER, "--contract", "{tmp}"], "Is a directory", id="contract-directory"),
    *(
        pytest.param([*ORDER, "--contract", f"{{tmp}}/{name}"], "contract: ", id=f"contract-{name}")
        for name in CONTRACTS
    ),
    pytest.param(
        [*ORDER, "--contract", "{tmp}/terms5.json"], "terms must be a mapping", id="terms-5"
    ),
    pytest.param(
        [*ORDER, "--contract", "{tmp}/nested.json"], "'colour' must be text", id="terms-nested"
    ),
    pytest.param([*ORDER, "--contract", "{tmp}/contract.pdf"], "not a text file", id="binary"),
    # -- files and databases --
    pytest.param(["import", "/no/such/file.html"], "no such file", id="import-missing"),
    pytest.param(["import", "{tmp}"], "is a directory", id="import-directory"),
    pytest.param(["--db", "{tmp}", "show", "1"], "is a directory, not a database", id="db-dir"),
    pytest.param(["--db", "{tmp}", "import", "x.html"], "is a directory", id="db-dir-import"),
    pytest.param(["--db", "{tmp}/truncated.json", "show", "1"], "not a database", id="db-garbage"),
    pytest.param(["--db", "{tmp}/empty.db", "show", "1"], "is empty", id="db-0-bytes"),
    pytest.param(["--db", "{tmp}/empty.db", "export"], "is empty", id="db-0-bytes-export"),
]
