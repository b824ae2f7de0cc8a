"""`scrapers.embedded`: finding JSON in scripts and decoding URL-encoded JSON attributes."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrapers.embedded import json_after, percent_decoded

# Text made of what breaks percent-decoding: escapes, broken escapes, hex digits, UTF-8.
_pieces = st.sampled_from(
    ["%", "%2", "%22", "%3a", "%3A", "%25", "%2522", "%E8%93", "%ZZ", "A", "f", "5", '"', "é", "€"]
)


@given(st.lists(_pieces | st.text(max_size=4), max_size=40).map("".join))
def test_percent_decoded_is_exactly_unquote(text):
    assert percent_decoded(text) == unquote(text)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param({"a": "b", "list": [1, 2]}, id="json-punctuation"),
        pytest.param({"name": "Zhenben 真本 €5 %25 \\"}, id="utf8-and-percent"),
    ],
)
def test_url_encoded_json_round_trips(value):
    import json

    encoded = quote(json.dumps(value, ensure_ascii=False))
    assert json.loads(percent_decoded(encoded)) == value


def test_json_after_skips_a_marker_that_is_not_an_assignment():
    html = 'if (window.data) {}; window.data = {"ok": 1};'
    assert json_after(html, "window.data") == {"ok": 1}
