"""The shared card-text vectors (tests/vectors/card_lines.json, also run by the extension's
lib/card-lines.js) through the AI-mode parser's reading of a card's lines."""

from __future__ import annotations

import json

import pytest

from scrapers.pages import supplier_search_ai_2026 as ai
from scrapers.pages.base import SignalSink, new_context
from tests.helpers.paths import ROOT

CASES = json.loads((ROOT / "tests" / "vectors" / "card_lines.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_card_lines_vector(case):
    ctx = new_context("", "https://www.alibaba.com/search/page?SearchScene=suppliers", ai.PARSER)
    out = SignalSink(ctx, "")
    ai._text_signals(out, case["lines"])
    assert {s.name: s.value for s in ai._unique(out.signals)} == case["expect"]


def test_there_are_enough_card_line_vectors():
    assert len(CASES) >= 12
