import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULT_API_BASE, normaliseOrder, normaliseSettings } from "../src/lib/settings.js";

test("defaults: local API, contribute off", () => {
  const { settings, errors } = normaliseSettings(undefined);
  assert.equal(settings.apiBase, DEFAULT_API_BASE);
  assert.equal(settings.contribute, false);
  assert.equal(settings.siteBase, "");
  assert.deepEqual(errors, {});
});

const settingsCases = [
  { id: "trailing slash trimmed", raw: { apiBase: "http://127.0.0.1:8123/" }, key: "apiBase", out: "http://127.0.0.1:8123" },
  { id: "empty API base falls back", raw: { apiBase: " " }, key: "apiBase", out: DEFAULT_API_BASE },
  { id: "site base", raw: { siteBase: "https://reports.example.org/" }, key: "siteBase", out: "https://reports.example.org" },
  { id: "contribute needs a real true", raw: { contribute: "yes" }, key: "contribute", out: false },
  { id: "contribute on", raw: { contribute: true }, key: "contribute", out: true },
  { id: "ttl number", raw: { ttlMinutes: "15" }, key: "ttlMinutes", out: 15 },
];
for (const c of settingsCases) {
  test(`settings: ${c.id}`, () => assert.equal(normaliseSettings(c.raw).settings[c.key], c.out));
}

const settingsErrors = [
  { id: "javascript: URL", raw: { apiBase: "javascript:alert(1)" }, field: "apiBase" },
  { id: "not a URL", raw: { siteBase: "reports" }, field: "siteBase" },
  { id: "negative ttl", raw: { ttlMinutes: -1 }, field: "ttlMinutes" },
  { id: "huge ttl", raw: { ttlMinutes: 1e9 }, field: "ttlMinutes" },
];
for (const c of settingsErrors) {
  test(`settings error: ${c.id}`, () => assert.ok(normaliseSettings(c.raw).errors[c.field]));
}

const orderCases = [
  { id: "empty means no check", raw: {}, want: { value: "", currency: "USD" } },
  { id: "commas and lower-case currency", raw: { value: "25,000", currency: "eur" }, want: { value: "25000", currency: "EUR" } },
  { id: "deposit percent", raw: { value: "100", deposit: "30%" }, want: { deposit: "30%" } },
  { id: "routes", raw: { value: "1", payment: "off-platform", coverage: "pre-shipment" },
    want: { payment: "off-platform", coverage: "pre-shipment" } },
  { id: "unknown route falls back", raw: { value: "1", payment: "cash" }, want: { payment: "ta" } },
];
for (const c of orderCases) {
  test(`order: ${c.id}`, () => {
    const { order, errors } = normaliseOrder(c.raw);
    assert.deepEqual(errors, {});
    for (const [k, v] of Object.entries(c.want)) assert.equal(order[k], v, k);
  });
}

const orderErrors = [
  { id: "negative", raw: { value: "-5" }, field: "value" },
  { id: "zero", raw: { value: "0" }, field: "value" },
  { id: "words", raw: { value: "lots" }, field: "value" },
  { id: "bad currency", raw: { value: "1", currency: "dollars" }, field: "currency" },
  { id: "bad deposit", raw: { value: "1", deposit: "half" }, field: "deposit" },
  { id: "bad rate", raw: { value: "1", usdRate: "-0.9" }, field: "usdRate" },
];
for (const c of orderErrors) {
  test(`order error: ${c.id}`, () => assert.ok(normaliseOrder(c.raw).errors[c.field]));
}

test("the API key never travels over plain http to another machine", async () => {
  const { normaliseSettings, keySafeFor } = await import("../src/lib/settings.js");
  const remote = normaliseSettings({ apiBase: "http://vetting.example.org", apiKey: "k" });
  assert.equal(remote.settings.apiKey, "");
  assert.match(remote.errors.apiKey, /https/);
  for (const ok of ["https://vetting.example.org", "http://127.0.0.1:5000", "http://localhost:8000"]) {
    assert.equal(normaliseSettings({ apiBase: ok, apiKey: "k" }).settings.apiKey, "k", ok);
    assert.ok(keySafeFor(ok));
  }
  assert.equal(keySafeFor("http://127.0.0.1.evil.example"), false);
});

test("no server by default: the API base is empty", async () => {
  const { normaliseSettings } = await import("../src/lib/settings.js");
  assert.equal(normaliseSettings({}).settings.apiBase, "");
  assert.equal(normaliseSettings({ apiBase: "" }).settings.apiBase, "");
});
