//# allFunctionsCalledOnLoad
// How amounts, Trade Assurance and Gold read on a badge. Pure.

import { parse, round, toString } from "./decimal.js";

const SYMBOLS = { USD: "$", EUR: "€", GBP: "£", CNY: "CN¥", JPY: "¥" };
export const GOLD_REMINDER = "paid membership: the badge alone proves nothing";

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "$20,000", "$1,234.50", "20,000 AUD"; null for a missing amount. */
export function formatMoney(amount, currency) {
  const dec = parse(amount);
  if (!dec) return null;
  const text = toString(round(dec, 2));
  const [whole, cents] = text.replace("-", "").split(".");
  const body = groupThousands(whole) + (cents && cents !== "00" ? `.${cents}` : "");
  const sign = text.startsWith("-") ? "-" : "";
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency || ""}`.trim();
}

/** "TA ✓ $20,000", "TA ✓ limit unknown", "TA ✗", "TA unknown". */
export function taText(tradeAssurance, limit) {
  if (tradeAssurance === false) return "TA ✗";
  if (limit && limit.amount !== null && limit.amount !== undefined) {
    const money = formatMoney(limit.amount, limit.currency);
    if (money) return `TA ✓ ${money}`;
  }
  if (tradeAssurance === true) return "TA ✓ limit unknown";
  return "TA unknown";
}

/** "Gold 9 yrs (paid membership: ...)" when the supplier is Gold or its Gold years are known
 *  (pages often state the years without the flag); null when not Gold or nothing is known. */
export function goldText(gold, years) {
  const knownYears = Number.isInteger(years) && years > 0;
  if (gold === false || (gold !== true && !knownYears)) return null;
  const span = Number.isInteger(years) && years > 0 ? ` ${years} yr${years === 1 ? "" : "s"}` : "";
  return `Gold${span} (${GOLD_REMINDER})`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "2022-09-02" of an ISO time, or null. */
export function dayText(isoDate) {
  const at = Date.parse(isoDate || "");
  return Number.isNaN(at) ? null : new Date(at).toISOString().slice(0, 10);
}

/** "checked today", "checked 3 days ago", or "check date unknown". */
export function ageText(isoDate, nowMs) {
  const at = Date.parse(isoDate || "");
  if (Number.isNaN(at)) return "check date unknown";
  const days = Math.floor((nowMs - at) / DAY_MS);
  if (days <= 0) return "checked today";
  return `checked ${days} day${days === 1 ? "" : "s"} ago`;
}
