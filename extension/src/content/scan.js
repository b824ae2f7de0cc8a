//# allFunctionsCalledOnLoad
// Find the cards on the page that have no badge yet, and the suppliers a page lists in its
// embedded JSON (for the "suppliers on this page" panel).

import { jsonAfter, suppliersFromSearch2022, suppliersFromSupplierSearch2024, uniqueSuppliers }
  from "../lib/embedded.js";
import { companyIdFromTrackInfo, isCompanyId, lookupKey, subdomainFromUrl } from "../lib/ids.js";
import { cardIdentity } from "./identity.js";
import { CARD_RULES, FALLBACK_ID_ATTRIBUTES, FALLBACK_STOREFRONT_LINKS, OFFER_CARDS_2026,
  PAGE_LIST_MARKERS } from "./selectors.js";

// A card is claimed once, for ever: the mark survives re-scans (idempotent badges).
export const CLAIMED = "data-supplier-vetting";
const MAX_FALLBACK = 100;

/** New cards under `root`: [{ card, rule, identity, key }], each card claimed. */
export function claimCards(root, page, limit = Infinity) {
  const found = [];
  for (const rule of CARD_RULES) {
    for (const card of root.querySelectorAll(rule.card)) {
      if (found.length >= limit) return found;
      // Nested card markup (a card inside a card) still gets one badge only.
      if (card.closest(`[${CLAIMED}]`) || card.querySelector(`[${CLAIMED}]`)) continue;
      const identity = cardIdentity(card, rule, page);
      const key = lookupKey(identity);
      if (!key) continue;
      card.setAttribute(CLAIMED, rule.kind);
      found.push({ card, rule, identity, key });
    }
  }
  return found;
}

/** Product-search cards (2026) found from the offer blob: productId → companyId. */
export function claimOfferCards(root, products) {
  const found = [];
  const rule = { kind: OFFER_CARDS_2026.kind, anchor: null };
  for (const [productId, companyId] of Object.entries(products || {})) {
    for (const link of root.querySelectorAll(OFFER_CARDS_2026.productLink(productId))) {
      const card = offerCard(link);
      if (card.closest(`[${CLAIMED}]`) || card.querySelector(`[${CLAIMED}]`)) continue;
      card.setAttribute(CLAIMED, rule.kind);
      const identity = { companyId, subdomain: null, name: null };
      found.push({ card, rule, identity, key: companyId });
    }
  }
  return found;
}

function offerCard(link) {
  let node = link;
  for (let depth = 0; depth < OFFER_CARDS_2026.maxDepth && node.parentElement; depth += 1) {
    if (node.querySelector(OFFER_CARDS_2026.storefrontLink)) return node;
    if (node.parentElement === node.ownerDocument.body) break;
    node = node.parentElement;
  }
  return link.parentElement || link;
}

/** Suppliers named by the page's embedded JSON (2022 search, 2024 supplier search). */
export function embeddedSuppliers(doc) {
  const list = [];
  for (const script of doc.scripts) {
    const text = script.textContent || "";
    if (text.includes(PAGE_LIST_MARKERS.search2022)) {
      list.push(...suppliersFromSearch2022(jsonAfter(text, PAGE_LIST_MARKERS.search2022)));
    }
    if (text.includes(PAGE_LIST_MARKERS.supplierSearch2024)) {
      list.push(...suppliersFromSupplierSearch2024(
        jsonAfter(text, PAGE_LIST_MARKERS.supplierSearch2024)));
    }
  }
  return uniqueSuppliers(list);
}

/** Last resort on an unrecognised page: IDs in data attributes, then storefront links. */
export function fallbackSuppliers(doc) {
  const seen = new Map();
  for (const el of doc.querySelectorAll(FALLBACK_ID_ATTRIBUTES)) {
    const id = el.getAttribute("data-supplierid") || el.getAttribute("data-company-id") || "";
    const companyId = isCompanyId(id) ? id : companyIdFromTrackInfo(id);
    if (companyId && !seen.has(companyId)) {
      seen.set(companyId, { companyId, subdomain: null, name: null });
    }
    if (seen.size >= MAX_FALLBACK) return [...seen.values()];
  }
  for (const a of doc.querySelectorAll(FALLBACK_STOREFRONT_LINKS)) {
    const subdomain = subdomainFromUrl(a.getAttribute("href"));
    if (subdomain && !seen.has(subdomain)) {
      const name = (a.textContent || "").trim() || null;
      seen.set(subdomain, { companyId: null, subdomain, name });
    }
    if (seen.size >= MAX_FALLBACK) break;
  }
  return [...seen.values()];
}
