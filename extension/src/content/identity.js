//# allFunctionsCalledOnLoad
// Who a card or the page is about: companyId and storefront subdomain, read from the DOM with
// the selectors of selectors.js and the pure parsers of lib/ids.js.

import { companyIdFromJsonText, companyIdFromTrackInfo, isCompanyId, subdomainFromUrl }
  from "../lib/ids.js";
import { textLineSignals } from "../lib/card-lines.js";
import SHARED from "../lib/readspec-shared.js";
import { readValue } from "../lib/values.js";
import { cardLines, cardLocation } from "./card-text.js";
import { MODULE_DATA_ATTRIBUTE, PAGE_SUPPLIER_MARKERS } from "./selectors.js";

const MAX_ATTRIBUTE_JSON = 20000; // a data-dot-params blob is small; a huge one is not identity

// Only the first part of a huge inline script is searched: the seller block comes early.
const SCRIPT_SCAN_CHARS = 400000;

/** The identity of a card under `rule`, falling back to the page's own supplier. */
export function cardIdentity(card, rule, page) {
  const identity = { companyId: null, subdomain: null, name: null };
  for (const attr of rule.idAttributes || []) {
    const holder = card.hasAttribute(attr) ? card : card.querySelector(`[${attr}]`);
    const value = holder && holder.getAttribute(attr);
    if (value && isCompanyId(value.trim())) {
      identity.companyId = value.trim();
      break;
    }
  }
  for (const attr of rule.jsonIdAttributes || []) {
    if (identity.companyId) break;
    const holder = card.hasAttribute(attr) ? card : card.querySelector(`[${attr}]`);
    const text = (holder && holder.getAttribute(attr)) || "";
    if (text.length < MAX_ATTRIBUTE_JSON) identity.companyId = companyIdFromJsonText(text);
  }
  for (const attr of rule.trackAttributes || []) {
    if (identity.companyId) break;
    identity.companyId = companyIdFromTrackInfo(card.getAttribute(attr) || "");
  }
  const link = rule.link ? card.querySelector(rule.link) : null;
  if (link) {
    identity.subdomain = subdomainFromUrl(link.getAttribute("href"));
    identity.name = (link.getAttribute("title") || link.textContent || "").trim() || null;
  }
  if (rule.nameSelector) {
    const holder = card.querySelector(rule.nameSelector);
    const title = holder && (holder.getAttribute("title") || holder.textContent || "").trim();
    if (title) identity.name = title;
  }
  if (rule.pageIdentity && page) {
    identity.companyId = identity.companyId || page.companyId;
    identity.subdomain = identity.subdomain || page.subdomain;
  }
  return identity;
}

/** Signals a card states in its own markup (rule.metrics: attribute-marked elements whose
 *  text or title holds the value, e.g. the AI-mode card's "16 yrs" Gold-years slot), then in
 *  its visible text (rule.textLines: a readspec kind's `text_lines`); the first reading wins. */
export function cardSignals(card, rule) {
  const signals = {};
  for (const [name, metric] of Object.entries(rule.metrics || {})) {
    const holder = card.querySelector(metric.selector);
    if (!holder) continue;
    const text = holder.getAttribute("title") || holder.textContent || "";
    const value = readValue(metric.kind, text.trim().slice(0, 200));
    if (value !== null) signals[name] = value;
  }
  const spec = rule.textLines ? SHARED.kinds[rule.textLines].text_lines : null;
  if (spec) {
    const read = textLineSignals(cardLines(card, spec), spec);
    const location = cardLocation(card, spec); // text lines never state it: no conflict
    if (location) read.location = location;
    for (const [name, value] of Object.entries(read)) if (!(name in signals)) signals[name] = value;
  }
  return signals;
}

/** The page's own supplier: embedded detail JSON, profile module data, storefront host. */
export function pageIdentity(doc, location) {
  let companyId = null;
  for (const script of doc.scripts) {
    const text = script.textContent || "";
    if (PAGE_SUPPLIER_MARKERS.some((m) => text.includes(m))) {
      const at = text.indexOf('"seller"');
      companyId = companyIdFromJsonText(text.slice(Math.max(0, at), at + SCRIPT_SCAN_CHARS));
      if (companyId) break;
    }
  }
  if (!companyId) {
    for (const el of doc.querySelectorAll(`[${MODULE_DATA_ATTRIBUTE}]`)) {
      let text = el.getAttribute(MODULE_DATA_ATTRIBUTE) || "";
      try {
        text = decodeURIComponent(text);
      } catch {
        // not URL-encoded: search it as is
      }
      companyId = companyIdFromJsonText(text);
      if (companyId) break;
    }
  }
  return { companyId, subdomain: subdomainFromUrl(location.href), name: null };
}
