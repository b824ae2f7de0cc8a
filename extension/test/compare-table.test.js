import assert from "node:assert/strict";
import { test } from "node:test";

import { COLUMNS, compareRows, sortRows, toCsv, toTsv, UNKNOWN } from "../src/lib/compare-table.js";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const at = "2026-12-01T10:00:00Z";
const entry = (value, kind = "product-detail") => ({ value, kind, observed_at: at,
  url: "https://www.alibaba.com/product-detail/x_1.html" });
const RECORDS = [
  { key: "259052175", companyId: "259052175", name: "Jinqi", lastSeen: NOW - 1000, signals: {
    trade_assurance: entry(true), ta_limit: entry({ amount: "10000", currency: "USD" }),
    gold_years: entry(2), verified: entry(false), response_time: entry(3) } },
  { key: "262055980", companyId: "262055980", name: "=HYPERLINK(\"x\")", lastSeen: NOW, signals: {
    trade_assurance: entry(true, "supplier-profile"), verified: entry(true, "supplier-profile"),
    verifier: entry("SGS Group", "supplier-profile") } },
  { key: "1000001", companyId: "1000001", name: "Nothing known", lastSeen: NOW - 5000, signals: {} },
];
const ORDER = { value: "25000", currency: "USD", deposit: "", payment: "ta", coverage: "post-delivery" };

test("unknown is shown as unknown, never as no", () => {
  const rows = compareRows(RECORDS, ORDER, NOW);
  const empty = rows.find((r) => r.id === "1000001");
  for (const key of ["ta", "limit", "uncovered", "goldYears", "verified", "rating", "onTime"]) {
    assert.equal(empty.cells[key], UNKNOWN, key);
  }
  const jinqi = rows.find((r) => r.id === "259052175");
  assert.equal(jinqi.cells.verified, "no");
  assert.equal(jinqi.cells.limit, "$10,000");
  assert.equal(jinqi.cells.uncovered, "$15,000");
  assert.equal(rows.find((r) => r.id === "262055980").cells.verified, "yes (SGS Group)");
});

test("sorting: numbers as numbers, unknown last in both directions", () => {
  const rows = compareRows(RECORDS, ORDER, NOW);
  assert.deepEqual(sortRows(rows, "limit", "ascending").map((r) => r.id)[0], "259052175");
  assert.equal(sortRows(rows, "limit", "descending").at(-1).cells.limit, UNKNOWN);
  assert.equal(sortRows(rows, "limit", "ascending").at(-1).cells.limit, UNKNOWN);
  assert.deepEqual(sortRows(rows, "lastSeen", "descending").map((r) => r.id),
    ["262055980", "259052175", "1000001"]);
});

test("CSV and TSV: one header and a row per supplier; formulas defused", () => {
  const rows = compareRows(RECORDS, ORDER, NOW);
  const csv = toCsv(rows).split("\r\n");
  assert.equal(csv.length, 4);
  assert.equal(csv[0].split(",").length, COLUMNS.length + 1);
  assert.ok(csv.some((line) => line.includes("'=HYPERLINK")));
  const tsv = toTsv(rows).split("\n");
  assert.equal(tsv[1].split("\t").length, COLUMNS.length + 1);
  assert.ok(!toTsv(rows).includes("\t=HYPERLINK"));
});
