// The background service worker: answers the content script's one lookup message per page,
// from the cache (storage with a lifetime) or with one batched API request.

import { cacheKey, entries, expiredKeys, partition } from "../lib/cache.js";
import { normaliseSettings } from "../lib/settings.js";
import { contribute, lookupBatch, lookupStatic, stats } from "./api.js";

const contributed = new Set(); // supplier keys already contributed in this worker's life
const MAX_ITEMS = 100; // the API's batch limit (the content script sends at most this)
const PURGE_EVERY_MS = 60 * 60 * 1000;
let lastPurge = 0;
globalThis.supplierVettingStats = stats; // read by the tests and bench/overlay.py

async function settingsNow() {
  const { settings } = await chrome.storage.local.get("settings");
  return normaliseSettings(settings).settings;
}

function idOf(item) {
  return typeof item === "string" ? item : item && typeof item.id === "string" ? item.id : null;
}

export async function handleLookup(message) {
  const items = (Array.isArray(message.items) ? message.items : []).filter(idOf)
    .slice(0, MAX_ITEMS);
  const ids = items.map(idOf);
  const settings = await settingsNow();
  const now = Date.now();
  const stored = await chrome.storage.local.get(ids.map(cacheKey));
  const { hits, misses } = partition(ids, stored, now, settings.ttlMinutes);
  const results = { ...hits };
  if (misses.length) {
    stats.lookups += 1;
    const wanted = items.filter((it) => misses.includes(idOf(it)));
    try {
      const fetched = settings.siteBase
        ? await lookupStatic(settings.siteBase, misses)
        : await lookupBatch(settings.apiBase, wanted);
      Object.assign(results, fetched);
      await chrome.storage.local.set(entries(fetched, now));
    } catch (err) {
      stats.failures += 1;
      stats.lastError = String(err && err.message);
      for (const id of misses) results[id] = { status: "offline" };
    }
  }
  if (now - lastPurge > PURGE_EVERY_MS) {
    lastPurge = now;
    purge(now, settings.ttlMinutes).catch(() => {});
  }
  if (settings.contribute && settings.apiKey && !settings.siteBase) {
    contributeObserved(settings, items, message.url);
  }
  return { results };
}

/** Drop expired cache entries so storage does not grow for ever. */
async function purge(now, ttlMinutes) {
  const stale = expiredKeys(await chrome.storage.local.get(null), now, ttlMinutes);
  if (stale.length) await chrome.storage.local.remove(stale);
}

function contributeObserved(settings, items, url) {
  for (const item of items) {
    if (typeof item === "string" || !item.signals || contributed.has(item.id)) continue;
    contributed.add(item.id);
    const observation = { url: item.url || url, supplier_id: item.id, signals: item.signals };
    if (item.name) observation.name = item.name;
    contribute(settings.apiBase, settings.apiKey, observation).catch(() => {});
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own content scripts and pages may ask.
  if (sender.id !== chrome.runtime.id || !message || message.type !== "lookup") return false;
  handleLookup(message).then(sendResponse, () => sendResponse({ results: {} }));
  return true; // the answer is asynchronous
});
