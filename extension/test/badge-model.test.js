import assert from "node:assert/strict";
import { test } from "node:test";

import { badgeModel } from "../src/lib/badge-model.js";

const NOW = Date.parse("2026-11-26T12:00:00Z");

function doc({ ta = true, limit = { amount: 10000, currency: "USD", raw: "10,000" }, gold = true,
  years = 2, grade = "C", value = 56, name = "Dongguan Jinqi Sports Apparel Co., Ltd." } = {}) {
  const signal = (v) => ({ value: v, observed_at: "2026-11-20T00:00:00+00:00" });
  return {
    supplier_id: "259052175", name, aliases: [], last_checked: "2026-11-20T00:00:00+00:00",
    signals: { trade_assurance: signal(ta), ta_limit: signal(limit), gold_supplier: signal(gold),
      years_on_alibaba: signal(years), gold_years: signal(null) },
    score: { value, grade, reasons: [{ signal: "trade_assurance", effect: 20, evidence: "TA mark shown" }],
      warnings: [{ code: "GOLD_BADGE_ALONE", message: "Gold is the only positive signal." }],
      actions: ["Ask for a video call."] },
  };
}
const found = (opts) => ({ status: "found", supplier: doc(opts) });
const ORDER = (value) => ({ value, currency: "USD", deposit: "", payment: "ta", coverage: "post-delivery" });

const cases = [
  { id: "found, no order", result: found(), order: ORDER(""),
    want: { status: "found", grade: "C", tone: "warn", lines: ["TA ✓ $10,000",
      "Gold 2 yrs (paid membership: the badge alone proves nothing)"], uncovered: null } },
  { id: "order above the limit turns red with the uncovered amount", result: found(), order: ORDER("25000"),
    want: { tone: "danger", uncovered: "15000.00", lastLine: "⚠ $15,000 uncovered" } },
  { id: "order within the limit", result: found(), order: ORDER("4000"),
    want: { tone: "warn", uncovered: "0.00", lastLine: "✓ order within coverage" } },
  { id: "limit unknown: coverage unknown, not red", result: found({ limit: null }), order: ORDER("25000"),
    want: { tone: "warn", uncovered: null, lastLine: "order coverage unknown" } },
  { id: "no TA is red even without an order", result: found({ ta: false, limit: null, grade: "F" }), order: ORDER(""),
    want: { tone: "danger", lines: ["TA ✗", "Gold 2 yrs (paid membership: the badge alone proves nothing)"] } },
  { id: "insufficient data shows ?", result: found({ grade: null, value: null }), order: ORDER(""),
    want: { grade: "?", tone: "none" } },
  { id: "grade A is good", result: found({ grade: "A" }), order: ORDER(""), want: { tone: "good" } },
  { id: "EUR order without a rate: the check says what is missing", result: found(),
    order: { ...ORDER("20000"), currency: "EUR" },
    want: { tone: "warn", uncovered: null, lastLine: "order check: order in EUR, limit in USD" } },
  { id: "EUR order with the buyer's USD rate", result: found(),
    order: { ...ORDER("20000"), currency: "EUR", usdRate: "0.92" },
    want: { tone: "danger", uncovered: "10800.00", lastLine: "⚠ €10,800 uncovered" } },
  { id: "unknown supplier", result: { status: "unknown" }, order: ORDER("25000"),
    want: { status: "unknown", grade: "?", lines: ["not checked yet"] } },
  { id: "API down says offline", result: { status: "offline" }, order: ORDER(""),
    want: { status: "offline", lines: ["offline"] } },
  { id: "no result at all is offline", result: undefined, order: ORDER(""), want: { status: "offline" } },
  { id: "observed only says so", result: { status: "observed", supplier: doc() }, order: ORDER(""),
    want: { status: "observed", lastLine: "seen on this page only" } },
];
for (const c of cases) {
  test(`badge: ${c.id}`, () => {
    const model = badgeModel(c.result, c.order, NOW);
    const { lastLine, ...want } = c.want;
    for (const [key, value] of Object.entries(want)) assert.deepEqual(model[key], value, key);
    if (lastLine) assert.equal(model.lines.at(-1), lastLine);
    assert.ok(model.label.length > 0, "every badge has words for screen readers");
  });
}

test("details carry reasons, warnings (with the order flag), actions and the data age", () => {
  const { details } = badgeModel(found(), ORDER("25000"), NOW);
  assert.equal(details.score, "56/100");
  assert.deepEqual(details.reasons, ["Trade Assurance (+20): TA mark shown"]);
  assert.equal(details.warnings[0], "Gold is the only positive signal.");
  assert.match(details.warnings[1], /15000 USD of this order is above/);
  assert.deepEqual(details.actions, ["Ask for a video call."]);
  assert.equal(details.age, "checked 6 days ago");
});

test("a hostile name is carried as plain text", () => {
  const name = '<img src=x onerror="alert(1)">';
  const model = badgeModel(found({ name }), ORDER(""), NOW);
  assert.equal(model.details.name, name);
  assert.ok(model.label.startsWith(name));
});
