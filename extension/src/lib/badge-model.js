//# allFunctionsCalledOnLoad
// What a badge says for one supplier: the lookup result (API JSON shape of vetting/document.py)
// plus the planned order in, plain words out. Pure; the DOM code only copies these strings.

import { checkCoverage } from "./coverage.js";
import { ageText, dayText, formatMoney, goldText, taText } from "./format.js";
import { newestObserved, pageKindText } from "./local-doc.js";

export const TONES = Object.freeze({ good: "good", warn: "warn", danger: "danger", none: "none" });
const GOOD_GRADES = new Set(["A", "B"]);
const SIGNAL_NAMES = { trade_assurance: "Trade Assurance", ta_limit: "TA limit",
  gold_supplier: "Gold Supplier", gold_years: "Gold years", verified: "Verified",
  verifier: "Verified by", years_on_alibaba: "Years on Alibaba", response_time: "Response time",
  response_rate: "Response rate", on_time_delivery: "On-time delivery", rating: "Rating",
  review_count: "Reviews", business_type: "Business type", location: "Location" };
const SERVER_NOTE = "server unreachable";

function value(doc, name) {
  const signal = doc && doc.signals ? doc.signals[name] : null;
  return signal && "value" in signal ? signal.value : null;
}

function lastObserved(doc) {
  if (doc.last_checked) return doc.last_checked;
  const dates = Object.values(doc.signals || {}).map((s) => s && s.observed_at).filter(Boolean);
  return dates.sort().at(-1) || null;
}

/** The order check for this supplier, or null when no order value is set. */
export function orderCheck(doc, order) {
  if (!order || !order.value) return null;
  const limit = value(doc, "ta_limit");
  // The buyer's stated rate joins a USD limit to an order in another currency (never guessed).
  const rate = order.usdRate && limit && limit.currency === "USD" && order.currency !== "USD"
    ? { from: "USD", to: order.currency, rate: order.usdRate, date: null } : null;
  return checkCoverage({
    order_value: order.value, currency: order.currency, deposit: order.deposit || null,
    payment: order.payment, coverage: order.coverage,
    trade_assurance: value(doc, "trade_assurance"), ta_limit: limit, rate,
  });
}

function orderLine(check, currency) {
  if (!check) return null;
  if (check.error) return { text: `order check: ${check.error.message}`, danger: false };
  if (check.uncovered !== null && Number(check.uncovered) > 0) {
    return { text: `⚠ ${formatMoney(check.uncovered, currency)} uncovered`, danger: true };
  }
  if (check.uncovered === null) return { text: "order coverage unknown", danger: false };
  return { text: "✓ order within coverage", danger: false };
}

/** Badge for a lookup result: { status: "found" | "observed", supplier } (the API's JSON),
 *  { status: "unknown" } or { status: "offline" }. */
export function badgeModel(result, order, nowMs = Date.now()) {
  if (!result || result.status === "offline" || result.status === "error") {
    return { status: "offline", grade: "?", tone: TONES.none, lines: ["offline"],
      label: "Supplier check offline: the vetting API could not be reached", details: null };
  }
  const known = result.status === "found" || result.status === "observed"
    || result.status === "local";
  if (!known || !result.supplier) {
    return { status: "unknown", grade: "?", tone: TONES.none, lines: ["not checked yet"],
      label: "Supplier not in the vetting database yet", details: null };
  }
  const doc = result.supplier;
  const score = doc.score || {};
  const grade = score.grade || "?";
  const ta = taText(value(doc, "trade_assurance"), value(doc, "ta_limit"));
  // Years on Alibaba count as Gold years only when the page says the supplier is Gold.
  const goldFlag = value(doc, "gold_supplier");
  const gold = goldText(goldFlag, value(doc, "gold_years")
    ?? (goldFlag === true ? value(doc, "years_on_alibaba") : null));
  const check = orderCheck(doc, order);
  const line = orderLine(check, order && order.currency);
  const seen = result.status === "observed" ? "seen on this page only" : null;
  const remembered = result.remembered ? rememberedText(doc) : null;
  const server = result.server === "unreachable" ? SERVER_NOTE : null;
  const lines = [ta, gold, verifiedText(doc), seen, remembered, server, line && line.text]
    .filter(Boolean);
  let tone = GOOD_GRADES.has(grade) ? TONES.good : grade === "?" ? TONES.none : TONES.warn;
  if (value(doc, "trade_assurance") === false || (line && line.danger)) tone = TONES.danger;
  const gradeWords = grade === "?" ? "insufficient data" : `grade ${grade}`;
  return {
    status: result.status, grade, tone, lines,
    uncovered: check && !check.error ? check.uncovered : null,
    label: [`${doc.name || "Supplier"}: ${gradeWords}`, ...lines].join("; "),
    remembered: Boolean(result.remembered),
    details: details(doc, score, check, nowMs),
  };
}

/** "verified (SGS Group)" / "not verified"; nothing when unknown. */
function verifiedText(doc) {
  const verified = value(doc, "verified");
  if (verified === false) return "not verified";
  if (verified !== true) return null;
  const by = value(doc, "verifier");
  return typeof by === "string" && by ? `verified (${by})` : "verified";
}

/** "remembered: supplier profile, 2026-12-01" for the newest value seen on another page. */
function rememberedText(doc) {
  const other = newestObserved(Object.values(doc.signals || {}).filter((s) => s && s.remembered));
  if (!other) return "remembered";
  const where = other.source === "server" ? "server" : pageKindText(other.page_kind);
  const day = dayText(other.observed_at);
  return `remembered: ${where}${day ? `, ${day}` : ""}`;
}

function shown(value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value && typeof value === "object" && "amount" in value) {
    return formatMoney(value.amount, value.currency) || String(value.amount);
  }
  return String(value);
}

/** "TA limit: $10,000 (product page, seen 2022-09-02)" for every known value. */
export function provenance(doc) {
  return Object.entries(doc.signals || {})
    .filter(([, s]) => s && s.value !== null && s.value !== undefined)
    .map(([name, s]) => {
      const where = s.source === "server" ? "server" : pageKindText(s.page_kind);
      const day = dayText(s.observed_at);
      return `${SIGNAL_NAMES[name] || name}: ${shown(s.value)} (${where}, ${day ? `seen ${day}` : "date unknown"})`;
    });
}

function details(doc, score, check, nowMs) {
  const reasons = (score.reasons || []).map((r) => {
    const effect = typeof r.effect === "number" && r.effect !== 0
      ? ` (${r.effect > 0 ? "+" : ""}${r.effect})` : "";
    return `${SIGNAL_NAMES[r.signal] || r.signal || ""}${effect}: ${r.evidence || ""}`;
  });
  const warnings = (score.warnings || []).map((w) => w.message || w.code);
  if (check && !check.error) warnings.push(...check.flags.map((f) => f.message));
  return {
    name: doc.name || doc.supplier_id,
    supplierId: doc.supplier_id,
    score: typeof score.value === "number" ? `${score.value}/100` : "insufficient data",
    reasons, warnings,
    actions: [...(score.actions || [])],
    seen: provenance(doc),
    age: ageText(lastObserved(doc), nowMs),
  };
}
