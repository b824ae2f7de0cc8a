"""A page result survives the trip through the queue as JSON: the writer stores exactly what an
in-process crawl stores, for every real saved page and the repo's example pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from scrapers.crawl import PageResult, discover, record
from scrapers.fetch import Fetched
from scrapers.pagecodec import CodecError, decode_page, encode_page
from scrapers.pages import parse_page
from tests.helpers.distributed import snapshot
from tests.helpers.paths import EXAMPLES
from vetting.model import Capture, Listing, Money, ParseResult, Signal, SupplierObservation
from vetting.store import Store

URL = "https://www.alibaba.com/product-detail/_1600900000001.html"


def page_from(html: str, url: str = URL) -> PageResult:
    parsed = parse_page(html, url, http_status=200)
    body = html.encode()
    return PageResult(Fetched(url, "ok", 200, url, body, attempts=1), parsed, discover(parsed))


def assert_round_trip(page: PageResult, tmp_path: Path, keep_html: bool = True) -> None:
    back = decode_page(encode_page(page, keep_html))
    assert back.parsed == page.parsed
    assert back.links == page.links
    assert back.fetched.body == (page.fetched.body if keep_html else None)
    for name, item in (("direct", page), ("queued", back)):
        store = Store(tmp_path / f"{name}.db")
        record(store, item, keep_html)
        store.close()
    assert snapshot(tmp_path / "direct.db") == snapshot(tmp_path / "queued.db")


@pytest.mark.parametrize(
    "name", sorted(p.name for p in EXAMPLES.glob("*.html")), ids=lambda n: n[:40]
)
def test_example_pages_round_trip(name, tmp_path):
    assert_round_trip(page_from((EXAMPLES / name).read_text()), tmp_path)


def test_real_pages_round_trip(real_pages, tmp_path):
    pages = sorted(real_pages.glob("*.html"))
    assert pages
    for path in pages:
        sub = tmp_path / path.stem
        sub.mkdir()
        assert_round_trip(page_from(path.read_text(errors="replace")), sub)


def test_exact_values_and_no_html(tmp_path):
    capture = Capture(URL, "product-detail", "ok", parser="p", parser_version=3)
    money = Money(Decimal("46000.50"), "USD", "US$ 46,000.50")
    obs = SupplierObservation(
        "900000001",
        "Example (fictional)",
        {"example": "subdomain"},
        [Signal("ta_limit", money, URL), Signal("trade_assurance", True), Signal("rating", None)],
    )
    listing = Listing("1600900000001", "Net", URL, "900000001", Decimal("0.10"), Decimal("2.5"))
    page = PageResult(
        Fetched(URL, "ok", 200, URL, b"<html/>"), ParseResult(capture, [obs], [listing])
    )
    back = decode_page(encode_page(page, keep_html=False))
    assert back.parsed.suppliers[0].signals[0].value == money
    assert str(back.parsed.listings[0].price_min) == "0.10"  # a Decimal, never a float
    assert back.fetched.body is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("not json", id="not-json"),
        pytest.param('{"format": 99}', id="other-format"),
        pytest.param('{"format": 1, "fetched": {}}', id="missing-fields"),
    ],
)
def test_garbage_is_one_clear_error(text):
    with pytest.raises(CodecError):
        decode_page(text)
