// Local memory: what the extension saw, per supplier and signal, with where and when
// (source URL, page kind, observed_at). Kept in the extension's own storage (storage.local,
// passed in so node tests use a fake), never synced, never sent unless contributing is on.
// Merge rule, also for server/mirror answers: the newest known value wins; unknown never
// overwrites a known value. Bounded: past MAX_SUPPLIERS the least recently seen are evicted.

export const MAX_SUPPLIERS = 5000;
export const RECORD_PREFIX = "mem:s:";
export const INDEX_KEY = "mem:index"; // { key: lastSeenMs }
export const ALIAS_KEY = "mem:alias"; // { subdomain: companyId }

const recordKey = (key) => `${RECORD_PREFIX}${key}`;

function time(iso) {
  const at = Date.parse(iso || "");
  return Number.isNaN(at) ? null : at;
}

/** Is `candidate` (a signal entry) newer than `current`? Unknown dates lose to known ones. */
export function newer(candidate, current) {
  if (!current) return true;
  const a = time(candidate.observed_at);
  const b = time(current.observed_at);
  if (a === null) return false;
  return b === null || a >= b;
}

/** `record` with the known values of `obs` merged in ({ signals: {name: value}, url, kind,
 *  observed_at, source }). Returns a new record. */
export function mergeObservation(record, obs, nowMs) {
  const next = { key: record.key, companyId: record.companyId || obs.companyId || null,
    subdomain: record.subdomain || obs.subdomain || null, name: record.name || null,
    lastSeen: Math.max(record.lastSeen || 0, nowMs), signals: { ...(record.signals || {}) } };
  if (obs.name) next.name = obs.name;
  for (const [name, value] of Object.entries(obs.signals || {})) {
    if (value === null || value === undefined) continue; // unknown never overwrites
    const entry = { value, url: obs.url || null, kind: obs.kind || null,
      observed_at: obs.observed_at || null, source: obs.source || "page" };
    if (newer(entry, next.signals[name])) next.signals[name] = entry;
  }
  return next;
}

/** Merge a server / mirror supplier document (vetting/document.py JSON) into a record copy:
 *  same rule, its values marked source "server". */
export function mergeServer(record, doc) {
  if (!doc || typeof doc !== "object") return record;
  const signals = {};
  for (const [name, s] of Object.entries(doc.signals || {})) {
    if (s && s.value !== null && s.value !== undefined) signals[name] = s;
  }
  let next = { ...record, signals: { ...record.signals }, fromServer: true };
  for (const [name, s] of Object.entries(signals)) {
    const entry = { value: s.value, url: s.source_url || null, kind: s.page_kind || null,
      observed_at: s.observed_at || null, source: "server" };
    if (newer(entry, next.signals[name])) next.signals[name] = entry;
  }
  if (!next.name && doc.name) next = { ...next, name: doc.name };
  return next;
}

/** Keys to drop so at most `max` suppliers remain: least recently seen first. */
export function evictions(index, max = MAX_SUPPLIERS) {
  const keys = Object.keys(index);
  if (keys.length <= max) return [];
  return keys.sort((a, b) => index[a] - index[b]).slice(0, keys.length - max);
}

/** The key a supplier is remembered under: companyId when known (or learnt via an alias). */
export function memoryKey(who, aliases) {
  if (who.companyId) return who.companyId;
  if (who.subdomain) return aliases[who.subdomain] || who.subdomain;
  return null;
}

/** Remember observations: one read and one write of `storage`. Returns { key: record }. */
export async function remember(storage, observations, nowMs = Date.now(), max = MAX_SUPPLIERS) {
  const meta = await storage.get([INDEX_KEY, ALIAS_KEY]);
  const index = { ...(meta[INDEX_KEY] || {}) };
  const aliases = { ...(meta[ALIAS_KEY] || {}) };
  for (const o of observations) if (o.companyId && o.subdomain) aliases[o.subdomain] = o.companyId;
  const keyed = observations.map((o) => [memoryKey(o, aliases), o]).filter(([k]) => k);
  const wanted = [...new Set(keyed.map(([k]) => recordKey(k)))];
  // A supplier first remembered by subdomain, then by companyId: fold the old record in.
  const folded = observations.filter((o) => o.companyId && o.subdomain).map((o) => o.subdomain);
  const stored = await storage.get([...wanted, ...folded.map(recordKey)]);
  const records = {};
  for (const sub of folded) {
    const old = stored[recordKey(sub)];
    if (old) records[aliases[sub]] = { ...old, key: aliases[sub] };
  }
  for (const [key, o] of keyed) {
    const base = records[key] || stored[recordKey(key)] || { key, signals: {} };
    records[key] = mergeObservation(base, o, nowMs);
    index[key] = nowMs;
  }
  for (const sub of folded) if (index[sub] !== undefined && aliases[sub] !== sub) delete index[sub];
  const drop = evictions(index, max);
  for (const key of drop) {
    delete index[key];
    delete records[key];
  }
  const items = { [INDEX_KEY]: index, [ALIAS_KEY]: aliases };
  for (const [key, record] of Object.entries(records)) items[recordKey(key)] = record;
  await storage.set(items);
  const stale = [...drop, ...folded.filter((s) => aliases[s] !== s)].map(recordKey);
  if (stale.length) await storage.remove(stale);
  return records;
}

/** Records for lookup keys (companyIds or subdomains): { key: record | null }. */
export async function recall(storage, keys) {
  const { [ALIAS_KEY]: aliases = {} } = await storage.get(ALIAS_KEY);
  const resolved = keys.map((k) => [k, aliases[k] || k]);
  const stored = await storage.get(resolved.map(([, k]) => recordKey(k)));
  const out = {};
  for (const [asked, k] of resolved) out[asked] = stored[recordKey(k)] || null;
  return out;
}

/** Every remembered record (compare view, export). */
export async function everything(storage) {
  const all = await storage.get(null);
  return Object.entries(all).filter(([k]) => k.startsWith(RECORD_PREFIX)).map(([, v]) => v);
}

/** Forget everything remembered (and cached lookups). */
export async function forget(storage) {
  const all = await storage.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith("mem:") || k.startsWith("cache:"));
  if (keys.length) await storage.remove(keys);
  return keys.length;
}

/** The JSON export: every record with its observations. */
export function exportJson(records, nowMs = Date.now()) {
  return JSON.stringify({ exported_at: new Date(nowMs).toISOString(), format: "supplier-vetting-memory/1",
    suppliers: records }, null, 2);
}
