import assert from "node:assert/strict";
import { test } from "node:test";

import { ageText, formatMoney, goldText, taText } from "../src/lib/format.js";

const money = [
  { id: "USD whole", amount: 20000, cur: "USD", out: "$20,000" },
  { id: "USD cents", amount: "1234.5", cur: "USD", out: "$1,234.50" },
  { id: "string with commas", amount: "46,000", cur: "USD", out: "$46,000" },
  { id: "EUR", amount: "9259.26", cur: "EUR", out: "€9,259.26" },
  { id: "no symbol", amount: "500", cur: "AUD", out: "500 AUD" },
  { id: "missing amount", amount: null, cur: "USD", out: null },
];
for (const c of money) test(`money: ${c.id}`, () => assert.equal(formatMoney(c.amount, c.cur), c.out));

const ta = [
  { id: "mark and limit", ta: true, limit: { amount: 20000, currency: "USD" }, out: "TA ✓ $20,000" },
  { id: "limit without captured mark", ta: null, limit: { amount: 10000, currency: "USD" }, out: "TA ✓ $10,000" },
  { id: "mark without limit", ta: true, limit: null, out: "TA ✓ limit unknown" },
  { id: "no TA", ta: false, limit: null, out: "TA ✗" },
  { id: "unknown is not no", ta: null, limit: null, out: "TA unknown" },
];
for (const c of ta) test(`ta: ${c.id}`, () => assert.equal(taText(c.ta, c.limit), c.out));

const gold = [
  { id: "gold with years and the reminder", gold: true, years: 9, out: /^Gold 9 yrs \(paid membership: the badge alone proves nothing\)$/ },
  { id: "one year", gold: true, years: 1, out: /^Gold 1 yr / },
  { id: "years unknown", gold: true, years: null, out: /^Gold \(/ },
];
for (const c of gold) test(`gold: ${c.id}`, () => assert.match(goldText(c.gold, c.years), c.out));
test("gold: not Gold, or nothing known, says nothing", () => {
  assert.equal(goldText(false, 3), null);
  assert.equal(goldText(null, null), null);
  assert.equal(goldText(null, 0), null);
});
test("gold: known Gold years show even when the Gold flag is unknown", () => {
  assert.equal(goldText(null, 3), "Gold 3 yrs (paid membership: the badge alone proves nothing)");
});

test("age of the data", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  assert.equal(ageText("2026-11-26T08:00:00+00:00", now), "checked today");
  assert.equal(ageText("2026-11-25T08:00:00+00:00", now), "checked 1 day ago");
  assert.equal(ageText("2026-11-16T12:00:00+00:00", now), "checked 10 days ago");
  assert.equal(ageText(null, now), "check date unknown");
});
