// Lookup results cached with a lifetime. Pure: the storage is passed in (chrome.storage.local
// in the worker, a Map-backed fake in tests), and the clock too.

export const KEY_PREFIX = "cache:";
const MINUTE_MS = 60 * 1000;

export const cacheKey = (id) => `${KEY_PREFIX}${id}`;

/** The cached result when it is younger than the lifetime, else null. */
export function fresh(entry, nowMs, ttlMinutes) {
  if (!entry || typeof entry.at !== "number" || !("result" in entry)) return null;
  const age = nowMs - entry.at;
  return age >= 0 && age < ttlMinutes * MINUTE_MS ? entry.result : null;
}

/** Split ids into cached results and the ones still to fetch. `stored` is key → entry. */
export function partition(ids, stored, nowMs, ttlMinutes) {
  const hits = {};
  const misses = [];
  for (const id of ids) {
    const result = fresh(stored[cacheKey(id)], nowMs, ttlMinutes);
    if (result) hits[id] = result;
    else misses.push(id);
  }
  return { hits, misses };
}

/** Storage items for freshly fetched results (offline/error results are never cached). */
export function entries(results, nowMs) {
  const items = {};
  for (const [id, result] of Object.entries(results)) {
    if (result && (result.status === "found" || result.status === "unknown")) {
      items[cacheKey(id)] = { at: nowMs, result };
    }
  }
  return items;
}

/** Cache keys whose entries have outlived the lifetime (to remove from storage). */
export function expiredKeys(stored, nowMs, ttlMinutes) {
  return Object.keys(stored).filter((key) => key.startsWith(KEY_PREFIX)
    && fresh(stored[key], nowMs, ttlMinutes) === null);
}
