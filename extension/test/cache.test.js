import assert from "node:assert/strict";
import { test } from "node:test";

import { cacheKey, entries, expiredKeys, fresh, partition } from "../src/lib/cache.js";

const MIN = 60 * 1000;
const found = { status: "found", supplier: { supplier_id: "1" } };

const freshness = [
  { id: "young entry", entry: { at: 0, result: found }, now: 59 * MIN, ttl: 60, hit: true },
  { id: "expired entry", entry: { at: 0, result: found }, now: 60 * MIN, ttl: 60, hit: false },
  { id: "ttl 0 disables the cache", entry: { at: 0, result: found }, now: 0, ttl: 0, hit: false },
  { id: "clock went backwards", entry: { at: 10 * MIN, result: found }, now: 0, ttl: 60, hit: false },
  { id: "malformed", entry: { result: found }, now: 0, ttl: 60, hit: false },
  { id: "missing", entry: undefined, now: 0, ttl: 60, hit: false },
];
for (const c of freshness) {
  test(`fresh: ${c.id}`, () => assert.equal(fresh(c.entry, c.now, c.ttl) !== null, c.hit));
}

test("partition splits hits from misses", () => {
  const stored = { [cacheKey("a")]: { at: 0, result: found } };
  const { hits, misses } = partition(["a", "b"], stored, MIN, 60);
  assert.deepEqual(Object.keys(hits), ["a"]);
  assert.deepEqual(misses, ["b"]);
});

test("offline results are never cached; unknown ones are", () => {
  const items = entries({ a: found, b: { status: "unknown" }, c: { status: "offline" } }, 5);
  assert.deepEqual(Object.keys(items).sort(), [cacheKey("a"), cacheKey("b")]);
  assert.equal(items[cacheKey("a")].at, 5);
});

test("expired entries are found for removal; settings are never touched", () => {
  const stored = { [cacheKey("old")]: { at: 0, result: found },
    [cacheKey("new")]: { at: 59 * MIN, result: found }, settings: { apiBase: "x" } };
  assert.deepEqual(expiredKeys(stored, 61 * MIN, 60), [cacheKey("old")]);
});
