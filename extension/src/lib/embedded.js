//# allFunctionsCalledOnLoad
// JSON values that pages embed in inline scripts ("window._PAGE_DATA_ = {...}"), and the
// supplier lists inside them. Pure: script text in, plain objects out.

import { isCompanyId, subdomainFromUrl } from "./ids.js";

/** End index (exclusive) of the JSON object/array starting at `start`, or -1. Char codes,
 *  not one-character strings: this loop runs over megabytes of page JSON. */
function balancedEnd(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i += 1; // backslash
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) depth += 1;
    else if (ch === 125 || ch === 93) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The JSON value assigned right after `marker` in `text`, or null when absent or invalid. */
export function jsonAfter(text, marker) {
  if (typeof text !== "string") return null;
  let from = 0;
  for (;;) {
    const at = text.indexOf(marker, from);
    if (at < 0) return null;
    let pos = at + marker.length;
    while (pos < text.length && " \t\r\n=".includes(text[pos])) pos += 1;
    if (text[pos] === "{" || text[pos] === "[") {
      // Fast paths (native JSON.parse, no character loop): JSON has no ';' and no raw line
      // break inside strings, so an assignment's blob ends at a "};" or "}\n" (the first few
      // are tried), or at the script's end.
      const closer = text[pos] === "{" ? "}" : "]";
      const ends = [];
      for (const after of [";", "\n"]) {
        for (let at = text.indexOf(closer + after, pos), n = 0; at > 0 && n < 2;
          at = text.indexOf(closer + after, at + 2), n += 1) ends.push(at + 1);
      }
      ends.sort((a, b) => a - b);
      const tail = text.slice(-200).trimEnd().replace(/;$/, "").trimEnd();
      if (tail.endsWith(closer)) ends.push(text.lastIndexOf(closer) + 1);
      for (const end of ends) {
        try {
          return JSON.parse(text.slice(pos, end));
        } catch {
          // not the blob's end: try the next, then balance the brackets
        }
      }
      const end = balancedEnd(text, pos);
      if (end > 0) {
        try {
          return JSON.parse(text.slice(pos, end));
        } catch {
          // a later occurrence may hold the real assignment
        }
      }
    }
    from = at + marker.length;
  }
}

function dig(data, ...path) {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return null;
    node = node[key];
  }
  return node === undefined ? null : node;
}

function entry(companyId, name, href) {
  const id = companyId === null || companyId === undefined ? null : String(companyId);
  if (!isCompanyId(id)) return null;
  return { companyId: id, name: typeof name === "string" ? name : null,
    subdomain: subdomainFromUrl(href) };
}

/** Suppliers of a 2022 product search (`window.__page__data__config`). */
export function suppliersFromSearch2022(config) {
  const offers = dig(config, "props", "offerResultData", "offerList");
  if (!Array.isArray(offers)) return [];
  return offers.map((offer) => {
    const s = dig(offer, "supplier") || {};
    return entry(s.supplierId, s.supplierName, s.supplierHref);
  }).filter(Boolean);
}

/** Suppliers of a 2024 supplier search (`window._PAGE_DATA_`). */
export function suppliersFromSupplierSearch2024(data) {
  const offers = dig(data, "offerResultData", "offerList");
  if (!Array.isArray(offers)) return [];
  return offers.map((o) => entry(o.companyId, o.companyName, o.action)).filter(Boolean);
}

/** One entry per companyId, first occurrence wins (pages repeat suppliers). */
export function uniqueSuppliers(list) {
  const seen = new Set();
  return list.filter((s) => !seen.has(s.companyId) && seen.add(s.companyId));
}
