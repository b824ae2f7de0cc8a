// Network calls to the vetting API or the static site's JSON mirror. Every request of the
// extension goes through here (content scripts never touch the network).

import { keySafeFor } from "../lib/settings.js";

export const LOOKUP_PATH = "/api/v1/suppliers/lookup";
export const CAPTURES_PATH = "/api/v1/captures";
const TIMEOUT_MS = 8000;

export const stats = { requests: 0, lookups: 0, failures: 0, lastError: null };

async function request(url, init = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  stats.requests += 1;
  try {
    return await fetch(url, { ...init, signal: controller.signal, credentials: "omit",
      cache: "no-store", redirect: "error" });
  } finally {
    clearTimeout(timer);
  }
}

function asResult(item) {
  const status = item && item.supplier && (item.status === "found" || item.status === "observed")
    ? item.status : "unknown";
  return status === "unknown" ? { status } : { status, supplier: item.supplier };
}

/** One POST for the whole batch: { id: result }. Throws when the API cannot be reached. */
export async function lookupBatch(apiBase, items) {
  const response = await request(`${apiBase}${LOOKUP_PATH}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ items }),
  });
  if (response.status === 404 || response.status === 405) {
    return lookupEach(apiBase, items.map((it) => (typeof it === "string" ? it : it.id)));
  }
  if (!response.ok) throw new Error(`lookup failed: HTTP ${response.status}`);
  const body = await response.json();
  const out = {};
  for (const item of body.results || []) out[item.id] = asResult(item);
  return out;
}

/** Older servers without the batch endpoint: GET /api/v1/suppliers/<id> each. */
async function lookupEach(apiBase, ids) {
  const out = {};
  await Promise.all(ids.map(async (id) => {
    const response = await request(`${apiBase}/api/v1/suppliers/${encodeURIComponent(id)}`);
    if (response.status === 404) out[id] = { status: "unknown" };
    else if (!response.ok) throw new Error(`lookup failed: HTTP ${response.status}`);
    else out[id] = { status: "found", supplier: await response.json() };
  }));
  return out;
}

/** The static site's JSON mirror: one file per supplier (no batch possible on a static host). */
export async function lookupStatic(siteBase, ids) {
  const out = {};
  await Promise.all(ids.map(async (id) => {
    const response = await request(`${siteBase}/api/v1/suppliers/${encodeURIComponent(id)}.json`);
    if (response.status === 404) out[id] = { status: "unknown" };
    else if (!response.ok) throw new Error(`mirror failed: HTTP ${response.status}`);
    else out[id] = { status: "found", supplier: await response.json() };
  }));
  return out;
}

/** "Contribute what I see": one observed supplier to POST /api/v1/captures with the key. */
export async function contribute(apiBase, apiKey, observation) {
  if (!keySafeFor(apiBase)) throw new Error("refused: the API key would travel over plain http");
  const response = await request(`${apiBase}${CAPTURES_PATH}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(observation),
  });
  return response.status;
}
