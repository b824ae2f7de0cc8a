// Who a card or the page is about: companyId and storefront subdomain, read from the DOM with
// the selectors of selectors.js and the pure parsers of lib/ids.js.

import { companyIdFromJsonText, companyIdFromTrackInfo, isCompanyId, subdomainFromUrl }
  from "../lib/ids.js";
import { MODULE_DATA_ATTRIBUTE, PAGE_SUPPLIER_MARKERS } from "./selectors.js";

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
  for (const attr of rule.trackAttributes || []) {
    if (identity.companyId) break;
    identity.companyId = companyIdFromTrackInfo(card.getAttribute(attr) || "");
  }
  const link = rule.link ? card.querySelector(rule.link) : null;
  if (link) {
    identity.subdomain = subdomainFromUrl(link.getAttribute("href"));
    identity.name = (link.getAttribute("title") || link.textContent || "").trim() || null;
  }
  if (rule.pageIdentity && page) {
    identity.companyId = identity.companyId || page.companyId;
    identity.subdomain = identity.subdomain || page.subdomain;
  }
  return identity;
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
