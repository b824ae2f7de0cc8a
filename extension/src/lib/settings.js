//# allFunctionsCalledOnLoad
// The extension's settings and planned order, with defaults and validation. Pure.

// No server by default: the extension reads, scores and remembers on its own; an API or a site
// mirror is enrichment the user opts into (and grants host permission for).
export const DEFAULT_API_BASE = "";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** May the API key travel to `base`? Only over https, or to this computer. */
export function keySafeFor(base) {
  try {
    const url = new URL(base);
    return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}
export const DEFAULT_TTL_MINUTES = 60;
export const MAX_TTL_MINUTES = 7 * 24 * 60;
export const CURRENCIES = ["USD", "EUR", "GBP", "CNY", "JPY", "AUD", "CAD"];

export const DEFAULT_SETTINGS = Object.freeze({
  apiBase: DEFAULT_API_BASE,
  siteBase: "", // static site base URL: when set, the JSON mirror is used instead of the API
  ttlMinutes: DEFAULT_TTL_MINUTES,
  contribute: false, // "contribute what I see": off unless the user turns it on
  apiKey: "",
});

export const DEFAULT_ORDER = Object.freeze({
  value: "", // empty: no order check
  currency: "USD",
  deposit: "",
  payment: "ta",
  coverage: "post-delivery",
  usdRate: "", // 1 USD in the order currency, for limits shown in USD (orders in other currencies)
});

function baseUrl(text) {
  if (typeof text !== "string" || text.trim() === "") return "";
  try {
    const url = new URL(text.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.replace(/\/+$/, "");
  } catch {
    return null;
  }
}

/** Settings merged over the defaults; { settings, errors } with one message per bad field. */
export function normaliseSettings(raw) {
  const input = raw && typeof raw === "object" ? raw : {};
  const settings = { ...DEFAULT_SETTINGS };
  const errors = {};
  if ("apiBase" in input) {
    const value = baseUrl(input.apiBase);
    if (value === null) errors.apiBase = "API base must be an http(s) URL";
    else settings.apiBase = value || DEFAULT_API_BASE;
  }
  if ("siteBase" in input) {
    const value = baseUrl(input.siteBase);
    if (value === null) errors.siteBase = "site base must be an http(s) URL";
    else settings.siteBase = value;
  }
  if ("ttlMinutes" in input) {
    const ttl = Number(input.ttlMinutes);
    if (!Number.isFinite(ttl) || ttl < 0 || ttl > MAX_TTL_MINUTES) {
      errors.ttlMinutes = `cache lifetime must be 0 to ${MAX_TTL_MINUTES} minutes`;
    } else settings.ttlMinutes = ttl;
  }
  settings.contribute = input.contribute === true;
  if (typeof input.apiKey === "string") settings.apiKey = input.apiKey.trim();
  if (settings.apiKey && settings.apiBase && !keySafeFor(settings.apiBase)) {
    errors.apiKey = "the API key is sent only over https (or to 127.0.0.1/localhost)";
    settings.apiKey = "";
  }
  return { settings, errors };
}

const AMOUNT = /^\d+(?:\.\d{1,2})?$/;
const DEPOSIT = /^(?:\d+(?:\.\d+)?%|\d+(?:\.\d{1,2})?)$/;

/** The planned order merged over the defaults; { order, errors }. Empty value = no check. */
export function normaliseOrder(raw) {
  const input = raw && typeof raw === "object" ? raw : {};
  const order = { ...DEFAULT_ORDER };
  const errors = {};
  const value = String(input.value ?? "").trim().replace(/,/g, "");
  if (value !== "" && (!AMOUNT.test(value) || Number(value) <= 0)) {
    errors.value = "order value must be a positive amount";
  } else order.value = value;
  const currency = String(input.currency ?? order.currency).toUpperCase();
  if (/^[A-Z]{3}$/.test(currency)) order.currency = currency;
  else errors.currency = "currency must be a 3-letter code";
  const deposit = String(input.deposit ?? "").trim().replace(/,/g, "");
  if (deposit !== "" && !DEPOSIT.test(deposit)) errors.deposit = "deposit: an amount or NN%";
  else order.deposit = deposit;
  const rate = String(input.usdRate ?? "").trim();
  if (rate !== "" && (!/^\d+(?:\.\d+)?$/.test(rate) || Number(rate) <= 0)) {
    errors.usdRate = "exchange rate must be a positive number";
  } else order.usdRate = rate;
  if (input.payment === "off-platform") order.payment = "off-platform";
  if (input.coverage === "pre-shipment") order.coverage = "pre-shipment";
  return { order, errors };
}
