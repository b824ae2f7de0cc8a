import assert from "node:assert/strict";
import { test } from "node:test";

import * as D from "../src/lib/decimal.js";

const cases = [
  { id: "integer", text: "25000", out: "25000" },
  { id: "fraction", text: "10000.01", out: "10000.01" },
  { id: "thousands commas", text: "25,000", out: "25000" },
  { id: "negative", text: "-1.5", out: "-1.5" },
  { id: "not a number", text: "abc", out: null },
  { id: "exponent refused", text: "1e3", out: null },
  { id: "NaN refused", text: "NaN", out: null },
  { id: "empty", text: "", out: null },
];
for (const c of cases) {
  test(`parse: ${c.id}`, () => {
    const got = D.parse(c.text);
    assert.equal(got === null ? null : D.toString(got), c.out);
  });
}

const rounding = [
  { id: "half up", text: "0.125", places: 2, out: "0.13" },
  { id: "below half", text: "0.124", places: 2, out: "0.12" },
  { id: "negative half away from zero", text: "-0.125", places: 2, out: "-0.13" },
  { id: "pads", text: "7", places: 2, out: "7.00" },
];
for (const c of rounding) {
  test(`round: ${c.id}`, () => assert.equal(D.toString(D.round(D.parse(c.text), c.places)), c.out));
}

test("arithmetic is exact", () => {
  assert.equal(D.toString(D.add(D.parse("0.1"), D.parse("0.2"))), "0.3");
  assert.equal(D.toString(D.sub(D.parse("25000"), D.parse("10000.01"))), "14999.99");
  assert.equal(D.toString(D.round(D.div(D.parse("10000"), D.parse("1.08")), 2)), "9259.26");
  assert.equal(D.cmp(D.parse("1.10"), D.parse("1.1")), 0);
  assert.throws(() => D.div(D.parse("1"), D.parse("0")), RangeError);
});
