"""The report page escapes a hostile supplier name."""

from __future__ import annotations

from sitegen import publish
from vetting.model import Capture, ParseResult, Signal, SupplierObservation

HOSTILE = '<script>alert(1)</script>"onerror=alert(2) </title>'


def test_report_page_escapes_hostile_name(store, tmp_path):
    obs = SupplierObservation("77", HOSTILE, {}, [Signal("trade_assurance", True)])
    store.record(ParseResult(Capture(url="u", kind="t", outcome="ok"), [obs]))
    out = tmp_path / "public"
    publish(store, out)
    page = (out / "suppliers" / "77.html").read_text()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '</title>"' not in page
    index = (out / "index.html").read_text()
    assert "<script>alert(1)" not in index
