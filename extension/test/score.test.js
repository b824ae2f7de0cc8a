// The shared scoring vectors (../tests/vectors/scoring.json) against lib/score.js, which applies
// the rule table exported from vetting/scoring_rules.py.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import RULES from "../src/lib/scoring-rules.js";
import { gradeFor, scoreSupplier } from "../src/lib/score.js";

const vectors = JSON.parse(readFileSync(new URL("../../tests/vectors/scoring.json", import.meta.url)));

function supplier(testCase) {
  const signals = {};
  for (const [name, value] of Object.entries(testCase.signals)) {
    signals[name] = { value, observed_at: testCase.observed_at };
  }
  return { signals };
}

for (const c of vectors.cases) {
  test(`scoring vector: ${c.name}`, () => {
    const got = scoreSupplier(supplier(c), c.now);
    assert.equal(got.value, c.expected.value);
    assert.equal(got.grade, c.expected.grade);
    assert.equal(got.status, c.expected.status);
    assert.deepEqual(got.warnings.map((w) => w.code), c.expected.warnings);
    assert.deepEqual(got.reasons.map((r) => [r.signal, r.effect]), c.expected.reasons);
    assert.equal(got.actions.length, got.warnings.length);
  });
}

test("grade floors come from the exported table", () => {
  for (const [floor, grade] of RULES.grade_floors) assert.equal(gradeFor(floor), grade);
});
