//# allFunctionsCalledOnLoad
// The shared reading spec (scrapers/pages/readspec.json, exported as readspec-shared.js), read
// the way scrapers/pages/readspec.py reads it: paths ('a.b', 'list[]', 'list[f=v]',
// 'list[f~text]'), value kinds, `requires` gates, observation dates. Pure; script and module
// kinds (HTML card kinds are read by the content script with selectors.js).

import { jsonAfter } from "./embedded.js";
import { isCompanyId, subdomainFromUrl } from "./ids.js";
import SHARED from "./readspec-shared.js";
import { readValue } from "./values.js";

const SEGMENT = /^([^[\]]+)(?:\[([^\]=~]*)(?:([=~])([^\]]*))?\])?$/;

/** The value at `path` under `root` (null when any step is missing or of another type). */
export function specPath(root, path) {
  let node = root;
  for (const part of path.split(".")) {
    const m = SEGMENT.exec(part);
    if (!m || node === null || typeof node !== "object") return null;
    node = node[m[1]];
    if (m[3]) {
      if (!Array.isArray(node)) return null;
      const [field, op, want] = [m[2], m[3], m[4]];
      node = node.find((item) => item && typeof item === "object" && typeof item[field] !== "object"
        && (op === "=" ? String(item[field]) === want : String(item[field] ?? "").includes(want)));
      if (node === undefined) return null;
    }
  }
  return node === undefined ? null : node;
}

function stripTags(text) {
  return text.replace(/<[^>]{0,500}>/g, " ");
}

/** One value under a signal/identity rule `rule` of kind `rule.kind`. */
export function readKind(raw, rule) {
  if (raw === null || raw === undefined) return null;
  switch (rule.kind) {
    case "id": {
      const text = typeof raw === "number" ? String(raw) : raw;
      return typeof text === "string" && /^\d{1,20}$/.test(text.trim()) ? text.trim() : null;
    }
    case "host": {
      if (typeof raw !== "string" || !raw) return null;
      try {
        return new URL(raw.includes("/") ? raw : `//${raw}`, "https://www.alibaba.com/").hostname;
      } catch {
        return null;
      }
    }
    case "present": return typeof raw === "string" && raw.trim() ? true : null;
    case "text": {
      if (typeof raw !== "string" && typeof raw !== "number") return null;
      let text = String(raw);
      if (rule.strip_tags) text = stripTags(text);
      let clean = readValue("text", text);
      if (clean && rule.strip_prefix && clean.startsWith(rule.strip_prefix)) {
        clean = readValue("text", clean.slice(rule.strip_prefix.length));
      }
      return clean;
    }
    default: return readValue(rule.kind, raw, rule);
  }
}

function gate(get, requires) {
  for (const need of requires || []) {
    const value = get(need.path);
    if (need.test === "true" && readValue("flag", value) !== true) return false;
    if (need.test === "positive" && !((readValue("count", value) ?? 0) > 0)) return false;
  }
  return true;
}

function readRule(get, rule) {
  if (!gate(get, rule.requires)) return null;
  if (rule.kind === "transactions") return null; // not shown on badges; not read here
  for (const entry of rule.paths || []) {
    const path = typeof entry === "string" ? entry : entry.path;
    const raw = get(path);
    if (typeof entry === "object" && "equals" in entry) {
      if (typeof raw === "string" && raw.trim() === entry.equals) return true;
      continue;
    }
    const value = readKind(raw, rule);
    if (value !== null) return value;
  }
  return null;
}

function observed(data, spec) {
  const rule = spec.observed_at;
  if (!rule) return null;
  for (const path of rule.paths) {
    const raw = specPath(data, path);
    if (rule.kind === "epoch_ms" && typeof raw === "number" && raw > 1e12 && raw < 4e12) {
      return new Date(raw).toISOString();
    }
    const m = rule.kind === "yyyymmdd" ? /^(\d{4})(\d{2})(\d{2})$/.exec(String(raw ?? "")) : null;
    if (m) return `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`;
  }
  return null;
}

