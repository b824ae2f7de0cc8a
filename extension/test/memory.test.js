import assert from "node:assert/strict";
import { test } from "node:test";

import { everything, evictions, exportJson, forget, INDEX_KEY, mergeObservation, mergeServer,
  recall, remember } from "../src/lib/memory.js";

const copy = (v) => JSON.parse(JSON.stringify(v));

/** chrome.storage.local's async get/set/remove over a Map. */
export function fakeStorage() {
  const map = new Map();
  return {
    map,
    async get(keys) {
      if (keys === null) return Object.fromEntries(map);
      const list = typeof keys === "string" ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => map.has(k)).map((k) => [k, copy(map.get(k))]));
    },
    async set(items) { for (const [k, v] of Object.entries(items)) map.set(k, copy(v)); },
    async remove(keys) { for (const k of [].concat(keys)) map.delete(k); },
  };
}

const PROFILE = { companyId: "262055980", subdomain: "apdingtai", name: "Anping Dingtai",
  signals: { trade_assurance: true, verified: true }, url: "https://apdingtai.en.alibaba.com/company_profile.html",
  kind: "supplier-profile", observed_at: "2026-12-01T10:00:00.000Z" };

test("a value read on one page is recalled for a later page, with where and when", async () => {
  const s = fakeStorage();
  await remember(s, [PROFILE], 1000);
  await remember(s, [{ companyId: "262055980", subdomain: "apdingtai", signals: { gold_years: 3 },
    url: "https://www.alibaba.com/trade/search", kind: "supplier-search", observed_at: "2026-12-01T11:00:00Z" }], 2000);
  const { 262055980: r } = await recall(s, ["262055980"]);
  assert.equal(r.signals.trade_assurance.value, true);
  assert.equal(r.signals.trade_assurance.kind, "supplier-profile");
  assert.equal(r.signals.trade_assurance.url, PROFILE.url);
  assert.equal(r.signals.gold_years.value, 3);
  assert.equal(r.lastSeen, 2000);
  assert.deepEqual(Object.keys((await recall(s, ["apdingtai"]))), ["apdingtai"]);
  assert.equal((await recall(s, ["apdingtai"])).apdingtai.companyId, "262055980");
});

test("unknown never overwrites known; the newest known value wins; older never does", () => {
  let r = mergeObservation({ key: "1", signals: {} }, { signals: { trade_assurance: true, verified: true },
    observed_at: "2026-01-01T00:00:00Z" }, 1);
  r = mergeObservation(r, { signals: { trade_assurance: null }, observed_at: "2026-06-01T00:00:00Z" }, 2);
  assert.equal(r.signals.trade_assurance.value, true);
  r = mergeObservation(r, { signals: { verified: false }, observed_at: "2025-01-01T00:00:00Z" }, 3);
  assert.equal(r.signals.verified.value, true, "an older observation does not win");
  r = mergeObservation(r, { signals: { verified: false }, observed_at: "2026-07-01T00:00:00Z" }, 4);
  assert.equal(r.signals.verified.value, false);
});

test("server answers merge by observation date; unknown server values are ignored", () => {
  const local = mergeObservation({ key: "1", signals: {} }, { signals: { ta_limit: { amount: "10000", currency: "USD" },
    trade_assurance: true }, observed_at: "2022-09-02T00:00:00Z", kind: "product-detail" }, 1);
  const doc = { name: "X", signals: {
    ta_limit: { value: { amount: "20000", currency: "USD" }, observed_at: "2026-11-01T00:00:00Z", page_kind: "product-detail" },
    trade_assurance: { value: null, observed_at: "2026-11-01T00:00:00Z" },
    verified: { value: true, observed_at: "2020-01-01T00:00:00Z" } } };
  const merged = mergeServer(local, doc);
  assert.equal(merged.signals.ta_limit.value.amount, "20000");
  assert.equal(merged.signals.ta_limit.source, "server");
  assert.equal(merged.signals.trade_assurance.value, true);
  assert.equal(merged.signals.verified.value, true); // local had none: any known value fills it
  const older = mergeServer(local, { signals: { ta_limit: { value: { amount: "1", currency: "USD" },
    observed_at: "2020-01-01T00:00:00Z" } } });
  assert.equal(older.signals.ta_limit.value.amount, "10000");
});

test("bounded: past the limit the least recently seen suppliers are evicted", async () => {
  const s = fakeStorage();
  const max = 50;
  for (let i = 0; i < 60; i += 1) {
    const obs = { companyId: String(100000 + i), signals: { verified: true }, observed_at: null };
    await remember(s, [obs], 1000 + i, max);
  }
  const index = (await s.get(INDEX_KEY))[INDEX_KEY];
  assert.equal(Object.keys(index).length, max);
  assert.equal(index["100000"], undefined);
  assert.equal(index["100059"], 1059);
  const all = await everything(s);
  assert.equal(all.length, max);
  assert.equal((await recall(s, ["100005"]))["100005"], null);
  assert.ok((await recall(s, ["100010"]))["100010"]);
});

test("5,000 suppliers is the default bound", async () => {
  const index = {};
  for (let i = 0; i < 5003; i += 1) index[String(1e6 + i)] = i;
  assert.deepEqual(evictions(index), ["1000000", "1000001", "1000002"]);
});

test("a supplier first seen by subdomain is folded into its companyId record", async () => {
  const s = fakeStorage();
  await remember(s, [{ subdomain: "zhenbenchina", signals: { on_time_delivery: 89.6 }, observed_at: null }], 1);
  await remember(s, [{ companyId: "123456789", subdomain: "zhenbenchina", signals: { verified: true }, observed_at: null }], 2);
  const r = (await recall(s, ["zhenbenchina"])).zhenbenchina;
  assert.equal(r.key, "123456789");
  assert.equal(r.signals.on_time_delivery.value, 89.6);
  assert.equal((await everything(s)).length, 1);
});

test("export as JSON and forget everything", async () => {
  const s = fakeStorage();
  await remember(s, [PROFILE], 1);
  await s.set({ order: { value: "1" } });
  const text = exportJson(await everything(s), 0);
  assert.equal(JSON.parse(text).suppliers[0].signals.verified.value, true);
  assert.ok(await forget(s) >= 2);
  assert.deepEqual(await everything(s), []);
  assert.ok(s.map.has("order"), "settings and the planned order are not memory");
});
