//# allFunctionsCalledOnLoad
// A remembered supplier record as the API's supplier document shape (vetting/document.py), scored
// locally, so the badge, panel and compare view draw local and server data the same way. Pure.

import { scoreSupplier } from "./score.js";

export const PAGE_KINDS = { "product-detail": "product page",
  "supplier-profile": "supplier profile",
  "supplier-search": "supplier search", "search-listing": "product search",
  "product-search": "product search", "ai-supplier-search": "AI-mode supplier search",
  "search-card": "search card" };

/** "product page", "supplier profile", ... for a page kind (or the kind itself). */
export function pageKindText(kind) {
  return PAGE_KINDS[kind] || kind || "a page";
}

/** The entry of `items` seen last (by `observed_at`, ISO text: it orders as text; one with no
 *  date counts as oldest), or undefined. Not `localeCompare`: its first call loads the ICU
 *  collator, 15-20 ms of a page's first badge. */
export function newestObserved(items) {
  let best;
  for (const item of items) {
    if (!item) continue;
    if (best === undefined || String(item.observed_at || "") > String(best.observed_at || "")) {
      best = item;
    }
  }
  return best;
}

/** { status: "found" | "local", supplier: doc, remembered, server } for a record on `pageUrl`. */
export function localResult(record, { nowMs = Date.now(), pageUrl = "", server = "off" } = {}) {
  if (!record) return { status: "unknown", server };
  const signals = {};
  let remembered = false;
  for (const [name, s] of Object.entries(record.signals || {})) {
    const elsewhere = s.source === "server" || (s.url && s.url !== pageUrl);
    remembered = remembered || elsewhere;
    signals[name] = { value: s.value, observed_at: s.observed_at, source_url: s.url,
      page_kind: s.kind, source: s.source, remembered: elsewhere };
  }
  const doc = { supplier_id: record.companyId || record.key, name: record.name || null, signals };
  doc.score = scoreSupplier(doc, nowMs);
  // "found": the configured server knows it too; "local": only what pages showed this browser.
  return { status: record.fromServer ? "found" : "local", supplier: doc, remembered, server };
}
