// The shared value vectors (../tests/vectors/values.json, also run by pytest against
// scrapers/values.py) against lib/values.js.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { readValue } from "../src/lib/values.js";

const file = new URL("../../tests/vectors/values.json", import.meta.url);
const vectors = existsSync(file) ? JSON.parse(readFileSync(file)).cases : [];

test("the value vectors are present", { skip: vectors.length ? false : "no tests/vectors/values.json yet" },
  () => assert.ok(vectors.length > 20));

for (const c of vectors) {
  test(`value vector ${c.kind}: ${c.name}`, () => {
    const got = readValue(c.kind, c.input, c);
    assert.deepEqual(got, c.expect, `input ${JSON.stringify(c.input)}`);
  });
}
