"""Honest dates: a capture is dated by the page, else the fetch's HTTP Date, else the user's
``--observed-at`` (or a contributor's ``observed_at``), else it is recorded as undated; the
import time is kept as ``fetched_at`` and never presented as the observation time."""

from __future__ import annotations

import json
import zlib

import pytest

from scrapers.fetch import http_date
from scrapers.pages import parse_page
from scrapers.reparse import reparse_all
from tests.helpers.captures_2026 import DETAIL, wrap_script
from tests.helpers.cli import vet
from tests.helpers.paths import read_page
from vetting.model import parse_observed_at
from vetting.scoring import score_supplier
from vetting.store import Store, opened
from vetting.store.schema import MIGRATIONS, connect, migrate

JINQI = "2022-09_product-detail_jinqisportswear_1600336045319.html"
SEARCH_2024 = "2024-09_supplier-search_plastic-nets.html"


def test_2022_page_is_seen_in_2022_and_stale(real_pages, db_path):
    out = vet(db_path, "import", real_pages / JINQI)
    assert out.exit_code == 0, out.output
    assert "(seen 2022-09-02)" in out.output
    with opened(db_path) as store:
        supplier = store.get("jinqisportswear")
        assert supplier.last_checked.startswith("2022-09-02")
        assert supplier.signal("ta_limit").observed_at.startswith("2022-09-02")
        row = store.db.execute("SELECT observed_from, fetched_at FROM captures").fetchone()
        assert row[0] == "page:globalData.global.serverTime"
        assert not row[1].startswith("2022")  # the import time, kept apart
        assert "STALE_DATA" in score_supplier(supplier).codes
    doc = json.loads(vet(db_path, "show", "jinqisportswear", "--json").output)
    assert doc["last_checked"].startswith("2022-09-02")


def test_2026_product_json_as_a_page_is_seen_2026_09(real_pages_2026, db_path, tmp_path):
    page = tmp_path / "product.html"
    blob = (real_pages_2026 / DETAIL).read_text(encoding="utf-8")
    page.write_text(wrap_script("window.detailData", blob), encoding="utf-8")
    out = vet(db_path, "import", page)
    assert out.exit_code == 0, out.output
    assert "product-detail-data-2026" in out.output and "(seen 2026-09-14)" in out.output
    with opened(db_path) as store:
        assert store.get("230860282").last_checked.startswith("2026-09-14")


def test_undated_import_is_unknown_not_import_time(real_pages, db_path):
    out = vet(db_path, "import", real_pages / SEARCH_2024)
    assert out.exit_code == 0 and "(date unknown)" in out.output
    with opened(db_path) as store:
        dates = {r[0] for r in store.db.execute("SELECT observed_at FROM signals")}
        assert dates == {None}
        cap = store.db.execute("SELECT observed_at, fetched_at FROM captures").fetchone()
        assert cap[0] is None and cap[1]  # unknown date, import time kept separately
        supplier = store.get(store.db.execute("SELECT supplier_id FROM suppliers").fetchone()[0])
        assert supplier.last_checked is None
        assert "STALE_DATA" not in score_supplier(supplier).codes  # unknown age: not "fresh"


def test_observed_at_flag_dates_an_undated_page(real_pages, db_path):
    out = vet(db_path, "import", "--observed-at", "2024-09-15", real_pages / SEARCH_2024)
    assert out.exit_code == 0 and "(seen 2024-09-15)" in out.output
    with opened(db_path) as store:
        cap = store.db.execute("SELECT observed_at, observed_from FROM captures").fetchone()
        assert cap == ("2024-09-15T00:00:00+00:00", "import-flag")


def test_page_date_wins_over_the_flag(real_pages, db_path):
    out = vet(db_path, "import", "--observed-at", "2025-01-01", real_pages / JINQI)
    assert "(seen 2022-09-02)" in out.output


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param("yesterday", id="words"),
        pytest.param("2999-01-01", id="future"),
        pytest.param("2022-13-40", id="no-such-day"),
    ],
)
def test_bad_observed_at_is_a_usage_error(real_pages, db_path, bad):
    out = vet(db_path, "import", "--observed-at", bad, real_pages / JINQI)
    assert out.exit_code == 2 and "--observed-at" in out.output
    with pytest.raises(ValueError):
        parse_observed_at(bad)


@pytest.mark.parametrize(
    ("header", "iso"),
    [
        pytest.param("Wed, 14 Sep 2026 12:11:42 GMT", "2026-09-14T12:11:42+00:00", id="rfc7231"),
        pytest.param(None, None, id="absent"),
        pytest.param("not a date", None, id="garbage"),
    ],
)
def test_http_date_header(header, iso):
    assert http_date(header) == iso


