//# allFunctionsCalledOnLoad
// The text values Alibaba shows ("US $1,234.56", "≤3h", "96.7%", "3 yrs") as typed values, the
// same way scrapers/values.py reads them: tests/vectors/values.json runs against both. Pure.
// Unknown is null (never 0 or false); a refused text (negative, exponent, ambiguous currency,
// absurd size) is null too. Amounts stay decimal strings: no float rounding of money.

export const MAX_VALUE_TEXT = 300; // no value a page shows is longer; also bounds every scan
export const MAX_TA_LIMIT = "1000000000";
const MAX_RATING = 5;

// Marks that state a currency. "¥" alone is yuan or yen, so it states none.
const CURRENCY_MARKS = [["US $", "USD"], ["US$", "USD"], ["USD", "USD"], ["HK$", "HKD"],
  ["HKD", "HKD"], ["NT$", "TWD"], ["CA$", "CAD"], ["AU$", "AUD"], ["CN¥", "CNY"], ["RMB", "CNY"],
  ["CNY", "CNY"], ["GH₵", "GHS"], ["€", "EUR"], ["EUR", "EUR"], ["£", "GBP"], ["GBP", "GBP"]];
const AMBIGUOUS_MARKS = ["¥", "円"];
const KNOWN_DOLLARS = new Set(["US", "HK", "NT", "CA", "AU"]);
const DOLLAR_PREFIX = /(?<![A-Za-z])([A-Z]{1,3})\s?\$/g;
const NUMBER = /(?<!\d)\d+(?:[.,\s]\d+)*/;
const SIGN_BEFORE = /[-−–]\s*(?:[A-Z]{0,3}\s?[$€£¥₵]\s*)?$/;
const EXPONENT_AFTER = /^[eE][-+]?\d/;
const SUFFIX_AFTER = /^\s?([kKmMbB])(?![A-Za-z²])/;
const SUFFIX_ZEROS = { k: 3, m: 6, b: 9 };

class Refused extends Error {}

function asText(value) {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== "string") return null;
  if (value.length > MAX_VALUE_TEXT) throw new Refused("text too long to be a value");
  return value;
}

/** Normalised decimal string ("1234.5", "10000") of a digit run with either convention. */
function digitsToDecimal(run) {
  let digits = run.replace(/\s/g, "");
  if (digits.includes(",") && digits.includes(".")) {
    digits = digits.lastIndexOf(",") > digits.lastIndexOf(".")
      ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
  } else if (digits.includes(",")) {
    const at = digits.lastIndexOf(",");
    const tail = digits.slice(at + 1);
    digits = tail.length === 3 ? digits.replace(/,/g, "")
      : `${digits.slice(0, at).replace(/,/g, "")}.${tail}`;
  } else if ((digits.match(/\./g) || []).length > 1) digits = digits.replace(/\./g, "");
  return /^\d+(?:\.\d+)?$/.test(digits) ? normalise(digits) : null;
}

function normalise(digits) {
  let [whole, frac = ""] = digits.split(".");
  whole = whole.replace(/^0+(?=\d)/, "");
  frac = frac.replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole;
}

function shift(decimal, zeros) {
  const [whole, frac = ""] = decimal.split(".");
  const padded = frac.padEnd(zeros, "0");
  return normalise(`${whole}${padded.slice(0, zeros)}.${padded.slice(zeros)}`);
}

function compare(a, b) {
  const [aw, af = ""] = a.split(".");
  const [bw, bf = ""] = b.split(".");
  if (aw.length !== bw.length) return aw.length < bw.length ? -1 : 1;
  const x = aw + af.padEnd(Math.max(af.length, bf.length), "0");
  const y = bw + bf.padEnd(Math.max(af.length, bf.length), "0");
  return x === y ? 0 : x < y ? -1 : 1;
}

function scanNumber(text, suffixes = false) {
  const match = NUMBER.exec(text);
  if (!match) return null;
  if (SIGN_BEFORE.test(text.slice(0, match.index))) throw new Refused("negative");
  const after = text.slice(match.index + match[0].length);
  if (EXPONENT_AFTER.test(after)) throw new Refused("exponent");
  let number = digitsToDecimal(match[0]);
  if (number === null) return null;
  if (suffixes) {
    const suffix = SUFFIX_AFTER.exec(after);
    if (suffix) number = shift(number, SUFFIX_ZEROS[suffix[1].toLowerCase()]);
  }
  return { number, run: match[0] };
}

