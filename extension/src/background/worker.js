// The background service worker: the one writer of the extension's local memory and the only
// place that touches the network. Per page it gets ONE message with what the page stated; it
// remembers that, recalls what earlier pages stated, and only when the user configured an API
// or a site mirror (none by default) asks it once for enrichment, merged by observation date.

import { cacheKey, entries, expiredKeys, partition } from "../lib/cache.js";
import { mergeServer, recall, remember } from "../lib/memory.js";
import { normaliseSettings } from "../lib/settings.js";
import { contribute, lookupBatch, lookupStatic, stats } from "./api.js";

const contributed = new Set(); // supplier keys already contributed in this worker's life
const MAX_ITEMS = 100; // the API's batch limit
const MAX_KEYS = 5000;
const PURGE_EVERY_MS = 60 * 60 * 1000;
let lastPurge = 0;
let writes = Promise.resolve(); // memory writes from several tabs, one after another
globalThis.supplierVettingStats = stats; // read by the tests and bench/overlay.py

async function settingsNow() {
  const { settings } = await chrome.storage.local.get("settings");
  return normaliseSettings(settings).settings;
}

function cleanObservation(o) {
  if (!o || typeof o !== "object") return null;
  const str = (v) => (typeof v === "string" && v.length < 2000 ? v : null);
  const signals = o.signals && typeof o.signals === "object" ? o.signals : {};
  return { companyId: str(o.companyId), subdomain: str(o.subdomain), name: str(o.name),
    signals, url: str(o.url), kind: str(o.kind), observed_at: str(o.observed_at) };
}

/** Enrichment from the configured server or mirror: { key: supplier doc }, or throws. */
async function enrich(settings, keys) {
  const now = Date.now();
  const stored = await chrome.storage.local.get(keys.map(cacheKey));
  const { hits, misses } = partition(keys, stored, now, settings.ttlMinutes);
  const results = { ...hits };
  for (let i = 0; i < misses.length; i += MAX_ITEMS) {
    const batch = misses.slice(i, i + MAX_ITEMS);
    stats.lookups += 1;
    const fetched = settings.siteBase ? await lookupStatic(settings.siteBase, batch)
      : await lookupBatch(settings.apiBase, batch);
    Object.assign(results, fetched);
    await chrome.storage.local.set(entries(fetched, now));
  }
  if (now - lastPurge > PURGE_EVERY_MS) {
    lastPurge = now;
    const stale = expiredKeys(await chrome.storage.local.get(null), now, settings.ttlMinutes);
    if (stale.length) await chrome.storage.local.remove(stale);
  }
  return results;
}

export async function handlePage(message) {
  const observations = (Array.isArray(message.observations) ? message.observations : [])
    .slice(0, MAX_KEYS).map(cleanObservation).filter(Boolean);
  const keys = (Array.isArray(message.keys) ? message.keys : [])
    .filter((k) => typeof k === "string" && k.length < 100).slice(0, MAX_KEYS);
  const settings = await settingsNow();
  writes = writes.then(() => remember(chrome.storage.local, observations)).catch(() => {});
  await writes;
  const records = await recall(chrome.storage.local, keys);
  let server = "off";
  if (settings.apiBase || settings.siteBase) {
    try {
      const found = await enrich(settings, keys);
      for (const key of keys) {
        const answer = found[key];
        if (answer && answer.supplier) {
          records[key] = mergeServer(records[key] || { key, signals: {} }, answer.supplier);
        }
      }
      server = "ok";
    } catch (err) {
      stats.failures += 1;
      stats.lastError = String(err && err.message);
      server = "unreachable";
    }
    if (settings.contribute && settings.apiKey && !settings.siteBase) {
      contributeObserved(settings, observations, message.url);
    }
  }
  return { records, server };
}

function contributeObserved(settings, observations, url) {
  for (const o of observations) {
    const id = o.companyId || o.subdomain;
    if (!id || !Object.keys(o.signals).length || contributed.has(id)) continue;
    contributed.add(id);
    const observation = { url: o.url || url, supplier_id: id, signals: o.signals };
    if (o.name) observation.name = o.name;
    contribute(settings.apiBase, settings.apiKey, observation).catch(() => {});
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own content scripts and pages may ask.
  if (sender.id !== chrome.runtime.id || !message) return false;
  if (message.type === "page") {
    handlePage(message).then(sendResponse, () => sendResponse({ records: {}, server: "off" }));
    return true; // the answer is asynchronous
  }
  if (message.type === "open-compare") {
    chrome.tabs.create({ url: chrome.runtime.getURL("src/compare/compare.html") })
      .then(() => sendResponse({ ok: true }), () => sendResponse({ ok: false }));
    return true;
  }
  return false;
});