function supplier(get, spec) {
  const id = readRule(get, spec.identity.company_id);
  if (!isCompanyId(id)) return null;
  const host = spec.identity.subdomain ? readRule(get, spec.identity.subdomain) : null;
  const signals = {};
  for (const [name, rule] of Object.entries(spec.signals)) {
    const value = readRule(get, rule);
    if (value !== null) signals[name] = value;
  }
  return { companyId: id, subdomain: host ? subdomainFromUrl(`https://${host}/`) : null,
    name: spec.identity.name ? readRule(get, spec.identity.name) : null, signals };
}

function recordsAt(data, path) {
  const [listPath] = path.split("[]");
  const list = specPath(data, listPath);
  return Array.isArray(list) ? list : null;
}

function readScripts(spec, scripts, maxChars) {
  const { script_assignment: marker, requires = [] } = spec.locate;
  for (const text of scripts) {
    if (typeof text !== "string" || text.length > maxChars || !text.includes(marker)) continue;
    if (!requires.every((r) => scripts.some((t) => t.includes(r)))) return null;
    const data = jsonAfter(text, marker);
    if (data !== null) return data;
  }
  return null;
}

function page(kind, spec, observedAt) {
  return { kind: spec.page_kind, generation: kind, observed_at: observedAt, suppliers: [] };
}

/** A page read with the shared spec, or null when none of its script/module kinds applies. */
export function readShared({ scripts = [], modules = [] }, { maxChars, maxSuppliers, only }) {
  for (const [kind, spec] of Object.entries(SHARED.kinds)) {
    if (only === "scripts" && !spec.locate.script_assignment) continue;
    if (only === "modules" && !spec.locate.module_attribute) continue;
    if (spec.locate.script_assignment) {
      const data = readScripts(spec, scripts, maxChars);
      if (data === null) continue;
      const out = page(kind, spec, observed(data, spec));
      if (!spec.records) {
        const one = supplier((p) => specPath(data, p), spec);
        if (one) out.suppliers.push(one);
        return out;
      }
      const list = recordsAt(data, spec.records);
      if (!list) continue;
      const seen = new Set();
      out.products = {};
      for (const item of list.slice(0, maxSuppliers)) {
        if (!item || typeof item !== "object") continue;
        const one = supplier((p) => specPath(item, p), spec);
        if (!one) continue;
        const product = spec.listings && spec.listings.product_id
          ? readRule((p) => specPath(item, p), spec.listings.product_id) : null;
        if (product && product.length >= 6) out.products[product] = one.companyId;
        if (seen.has(one.companyId)) continue;
        seen.add(one.companyId);
        out.suppliers.push(one);
      }
      return out;
    }
    if (spec.locate.module_attribute && modules.length) {
      const mods = moduleData(modules, spec.locate, maxChars);
      if (!Object.keys(mods).length) continue;
      const one = supplier((p) => specPath(mods, p), spec);
      const out = page(kind, spec, null);
      if (one) out.suppliers.push(one);
      return out;
    }
  }
  return null;
}

const unwrapValue = (v) => (v && typeof v === "object" && !Array.isArray(v) && "value" in v
  ? v.value : v);

function moduleData(modules, locate, maxChars) {
  const mods = {};
  for (const { name, data } of modules) {
    if (typeof data !== "string" || data.length > maxChars) continue;
    let text = data;
    try {
      text = decodeURIComponent(data);
    } catch {
      // not URL-encoded
    }
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (!mods.gdc && value.gdc) mods.gdc = value.gdc;
    const body = specPath(value, locate.module_data_path);
    if (body && typeof body === "object" && !(name in mods)) {
      mods[name] = locate.unwrap ? Object.fromEntries(Object.entries(body)
        .map(([k, v]) => [k, unwrapValue(v)])) : body;
    }
  }
  return mods;
}
