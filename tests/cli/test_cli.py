"""The `vet` CLI: the foundation's done-when flows and one-line errors."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import vet
from tests.helpers.paths import EXAMPLES

JINQI = "2022-09_product-detail_jinqisportswear_1600336045319.html"


def test_import_show_score_real_page(real_pages, db_path):
    out = vet(db_path, "import", real_pages / JINQI)
    assert out.exit_code == 0, out.output
    assert ": ok product-detail-2022 v" in out.output
    doc = json.loads(vet(db_path, "show", "259052175", "--json").output)
    assert doc["signals"]["trade_assurance"]["value"] is True
    assert doc["signals"]["ta_limit"]["value"]["amount"] == 10000
    assert doc["signals"]["ta_limit"]["value"]["currency"] == "USD"
    scored = vet(db_path, "score", "259052175", "--order-value", "25000")
    assert scored.exit_code == 0
    assert "uncovered 15,000" in scored.output
    assert "ORDER_ABOVE_COVERAGE" in scored.output
    assert "proves nothing by itself" in scored.output


def test_blocked_page_writes_nothing(real_pages, db_path):
    out = vet(db_path, "import", real_pages / "2024-09_blocked_captcha-punish.html")
    assert "blocked" in out.output and "nothing written" in out.output
    assert vet(db_path, "export").output == ""


def test_export_jsonl_one_supplier_a_line(db_path):
    vet(db_path, "import", *sorted(EXAMPLES.glob("*.html")))
    lines = vet(db_path, "export").output.splitlines()
    ids = [json.loads(line)["supplier_id"] for line in lines]
    assert len(ids) == len(set(ids))
    assert {"900000001", "900000002"} <= set(ids)
    csv_out = vet(db_path, "export", "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("supplier_id,name,grade")
    assert len(csv_out) == len(ids) + 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "123"], "unknown supplier ID '123'"),
        (["score", "900000001", "--order-value", "abc"], "order_value: not a number"),
        (["score", "900000001", "--order-value", "-5"], "order_value: must be a positive"),
        (["score", "900000001", "--order-value", "NaN"], "order_value: must be a positive"),
        (["import", "/no/such/file.html"], "no such file"),
    ],
)
def test_errors_are_one_line_and_nonzero(db_path, args, message):
    vet(db_path, "import", *sorted(EXAMPLES.glob("*.html")))
    out = vet(db_path, *args)
    assert out.exit_code != 0
    assert message in out.output
    assert "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_missing_database_is_one_line(tmp_path):
    out = vet(tmp_path / "none.db", "show", "1")
    assert out.exit_code == 1
    assert "database not found" in out.output
