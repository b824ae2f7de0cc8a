//# allFunctionsCalledOnLoad
// Supplier identity from the strings Alibaba pages carry: track-info strings, data attributes,
// supplier links and embedded JSON. Pure: strings in, IDs out. The rules are vetting/ids.py's;
// tests/vectors/ids.json pins both (test/ids-vectors.test.js).

// Real companyIds have 8 to 11 digits (10352871, 259052175, 14066874395); some headroom.
const COMPANY_ID = /^\d{5,12}$/;
// Host labels that are Alibaba services, not supplier storefronts.
const NOT_SUPPLIER = new Set(["www", "m", "message", "sale", "fuwu", "selection", "login",
  "passport", "i", "s", "sc04", "img", "u", "offer", "onetouch", "cn-click", "en", "gold"]);
// A storefront: <sub>.en.alibaba.com, <sub>.m.en.alibaba.com, <sub>.trustpass.alibaba.com,
// <sub>.m.trustpass.alibaba.com.
const STOREFRONT =
  /^([a-z0-9][a-z0-9-]{0,62})\.(?:en|m\.en|trustpass|m\.trustpass)\.alibaba\.com$/;

export function isCompanyId(value) {
  return typeof value === "string" && COMPANY_ID.test(value);
}

/** companyId from a track-info string ("...@@company_id:265503263@@..."), or null. */
export function companyIdFromTrackInfo(text) {
  if (typeof text !== "string") return null;
  const match = /(?:^|[@|'&?=;,])company_id[:=](\d+)/.exec(text);
  return match && isCompanyId(match[1]) ? match[1] : null;
}

/** companyId from JSON-ish text ('"companyId":262055980' or '"companyId":"262055980"'), or null. */
export function companyIdFromJsonText(text) {
  if (typeof text !== "string") return null;
  const match = /"companyId"\s*:\s*"?(\d+)"?/.exec(text);
  return match && isCompanyId(match[1]) ? match[1] : null;
}

/** The storefront subdomain ("jinqisportswear") of a supplier link, or null. */
export function subdomainFromUrl(href) {
  if (typeof href !== "string" || href.length === 0) return null;
  let host;
  try {
    host = new URL(href, "https://www.alibaba.com/").hostname.toLowerCase();
  } catch {
    return null;
  }
  const match = STOREFRONT.exec(host);
  if (!match || NOT_SUPPLIER.has(match[1])) return null;
  return match[1];
}

/** The ID to look a supplier up by: the companyId when known, else the subdomain. */
export function lookupKey(identity) {
  if (!identity) return null;
  if (isCompanyId(identity.companyId)) return identity.companyId;
  if (typeof identity.subdomain === "string" && identity.subdomain) return identity.subdomain;
  return null;
}
