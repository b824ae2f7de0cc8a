//# allFunctionsCalledOnLoad
// Read a page the way scrapers/pages reads it: which page kind, whose page, and every signal it
// states, embedded JSON first. Pure: the inline script texts and module-data attributes of a
// page in (the content script collects them from the DOM, tools/read-page.mjs from raw HTML),
// plain objects out. What to read (markers, JSON paths, value kinds) is data: readspec.js.

import { jsonAfter } from "./embedded.js";
import { isCompanyId, subdomainFromUrl } from "./ids.js";
import SPEC from "./readspec.js";
import { readShared } from "./spec-reader.js";
import { readValue } from "./values.js";

// A script longer than this is not searched (a 50 MB page must not stall the tab); the page
// then reads as "nothing found" rather than freezing.
export const MAX_SCRIPT_CHARS = 8 * 1024 * 1024;
export const MAX_SUPPLIERS = 5000;

export function dig(node, path) {
  if (!path) return node;
  let value = node;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[key];
  }
  return value;
}

// Profile modules wrap values as {"fieldName": ..., "value": x}.
const unwrap = (v) => (v && typeof v === "object" && !Array.isArray(v) && "value" in v ? v.value : v);

function truthy(v) {
  return readValue("flag", v) === true;
}

/** One supplier's signals from `source` (an object, or a lookup function) under `rules`. */
export function readSignals(get, rules) {
  const signals = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.when && !truthy(unwrap(get(rule.when)))) continue;
    if (rule.when_positive) {
      const n = unwrap(get(rule.when_positive));
      if (!(typeof n === "number" && n > 0)) continue;
    }
    let value = null;
    for (const path of [].concat(rule.path)) {
      const raw = unwrap(get(path));
      if (raw === undefined || raw === null || raw === "") continue;
      if (rule.kind === "present") value = true;
      else value = readValue(rule.kind, raw, rule);
      if (value !== null) break;
    }
    if (value !== null && rule.kind === "list") value = null;
    if (value !== null) signals[name] = value;
  }
  return signals;
}

function identity(get, spec, url) {
  const id = unwrap(get(spec.id));
  const companyId = id === undefined || id === null ? null : String(id);
  const sub = spec.subdomain ? unwrap(get(spec.subdomain)) : null;
  const name = spec.name ? readValue("text", unwrap(get(spec.name))) : null;
  return {
    companyId: isCompanyId(companyId) ? companyId : null,
    subdomain: subdomainFromUrl(typeof sub === "string" ? (sub.includes("/") ? sub : `https://${sub}/`) : "")
      || (spec.subdomain_from_url ? subdomainFromUrl(url) : null),
    name,
  };
}

function observedAt(data, spec) {
  const ms = spec.observed_at ? dig(data, spec.observed_at) : null;
  return typeof ms === "number" && ms > 1e12 && ms < 4e12 ? new Date(ms).toISOString() : null;
}

function fromScripts(scripts, rule) {
  for (const text of scripts) {
    if (typeof text !== "string" || text.length > MAX_SCRIPT_CHARS || !text.includes(rule.marker)) continue;
    const data = jsonAfter(text, rule.marker);
    if (data !== null) return data;
  }
  return null;
}

function readScriptPage(rule, scripts, url) {
  const data = fromScripts(scripts, rule);
  if (data === null) return null;
  const page = { kind: rule.kind, generation: `${rule.kind}-${rule.generation}`,
    observed_at: observedAt(data, rule),
    suppliers: [] };
  if (rule.supplier) {
    const seller = dig(data, rule.supplier);
    if (!seller || typeof seller !== "object") return { ...page, reason: `no ${rule.supplier}` };
    const get = (path) => dig(seller, path);
    const who = identity(get, rule, url);
    if (who.companyId) page.suppliers.push({ ...who, signals: readSignals(get, rule.signals) });
    return page;
  }
  const list = dig(data, rule.list);
  if (!Array.isArray(list)) return { ...page, reason: `no ${rule.list}` };
  const seen = new Set();
  if (rule.product_id) page.products = {};
  for (const item of list.slice(0, MAX_SUPPLIERS)) {
    if (!item || typeof item !== "object") continue;
    const get = (path) => dig(item, path);
    const who = identity(get, rule, url);
    const product = rule.product_id ? String(get(rule.product_id) ?? "") : "";
    if (who.companyId && /^\d{6,20}$/.test(product)) page.products[product] = who.companyId;
    if (!who.companyId || seen.has(who.companyId)) continue;
    seen.add(who.companyId);
    page.suppliers.push({ ...who, signals: readSignals(get, rule.signals) });
  }
  return page;
}

function decodeModule(raw) {
  if (typeof raw !== "string" || raw.length > MAX_SCRIPT_CHARS) return null;
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // not URL-encoded
  }
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

function readModulePage(rule, modules, url) {
  const bodies = [];
  let gdc = {};
  for (const { name, data } of modules) {
    if (!String(name || "").startsWith(rule.module_prefix)) continue;
    const decoded = decodeModule(data);
    if (!decoded) continue;
    if (!Object.keys(gdc).length && decoded.gdc) gdc = decoded.gdc;
    const body = dig(decoded, rule.module_body);
    if (body && typeof body === "object") bodies.push(body);
  }
  if (!bodies.length) return null;
  // The first module stating a key wins (as scrapers/pages/supplier_profile_2024._lookup).
  const get = (key) => {
    for (const body of bodies) {
      const v = unwrap(body[key]);
      if (v !== undefined && v !== null && v !== "") return v;
    }
    return key in gdc ? unwrap(gdc[key]) : undefined;
  };
  const who = identity(get, rule, url);
  const page = { kind: rule.kind, generation: `${rule.kind}-${rule.generation}`,
    observed_at: null, suppliers: [] };
  if (who.companyId) page.suppliers.push({ ...who, signals: readSignals(get, rule.signals) });
  return page;
}

/** { kind, generation, observed_at, suppliers: [{ companyId, subdomain, name, signals }] }
 *  or null when no rule recognises the page. `scripts`: inline script texts; `modules`:
 *  [{ name, data }] from `module-name` / `module-data` attributes. */
export function readPage({ url = "", scripts = [], modules = [] }) {
  // Today's kinds come from the spec shared with the Python parsers; the 2022-2024 kinds,
  // which the Python side reads in code, from readspec.js beside this file.
  // Module pages (profile, store) read as scrapers' supplier-profile-2024 does, first.
  const limits = { maxChars: MAX_SCRIPT_CHARS, maxSuppliers: MAX_SUPPLIERS };
  const shared = readShared({ scripts, modules }, { ...limits, only: "scripts" });
  if (shared) return shared;
  for (const rule of SPEC.pages) {
    const page = rule.marker ? readScriptPage(rule, scripts, url)
      : readModulePage(rule, modules, url);
    if (page) return page;
  }
  return readShared({ scripts, modules }, { ...limits, only: "modules" });
}
