"""Contract checklist: each term present / missing / vague (seed rules 4 and 7)."""

from __future__ import annotations

import pytest

from vetting.contract import TERMS, check_contract

COMPLETE = {
    "shipment_date": "2026-03-15",
    "size": "S 30 cm, M 32 cm, L 34 cm",
    "quantity": "5,000 pcs",
    "materials": "95% cotton 5% elastane, 180 gsm",
    "colour": "navy blue (Pantone 19-4052 TCX)",
    "packaging": "1 pc per polybag, 50 pcs per carton, cartons 60x40x40 cm",
    "quality_standard": "AQL 2.5, third-party pre-shipment inspection",
    "incoterms": "FOB Shenzhen",
}


def statuses(rows):
    return {r["term"]: r["status"] for r in rows}


def test_every_term_is_reported_once_with_a_reason():
    rows = check_contract(COMPLETE, None)
    assert [r["term"] for r in rows] == [t.key for t in TERMS]
    assert set(statuses(rows).values()) == {"present"}
    assert all(r["why"] and r["source"] for r in rows)


def test_seed_rule_4_missing_colour_and_packaging():
    terms = {k: v for k, v in COMPLETE.items() if k not in ("colour", "packaging")}
    got = statuses(check_contract(terms, None))
    assert got["colour"] == "missing" and got["packaging"] == "missing"
    assert [k for k, v in got.items() if v != "present"] == ["colour", "packaging"]


def test_nothing_given_is_all_missing():
    rows = check_contract(None, None)
    assert set(statuses(rows).values()) == {"missing"}
    assert "will not act" in rows[0]["why"]


@pytest.mark.parametrize(
    "term, value, status",
    [
        pytest.param("shipment_date", "ASAP", "vague", id="seed-4-asap-is-not-a-date"),
        pytest.param("shipment_date", "March 2026", "vague", id="month-without-a-day"),
        pytest.param("shipment_date", "end of March", "vague", id="end-of-month"),
        pytest.param("shipment_date", "15 March 2026", "present", id="day-month-year"),
        pytest.param("shipment_date", "within 30 days after deposit", "present", id="relative"),
        pytest.param("shipment_date", "TBD", "vague", id="tbd"),
        pytest.param("quality_standard", "good quality", "vague", id="seed-7-good-quality"),
        pytest.param("quality_standard", "as sample", "vague", id="as-sample"),
        pytest.param("quality_standard", "AQL 2.5 inspection", "present", id="aql"),
        pytest.param("colour", "as sample", "vague", id="colour-as-sample"),
        pytest.param("colour", "assorted", "vague", id="colour-assorted"),
        pytest.param("colour", "navy blue, as sample", "present", id="named-colour-wins"),
        pytest.param("quantity", "about 5000 pcs", "vague", id="approximate-quantity"),
        pytest.param("quantity", "5000 pcs", "present", id="exact-quantity"),
        pytest.param("quantity", "lots", "vague", id="quantity-without-number"),
        pytest.param("materials", "good material", "vague", id="material-praise"),
        pytest.param("materials", "100% cotton", "present", id="material-composition"),
        pytest.param("packaging", "standard export packing", "vague", id="standard-packing"),
        pytest.param("packaging", "50 pcs per carton", "present", id="packing-detail"),
        pytest.param("product_size", "standard size", "vague", id="standard-size"),
        pytest.param("product_size", "30 x 40 cm", "present", id="size-with-units"),
        pytest.param("incoterms", "FOB", "vague", id="incoterm-without-place"),
        pytest.param("incoterms", "CIF Rotterdam", "present", id="incoterm-with-place"),
        pytest.param("incoterms", "", "missing", id="empty-is-missing"),
    ],
)
def test_term_judgement(term, value, status):
    got = statuses(check_contract({term: value}, None))
    assert got[term] == status


def test_aliases_and_key_spelling():
    got = statuses(check_contract({"Color": "red", "QTY": "100 pcs", "Trade terms": "DDP Berlin"}))
    assert got["colour"] == "present" and got["quantity"] == "present"
    assert got["incoterms"] == "present"


def test_free_text_labelled_lines():
    text = "Shipment date: March 2026\nColour: as sample\nQuantity: 1,200 pcs\nTerms: FOB"
    got = statuses(check_contract(None, text))
    assert got["shipment_date"] == "vague"
    assert got["colour"] == "vague"
    assert got["quantity"] == "present"
    assert got["incoterms"] == "vague"
    assert got["packaging"] == "missing"


def test_free_text_sentences():
    text = (
        "The seller shall ship the goods by 15 March 2026. The order is for 5,000 pieces of "
        "100% cotton T-shirts in navy blue. Quality: AQL 2.5, inspected before shipment."
    )
    got = statuses(check_contract(None, text))
    for term in ("shipment_date", "quantity", "materials", "colour", "quality_standard"):
        assert got[term] == "present", term
    assert got["packaging"] == "missing" and got["product_size"] == "missing"


def test_specific_answer_wins_over_vague_one():
    got = statuses(check_contract({"quality": "good quality"}, "Quality: AQL 1.5 inspection"))
    assert got["quality_standard"] == "present"


def test_vague_why_quotes_the_phrase():
    row = next(r for r in check_contract({"shipment": "ASAP"}) if r["term"] == "shipment_date")
    assert "'asap'" in row["why"].lower() and "date" in row["why"]