/** The ISO code a text states, null for none; throws Refused when ambiguous. */
function currencyStated(text) {
  const codes = new Set(CURRENCY_MARKS.filter(([mark]) => text.includes(mark)).map(([, c]) => c));
  for (const match of text.matchAll(DOLLAR_PREFIX)) {
    if (!KNOWN_DOLLARS.has(match[1].toUpperCase())) throw new Refused("unknown dollar");
  }
  if (!codes.size && AMBIGUOUS_MARKS.some((m) => text.includes(m))) throw new Refused("yuan or yen");
  if (codes.size > 1) throw new Refused("more than one currency");
  return codes.size ? [...codes][0] : null;
}

function refusedIsNull(fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof Refused) return null;
      throw err;
    }
  };
}

/** { amount: "10000", currency: "USD" } or null. `defaultCurrency`: the page's documented one. */
export const parseMoney = refusedIsNull((value, defaultCurrency = null, maxAmount = null) => {
  const raw = asText(value);
  if (raw === null || !raw.trim()) return null;
  let currency = currencyStated(raw);
  if (currency === null && raw.includes("$") && defaultCurrency !== "USD") return null;
  currency = currency || defaultCurrency;
  const found = scanNumber(raw, true);
  if (!found || !currency) return null;
  let amount = found.number;
  if (currency === "EUR" && /^\d{1,3}(?:\.\d{3})+$/.test(found.run)) {
    amount = normalise(found.run.replace(/\./g, "")); // "€10.000": German grouping
  }
  if (maxAmount !== null && compare(amount, String(maxAmount)) > 0) return null;
  return { amount, currency };
});

/** Normalised decimal string, or null. */
export const parseNumber = refusedIsNull((value) => {
  const found = scanNumber(asText(value) || "");
  return found ? found.number : null;
});

export const parseYears = refusedIsNull((value) => {
  const text = asText(value);
  if (text === null) return null;
  const match = /(?<!\d)(\d+)\s*(?:yrs?|years?)\b/i.exec(text) || /^\s*(\d+)\s*$/.exec(text);
  return match ? Number(match[1]) : null;
});

export const parseHours = refusedIsNull((value) => {
  const match = /(?<![\d.])(\d+(?:\.\d+)?)\s*(h|hours?|hrs?|d|days?)\b/i.exec(asText(value) || "");
  if (!match) return null;
  const hours = Number(match[1]);
  return match[2].toLowerCase().startsWith("d") ? hours * 24 : hours;
});

export const parsePercent = refusedIsNull((value) => {
  const match = /(?<![\d.])(\d+(?:\.\d+)?)\s*%/.exec(asText(value) || "");
  return match ? Number(match[1]) : null;
});

export const parseRating = refusedIsNull((value) => {
  let number = typeof value === "number" ? value : null;
  if (number === null && typeof value === "string") {
    const found = parseNumber(value.split("/")[0]);
    number = found === null ? null : Number(found);
  }
  return number !== null && Number.isFinite(number) && number >= 0 && number <= MAX_RATING
    ? number : null;
});

export const parseCount = refusedIsNull((value) => {
  if (typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : null;
  const found = typeof value === "string" ? parseNumber(value) : null;
  return found !== null && /^\d+$/.test(found) ? Number(found) : null;
});

/** A JSON flag as Alibaba writes it (true, "1", "Y", "true") → boolean; anything else null. */
export function parseFlag(value) {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : null;
  if (typeof value === "string") {
    const lowered = value.trim().toLowerCase();
    if (["1", "y", "yes", "true"].includes(lowered)) return true;
    if (["0", "n", "no", "false"].includes(lowered)) return false;
  }
  return null;
}

/** Non-empty whitespace-collapsed text, or null. */
export function cleanText(value) {
  if ((typeof value !== "string" && typeof value !== "number") || typeof value === "boolean") {
    return null;
  }
  const text = String(value).replace(/\uFFFD/g, " ").split(/\s+/).filter(Boolean).join(" ");
  return text || null;
}

/** One entry point by kind (the vectors' "kind"). */
export function readValue(kind, value, options = {}) {
  switch (kind) {
    case "money": return parseMoney(value, options.default_currency ?? null,
      options.max_amount ?? null);
    case "number": return parseNumber(value);
    case "hours": return parseHours(value);
    case "percent": return parsePercent(value);
    case "years": return parseYears(value);
    case "flag": return parseFlag(value);
    case "rating": return parseRating(value);
    case "count": return parseCount(value);
    case "text": return cleanText(value);
    default: throw new Error(`unknown value kind ${kind}`);
  }
}
