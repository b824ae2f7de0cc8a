"""`vet score` order options and `vet check-order`: the issue's done-when flows, one-line errors."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.helpers.cli import vet
from tests.helpers.paths import EXAMPLES

JINQI = "2022-09_product-detail_jinqisportswear_1600336045319.html"
CONTRACT = """\
shipment_date: 2026-03-15
size: "S 30 cm, M 32 cm, L 34 cm"
quantity: 5,000 pcs
materials: 95% cotton 5% elastane, 180 gsm
quality: AQL 2.5 pre-shipment inspection
incoterms: FOB Shenzhen
"""
DATES = ["--shipped", "2026-01-10", "--cleared", "2026-02-10", "--received", "2026-02-15"]


@pytest.fixture
def jinqi_db(real_pages, db_path):
    assert vet(db_path, "import", real_pages / JINQI).exit_code == 0
    return db_path


@pytest.fixture
def demo_db(db_path):
    vet(db_path, "import", *sorted(EXAMPLES.glob("*.html")))
    return db_path


def test_done_when_score_real_page(jinqi_db):
    out = vet(jinqi_db, "score", "259052175", "--order-value", "25000")
    assert out.exit_code == 0, out.output
    assert "ORDER_ABOVE_COVERAGE" in out.output
    assert "uncovered 15,000" in out.output
    assert "proves nothing by itself" in out.output
    doc = json.loads(vet(jinqi_db, "score", "259052175", "--order-value", "25000", "--json").output)
    assert (doc["order"]["covered"], doc["order"]["uncovered"]) == (10000, 15000)
    assert [f["code"] for f in doc["order"]["flags"]] == ["ORDER_ABOVE_COVERAGE"]


def test_done_when_check_order_contract_and_deadlines(jinqi_db, tmp_path):
    contract = tmp_path / "contract.yaml"
    contract.write_text(CONTRACT)
    ics = tmp_path / "deadlines.ics"
    args = ["check-order", "--supplier", "jinqisportswear", "--value", "25000"]
    args += ["--today", "2026-02-10"]  # the deadlines below are ahead of this day
    out = vet(jinqi_db, *args, "--contract", contract, *DATES, "--ics", ics)
    assert out.exit_code == 0, out.output
    assert "missing  Colour" in out.output and "missing  Packaging" in out.output
    assert "ACT BY 2026-02-25" in out.output and "seed.quality-after-clearance" in out.output
    for line in ("seed          2026-04-10", "alibaba-2017  2026-03-17", "[upcoming]"):
        assert line in out.output
    assert ics.read_text().count("BEGIN:VEVENT") == 4  # + alibaba-2026.claim-after-receipt
    doc = json.loads(vet(jinqi_db, *args, "--contract", contract, *DATES, "--json").output)
    missing = [r["term"] for r in doc["contract"] if r["status"] == "missing"]
    assert missing == ["colour", "packaging"]
    assert doc["deadlines"]["act_by"]["date"] == "2026-02-25"
    assert doc["order"]["uncovered"] == 15000


@pytest.mark.parametrize(
    "options, covered, uncovered, flags",
    [
        pytest.param(["--payment", "off-platform"], 0, 20000, ["OFF_PLATFORM_PAYMENT"], id="off"),
        pytest.param(
            ["--coverage", "pre-shipment", "--deposit", "30%"], 6000, 14000, [], id="pre-shipment"
        ),
        pytest.param(
            ["--currency", "EUR", "--rate", "USD:EUR:0.5:2026-01-02"],
            6000,
            14000,
            ["ORDER_ABOVE_COVERAGE"],
            id="explicit-rate",
        ),
    ],
)
def test_score_order_options(demo_db, options, covered, uncovered, flags):
    # 900000001 (fictional example page): Trade Assurance, limit 12,000 USD.
    out = vet(demo_db, "score", "900000001", "--order-value", "20000", *options, "--json")
    assert out.exit_code == 0, out.output
    order = json.loads(out.output)["order"]
    assert (order["covered"], order["uncovered"]) == (covered, uncovered)
    assert [f["code"] for f in order["flags"]] == flags


def test_contract_as_plain_text_and_json(demo_db, tmp_path):
    text = tmp_path / "contract.txt"
    text.write_text("Colour: as sample\nShipment: ASAP\n")
    out = vet(
        demo_db, "check-order", "--supplier", "900000001", "--value", "100", "--contract", text
    )
    assert "vague    Colour" in out.output and "vague    Shipment date" in out.output
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps({"color": "red", "text": "Packaging: 20 pcs per carton"}))
    doc = json.loads(
        vet(demo_db, "check-order", "--supplier", "900000001", "--value", "100",
            "--contract", terms, "--json").output
    )  # fmt: skip
    got = {r["term"]: r["status"] for r in doc["contract"]}
    assert got["colour"] == "present" and got["packaging"] == "present"


@pytest.mark.parametrize(
    "args, message",
    [
        (["score", "900000001", "--deposit", "30%"], "order_value: give the order value"),
        (["score", "900000001", "--order-value", "100", "--payment", "cash"], "payment: must be"),
        (["score", "900000001", "--order-value", "100", "--currency", "EUR"], "rate: the order"),
        (["score", "900000001", "--order-value", "1e13"], "order_value: must be at most"),
        (["score", "900000001", "--order-value", "100", "--coverage", "pre-shipment"], "deposit:"),
        (["check-order", "--supplier", "900000001", "--value", "0"], "order_value: must be"),
        (["check-order", "--supplier", "900000001", "--value", "1", "--shipped", "x"], "shipped:"),
        (
            [
                "check-order",
                "--supplier",
                "900000001",
                "--value",
                "1",
                "--shipped",
                "2026-02-01",
                "--cleared",
                "2026-01-01",
            ],
            "cleared: cleared 2026-01-01 is before shipped",
        ),  # fmt: skip
        (["check-order", "--supplier", "9", "--value", "1"], "unknown supplier ID '9'"),
        (
            ["check-order", "--supplier", "900000001", "--value", "1", "--contract", "/no/file"],
            "No such",
        ),
        (
            [
                "check-order",
                "--supplier",
                "900000001",
                "--value",
                "1",
                "--profile",
                "x",
                "--shipped",
                "2026-01-01",
            ],
            "profile: unknown policy profile",
        ),  # fmt: skip
    ],
)
def test_errors_are_one_line(demo_db, args, message):
    out = vet(demo_db, *args)
    assert out.exit_code == 1
    assert message in out.output
    assert "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_bad_yaml_contract_is_one_line(demo_db, tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("colour: [unclosed\n")
    out = vet(demo_db, "check-order", "--supplier", "900000001", "--value", "1", "--contract", bad)
    assert out.exit_code == 1 and "contract:" in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_deadlines_are_against_the_real_today_and_passed_ones_say_so(demo_db):
    old = ["--shipped", "2020-01-02", "--cleared", "2020-01-20", "--received", "2020-02-01"]
    out = vet(demo_db, "check-order", "--supplier", "900000001", "--order-value", "100", *old)
    assert out.exit_code == 0, out.output
    assert "[PASSED]" in out.output and "[upcoming]" not in out.output
    assert "act by: every deadline has passed" in out.output
    soon = date.today().isoformat()
    out = vet(
        demo_db,
        "check-order",
        "--supplier",
        "900000001",
        "--order-value",
        "100",
        "--received",
        soon,
    )
    assert "[upcoming]" in out.output and "ACT BY" in out.output


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["score", "900000001"], id="score"),
        pytest.param(["check-order", "--supplier", "900000001"], id="check-order"),
    ],
)
@pytest.mark.parametrize("option", ["--order-value", "--value"])
def test_score_and_check_order_take_the_same_order_options(demo_db, command, option):
    out = vet(demo_db, *command, option, "25000", "--deposit", "30%", "--json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["order"]["value"] == 25000


def test_order_value_and_its_alias_must_agree(demo_db):
    out = vet(demo_db, "score", "900000001", "--order-value", "1", "--value", "2")
    assert out.exit_code == 1 and "disagree" in out.output
    out = vet(demo_db, "check-order", "--supplier", "900000001")
    assert out.exit_code == 1 and "--order-value" in out.output
    assert "--value" not in vet(demo_db, "check-order", "--help").output  # hidden alias
