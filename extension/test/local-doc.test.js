import assert from "node:assert/strict";
import { test } from "node:test";

import { localResult, newestObserved } from "../src/lib/local-doc.js";

const at = (observed_at, id) => ({ id, observed_at });

const newestCases = [
  { id: "none", items: [], want: undefined },
  { id: "the later ISO time wins", items: [at("2022-09-02T00:00:00+00:00", "a"),
    at("2026-12-01T10:00:00.000Z", "b")], want: "b" },
  { id: "order of the list does not matter", items: [at("2026-12-01T10:00:00.000Z", "b"),
    at("2022-09-02T00:00:00+00:00", "a")], want: "b" },
  // Sorting the text "null" put undated values first; an unknown date is never the newest.
  { id: "no date counts as oldest", items: [at(null, "undated"), at("2022-09-02T00:00:00Z", "a")],
    want: "a" },
  { id: "only undated: the first", items: [at(undefined, "x"), at(null, "y")], want: "x" },
  { id: "holes are skipped", items: [null, at("2024-01-01T00:00:00Z", "a"), undefined], want: "a" },
];

for (const row of newestCases) {
  test(`newestObserved: ${row.id}`, () => {
    const got = newestObserved(row.items);
    assert.equal(got === undefined ? undefined : got.id, row.want);
  });
}

test("localResult: an unknown supplier stays unknown, not scored", () => {
  assert.deepEqual(localResult(null, { server: "ok" }), { status: "unknown", server: "ok" });
});
