"""Contributor keys: a contribution is attributed to its key's id (never the key), kept beside
what was crawled (a crawled value stays the shown one), checked for plausibility (a changed
name or a limit 10x off is flagged, never shown as fact), and the operator lists and revokes a
key's contributions with `vet contributions`."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from tests.helpers.api import API_KEY, seeded_app
from vetcli import main
from vetting.contributions import key_id

OTHER_KEY = "second-key-9876543210"
URL = "https://example-textiles.en.alibaba.com/company_profile.html"
CRAWLED = "900000001"  # the seeded fictional supplier: name and a 12,000 USD limit crawled


def _post(client, key, body):
    return client.post("/api/v1/captures", json=body,
                       headers={"Authorization": f"Bearer {key}"})  # fmt: skip


def _doc(client, sid):
    return client.get(f"/api/v1/suppliers/{sid}").get_json()


def test_contributions_are_attributed_checked_and_revocable(tmp_path):
    db = tmp_path / "vetting.db"
    client = seeded_app(db, API_KEYS=[API_KEY, OTHER_KEY]).test_client()
    before = _doc(client, CRAWLED)
    assert before["signals"]["ta_limit"]["value"]["amount"] == 12000

    # 1. a plausible contribution does not replace the crawled value, but fills unknowns
    r = _post(client, API_KEY, {"url": URL, "supplier_id": CRAWLED, "signals": {
        "ta_limit": {"amount": 15000, "currency": "USD"}, "response_rate": 97}})  # fmt: skip
    assert r.status_code == 201, r.get_data(as_text=True)
    assert r.get_json()["review"] == "accepted"
    assert r.get_json()["contributor"] == key_id(API_KEY)
    doc = _doc(client, CRAWLED)
    assert doc["signals"]["ta_limit"]["value"]["amount"] == 12000  # crawled stays the fact
    assert doc["signals"]["response_rate"]["value"] == 97

    # 2. a rename and a 1,000x limit from another key: flagged, shown nowhere
    r = _post(client, OTHER_KEY, {"url": URL, "supplier_id": CRAWLED, "name": "Totally Other Ltd",
                                  "signals": {"ta_limit": {"amount": 12_000_000, "currency": "USD"},
                                              "verified": True}})  # fmt: skip
    assert r.get_json()["review"] == "flagged"
    doc = _doc(client, CRAWLED)
    assert doc["name"] == before["name"]
    assert doc["signals"]["ta_limit"]["value"]["amount"] == 12000
    assert doc["signals"]["verified"]["value"] == before["signals"]["verified"]["value"]
    history = client.get(f"/api/v1/suppliers/{CRAWLED}/history").get_json()
    assert "12000000" not in str(history)

    # 3. a new supplier known only from a contribution is shown, attributed
    r = _post(client, OTHER_KEY, {"url": URL, "supplier_id": "940000001", "name": "New Co",
                                  "signals": {"trade_assurance": True}})  # fmt: skip
    assert r.get_json()["review"] == "accepted"
    assert _doc(client, "940000001")["signals"]["trade_assurance"]["value"] is True

    with sqlite3.connect(db) as conn:
        stored = conn.execute(
            "SELECT contributor, review, review_reason FROM captures WHERE contributor IS NOT NULL"
        ).fetchall()
        dump = "\n".join(conn.iterdump())
    assert {row[0] for row in stored} == {key_id(API_KEY), key_id(OTHER_KEY)}
    assert API_KEY not in dump and OTHER_KEY not in dump  # the raw keys are never stored
    flagged = [row for row in stored if row[1] == "flagged"]
    assert len(flagged) == 1 and "name changes" in flagged[0][2] and "10x" in flagged[0][2]

    # 4. the operator lists and revokes the first key: its values stop being shown
    runner = CliRunner()
    listed = runner.invoke(main, ["--db", str(db), "contributions", "list"])
    assert listed.exit_code == 0 and key_id(API_KEY) in listed.output
    assert "1 flagged" in listed.output
    out = runner.invoke(main, ["--db", str(db), "contributions", "revoke", key_id(API_KEY)])
    assert out.exit_code == 0, out.output
    doc = _doc(client, CRAWLED)
    assert doc["signals"]["response_rate"]["value"] is None
    assert doc["signals"]["ta_limit"]["value"]["amount"] == 12000
    bad = runner.invoke(main, ["--db", str(db), "contributions", "revoke", "key-nosuch"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
