// The JavaScript order check against the shared vectors (tests/vectors/coverage.json), the same
// file pytest runs vetting/orders.py against.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { checkCoverage } from "../src/lib/coverage.js";

const VECTORS = new URL("../../tests/vectors/coverage.json", import.meta.url);
const { cases } = JSON.parse(readFileSync(VECTORS, "utf8"));

const cents = (text) => (text === null ? null : Math.round(Number(text) * 100) / 100);

test("the shared vectors are there and not empty", () => {
  assert.ok(cases.length >= 10, `only ${cases.length} cases in ${VECTORS.pathname}`);
});

for (const { id, input, expected } of cases) {
  test(`vector ${id}`, () => {
    const got = checkCoverage(input);
    if (expected.error) {
      assert.ok(got.error, `expected an error on ${expected.error.field}, got ${JSON.stringify(got)}`);
      assert.equal(got.error.field, expected.error.field);
      return;
    }
    assert.equal(got.error, undefined, JSON.stringify(got.error));
    assert.equal(cents(got.covered), cents(expected.covered), "covered");
    assert.equal(cents(got.uncovered), cents(expected.uncovered), "uncovered");
    assert.deepEqual(got.flags.map((f) => f.code), expected.flags);
    if ("rate" in expected) assert.deepEqual(got.rate, expected.rate);
  });
}

test("amounts never go through floating point before cents", () => {
  const got = checkCoverage({ order_value: "0.3", currency: "USD", payment: "ta",
    coverage: "post-delivery", trade_assurance: true, ta_limit: { amount: "0.1", currency: "USD" } });
  assert.equal(got.uncovered, "0.20");
});

test("the limit may arrive as a JSON number (API shape)", () => {
  const got = checkCoverage({ order_value: "25000", currency: "USD", trade_assurance: true,
    ta_limit: { amount: 10000, currency: "USD" } });
  assert.equal(got.covered, "10000.00");
  assert.equal(got.uncovered, "15000.00");
});
