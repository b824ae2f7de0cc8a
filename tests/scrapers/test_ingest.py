"""One ingestion path: `vet import` and POST /api/v1/captures both parse + record through
`scrapers.ingest.ingest_page`, and record the same thing for the same page."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.ingest import ingest_page
from tests.helpers.paths import EXAMPLES
from vetcli.data import import_file

PAGE = EXAMPLES / "2022_product-detail_example-textiles_1600900000001.html"
URL = "https://www.alibaba.com/product-detail/x_1600900000001.html"


def _signals(store) -> list[tuple]:
    return store.db.execute(
        "SELECT supplier_id, name, value FROM signals ORDER BY supplier_id, name"
    ).fetchall()


def test_ingest_records_the_parsed_page(store):
    html = PAGE.read_text(encoding="utf-8")
    capture_id, result = ingest_page(
        store, html, URL, source="extension", contributor="key-abc", note="why"
    )
    assert result.capture.outcome == "ok" and result.suppliers
    row = store.db.execute(
        "SELECT source, contributor, message FROM captures WHERE id = ?", [capture_id]
    ).fetchone()
    assert row[0] == "extension" and row[1] == "key-abc" and row[2].startswith("why")
    assert _signals(store)


@pytest.mark.parametrize(
    ("observed_at", "observed_from"),
    [
        pytest.param(None, None, id="no-date-given"),
        pytest.param("2024-09-15T00:00:00+00:00", "import-flag", id="date-given"),
    ],
)
def test_ingest_names_where_a_given_date_came_from_only_when_there_is_one(
    store, observed_at, observed_from
):
    html = "<html><body>nothing anyone recognises</body></html>"
    _, result = ingest_page(
        store, html, URL, source="import", observed_at=observed_at, observed_from="import-flag"
    )
    assert result.capture.outcome == "unparseable"
    assert (result.capture.observed_at, result.capture.observed_from) == (
        observed_at,
        observed_from,
    )


def test_a_blocked_page_is_a_capture_without_signals(store):
    html = "<html><head><title>Captcha Interception</title></head><body>x5sec</body></html>"
    capture_id, result = ingest_page(store, html, URL, source="extension")
    assert result.capture.outcome != "ok"
    assert store.db.execute("SELECT count(*) FROM captures").fetchone()[0] == 1
    assert capture_id and _signals(store) == []


def test_cli_import_and_ingest_record_the_same_signals(tmp_path: Path):
    from vetting.store import Store

    via_cli, via_ingest = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    import_file(via_cli, PAGE)
    html = PAGE.read_text(encoding="utf-8")
    from scrapers.saved import saved_source

    ingest_page(via_ingest, html, saved_source(html, PAGE), source="import")
    assert _signals(via_cli) == _signals(via_ingest) != []


def test_the_content_hash_is_of_the_bytes_so_a_reparse_of_a_broken_utf8_page_runs_once(
    tmp_path: Path,
):
    import hashlib
    from collections import Counter

    from scrapers.reparse import reparse_all
    from vetting.store import Store

    # A saved page with a byte that is not UTF-8: its text (with U+FFFD) encodes differently.
    raw = PAGE.read_bytes().replace(b"</body>", b"<p>\xff</p></body>")
    saved = tmp_path / "page.html"
    saved.write_bytes(raw)
    store = Store(tmp_path / "v.db")
    result = import_file(store, saved)
    assert result.capture.content_hash == hashlib.sha256(raw).hexdigest()
    store.db.execute("UPDATE captures SET parser_version = 0")  # as if its parser changed
    assert reparse_all(store) == Counter(ok=1)
    assert reparse_all(store) == Counter(unchanged=1)  # the reparse found by the same hash
