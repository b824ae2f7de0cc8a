"""Bad 2026 blobs: a wrong-typed field, a missing seller, an empty or wrong-typed offer list, a
truncated JSON. Each gives a clear outcome (``unparseable`` with the reason, or the fields it
could read, with what it could not), never a traceback and never a guessed value.

The blobs are the real captures with one field changed (or our own two-field minimum)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from scrapers.pages import parse_page
from tests.helpers.captures_2026 import DETAIL, PRODUCT_SEARCH, wrap_script

DETAIL_URL = "https://www.alibaba.com/product-detail/x_1601302079515.html"
SEARCH_URL = "https://www.alibaba.com/catalog/x_cid44"


def _seller(blob):
    return blob["globalData"]["seller"]


def _set(path, value):
    def change(blob):
        *head, last = path
        node = blob
        for key in head:
            node = node[key]
        node[last] = value

    return change


def _drop(path):
    def change(blob):
        *head, last = path
        node = blob
        for key in head:
            node = node[key]
        del node[last]

    return change


SELLER = ("globalData", "seller")


@pytest.fixture(scope="module")
def detail_text(real_pages_2026):
    return (real_pages_2026 / DETAIL).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def search_text(real_pages_2026):
    return (real_pages_2026 / PRODUCT_SEARCH).read_text(encoding="utf-8")


def _parse_changed(text, change, marker="window.detailData", url=DETAIL_URL):
    blob = json.loads(text)
    change(blob)
    return parse_page(wrap_script(marker, json.dumps(blob)), url, source="import")


def _got(result):
    [obs] = result.suppliers
    return {s.name: s.value for s in obs.signals}


# (name, change, signal that must be unknown, substring of the capture's message)
DETAIL_GAPS = [
    ("ta-limit-wrong-type", _set((*SELLER, "baoAccountAmount"), {"v": 1}), "ta_limit", "dict"),
    ("ta-limit-negative", _set((*SELLER, "baoAccountAmount"), "-10,000"), "ta_limit", "negative"),
    ("ta-limit-absurd", _set((*SELLER, "baoAccountAmount"), "2,000,000,000"), "ta_limit", "max"),
    ("ta-limit-exponent", _set((*SELLER, "baoAccountAmount"), "1e400"), "ta_limit", "exponent"),
    ("ta-limit-yen-sign", _set((*SELLER, "baoAccountAmount"), "¥10,000"), "ta_limit", "yen"),
    (
        "rating-wrong-type",
        _set((*SELLER, "supplierRatingReviews", "averageStar"), [4.8]),
        "rating",
        "list",
    ),
    (
        "rating-out-of-range",
        _set((*SELLER, "supplierRatingReviews", "averageStar"), "7.5"),
        "rating",
        "rating",
    ),
    (
        "join-years-wrong-type",
        _set((*SELLER, "companyJoinYears"), {"y": 13}),
        "years_on_alibaba",
        "dict",
    ),
    ("flag-as-text", _set((*SELLER, "companyHasPassAssessment"), "maybe"), "verified", "flag"),
    ("ta-mark-missing", _drop((*SELLER, "baoAccountIsDisplayAssurance")), "trade_assurance", None),
]


@pytest.mark.parametrize(
    ("change", "unknown", "why"),
    [pytest.param(c, u, w, id=n) for n, c, u, w in DETAIL_GAPS],
)
def test_a_bad_field_is_unknown_and_the_rest_is_read(detail_text, change, unknown, why):
    result = _parse_changed(detail_text, change)
    assert result.capture.outcome == "ok"
    got = _got(result)
    assert unknown not in got
    assert got["review_count"] == 56 and got["location"] == "CN"  # the rest is still read
    if why:
        assert "read with gaps" in result.capture.message and why in result.capture.message


def test_a_ta_limit_in_yuan_stays_in_yuan(detail_text):
    result = _parse_changed(detail_text, _set((*SELLER, "baoAccountAmount"), "RMB 10,000"))
    limit = _got(result)["ta_limit"]
    assert (limit.amount, limit.currency) == (Decimal(10000), "CNY")  # never relabelled US$


def test_no_ta_mark_means_no_limit(detail_text):
    result = _parse_changed(detail_text, _set((*SELLER, "baoAccountIsDisplayAssurance"), False))
    got = _got(result)
    assert got["trade_assurance"] is False and "ta_limit" not in got


# (name, change or raw text, substring of the unparseable reason)
UNPARSEABLE = [
    ("missing-seller", _drop(SELLER), "companyId"),
    ("seller-wrong-type", _set(SELLER, ["x"]), "companyId"),
    ("company-id-wrong-type", _set((*SELLER, "companyId"), [230860282]), "companyId"),
    ("company-id-not-digits", _set((*SELLER, "companyId"), "23086O282"), "companyId"),
    (
        "blob-not-an-object",
        lambda blob: blob.clear() or blob.update({"globalData": 7}),
        "detailData",
    ),
]


@pytest.mark.parametrize(("change", "why"), [pytest.param(c, w, id=n) for n, c, w in UNPARSEABLE])
def test_no_seller_is_unparseable_with_the_reason(detail_text, change, why):
    result = _parse_changed(detail_text, change)
    assert result.capture.outcome == "unparseable"
    assert why in result.capture.message
    assert result.suppliers == [] and result.listings == []


@pytest.mark.parametrize("cut", [0.5, 0.99])
def test_truncated_json_is_unparseable(detail_text, search_text, cut):
    for marker, text, url in (
        ("window.detailData", detail_text, DETAIL_URL),
        ("window.__page__data_sse10._offer_list", search_text, SEARCH_URL),
    ):
        html = wrap_script(marker, text[: int(len(text) * cut)])
        result = parse_page(html, url, source="import")
        assert result.capture.outcome == "unparseable", marker
        # Cut before the company card: not a 2026 page any more, and no reader finds a seller.
        message = result.capture.message
        assert "not valid JSON" in message or "no usable detailData" in message
        assert result.suppliers == []


def test_empty_offer_list_is_a_real_answer(search_text):
    result = _parse_changed(
        search_text,
        _set(("offerResultData", "offers"), []),
        "window.__page__data_sse10._offer_list",
        SEARCH_URL,
    )
    assert (result.capture.outcome, result.capture.message) == ("ok", "no results")
    assert result.suppliers == [] and result.listings == []


def test_offer_list_of_the_wrong_type_is_unparseable(search_text):
    result = _parse_changed(
        search_text,
        _set(("offerResultData", "offers"), {"0": {}}),
        "window.__page__data_sse10._offer_list",
        SEARCH_URL,
    )
    assert result.capture.outcome == "unparseable" and "offers" in result.capture.message


def test_offers_without_company_id_are_skipped_and_said(search_text):
    def change(blob):
        blob["offerResultData"]["offers"][0]["companyId"] = None
        blob["offerResultData"]["offers"][3] = "not an offer"

    result = _parse_changed(
        search_text, change, "window.__page__data_sse10._offer_list", SEARCH_URL
    )
    assert result.capture.outcome == "ok"
    assert "291854154" not in {obs.supplier_id for obs in result.suppliers}
    assert "a record without a companyId" in result.capture.message


def test_negative_review_count_is_unknown_and_hides_the_score(search_text):
    def change(blob):
        blob["offerResultData"]["offers"][0]["reviewCount"] = -3

    result = _parse_changed(
        search_text, change, "window.__page__data_sse10._offer_list", SEARCH_URL
    )
    first = {s.name: s.value for s in result.suppliers[0].signals}
    assert "review_count" not in first and "rating" not in first


@pytest.mark.parametrize(
    "server_time",
    [
        pytest.param("1789387902851", id="as-text"),
        pytest.param(0, id="epoch-zero"),
        pytest.param(10**20, id="absurd"),
        pytest.param(True, id="bool"),
    ],
)
def test_a_bad_server_time_leaves_the_date_unknown(detail_text, server_time):
    result = _parse_changed(detail_text, _set(("globalData", "global", "serverTime"), server_time))
    assert result.capture.outcome == "ok"
    assert result.capture.observed_at is None  # an import with no date of its own: unknown