def test_http_date_dates_a_fetched_page_unless_the_page_says(real_pages):
    html = read_page(real_pages / SEARCH_2024)
    when = "2024-09-15T04:00:00+00:00"
    result = parse_page(
        html, "https://www.alibaba.com/x", observed_at=when, observed_from="http-date"
    )
    assert (result.capture.observed_at, result.capture.observed_from) == (when, "http-date")
    assert {s.observed_at for obs in result.suppliers for s in obs.signals} == {when}
    dated = parse_page(read_page(real_pages / JINQI), "https://x", observed_at=when)
    assert dated.capture.observed_at.startswith("2022-09-02")  # the page's serverTime wins


def test_reparse_redates_a_capture_stored_with_its_import_time(real_pages, db_path):
    """A database from before honest dates: the page imported with the import time as its date.
    The migration un-dates it; reparse then reads serverTime and re-dates it."""
    html = (real_pages / JINQI).read_bytes()
    db = connect(db_path)
    for step in MIGRATIONS[:4]:  # the schema as it was
        step(db)
    db.execute(f"PRAGMA user_version = {4}")
    old = parse_page(html.decode("utf-8", "replace"), "file:///jinqi.html", source="import")
    import_time = "2026-11-30T10:00:00+00:00"
    db.execute(
        "INSERT INTO captures (id, url, kind, outcome, fetched_at, parser, parser_version, "
        "content_hash, source, html_z) VALUES (1, ?, 'product-detail', 'ok', ?, "
        "'product-detail-2022', 2, ?, 'import', ?)",
        [old.capture.url, import_time, old.capture.content_hash, zlib.compress(html)],
    )
    [obs] = old.suppliers
    db.execute(
        "INSERT INTO suppliers VALUES (?, ?, ?, ?)",
        [obs.supplier_id, obs.name, import_time, import_time],
    )
    for table in ("signals", "signals_current"):
        db.execute(
            f"INSERT INTO {table} (supplier_id, name, value, observed_at, capture_id) "
            "VALUES (?, 'trade_assurance', 'true', ?, 1)",
            [obs.supplier_id, import_time],
        )
    db.conn.commit()
    assert migrate(db) == len(MIGRATIONS)
    assert db.execute("SELECT observed_at FROM signals").fetchall() == [(None,)]
    db.close()
    store = Store(db_path)
    try:
        counts = reparse_all(store)
        assert counts["redated"] == 1
        supplier = store.get(obs.supplier_id)
        assert supplier.last_checked.startswith("2022-09-02")
        assert supplier.signal("ta_limit").observed_at.startswith("2022-09-02")
        assert "STALE_DATA" in score_supplier(supplier).codes
        assert reparse_all(store)["redated"] == 0  # a second run changes nothing
    finally:
        store.close()


# -- POST /api/v1/captures: observed_at ---------------------------------------------------------


@pytest.fixture
def api(db_path):
    from tests.helpers.api import seeded_app

    return seeded_app(db_path).test_client()


def _post(api, real_pages, **extra):
    from tests.helpers.api import API_KEY

    body = {
        "url": "https://www.alibaba.com/trade/search?SearchText=nets&tab=supplier",
        "html": read_page(real_pages / SEARCH_2024),
        **extra,
    }
    return api.post("/api/v1/captures", json=body, headers={"Authorization": f"Bearer {API_KEY}"})


def _capture_date(db_path, capture_id):
    with opened(db_path, readonly=True) as store:
        return store.db.execute(
            "SELECT observed_at, observed_from FROM captures WHERE id = ?", [capture_id]
        ).fetchone()


@pytest.mark.parametrize(
    ("extra", "stored"),
    [
        pytest.param(
            {"observed_at": "2024-09-15"}, ("2024-09-15T00:00:00+00:00", "contributor"), id="stated"
        ),
        pytest.param({}, (None, None), id="not-stated-unknown"),
        pytest.param({"observed_at": None}, (None, None), id="null-unknown"),
    ],
)
def test_contributed_page_is_dated_by_the_contributor_or_unknown(
    api, real_pages, db_path, extra, stored
):
    response = _post(api, real_pages, **extra)
    assert response.status_code == 201, response.get_json()
    assert _capture_date(db_path, response.get_json()["capture_id"]) == stored


def test_a_future_observed_at_is_ignored_and_said(api, real_pages, db_path):
    response = _post(api, real_pages, observed_at="2999-01-01")
    doc = response.get_json()
    assert response.status_code == 201 and "observed_at ignored" in doc["message"]
    assert _capture_date(db_path, doc["capture_id"]) == (None, None)


@pytest.mark.parametrize("bad", ["yesterday", "2022-13-40", 20220902])
def test_a_bad_observed_at_is_a_400(api, real_pages, bad):
    response = _post(api, real_pages, observed_at=bad)
    assert response.status_code == 400
    assert "observed_at" in response.get_json()["error"]["details"]
