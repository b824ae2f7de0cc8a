// The compare view's table: one row per remembered supplier, unknown shown as "unknown" (never
// "No"), sortable, exportable as CSV and TSV. Pure: records and the planned order in, rows out.

import { orderCheck } from "./badge-model.js";
import { dayText, formatMoney } from "./format.js";
import { localResult, newestObserved, pageKindText } from "./local-doc.js";

export const UNKNOWN = "unknown";
export const COLUMNS = [
  { key: "name", label: "Supplier" },
  { key: "grade", label: "Grade" },
  { key: "ta", label: "Trade Assurance" },
  { key: "limit", label: "TA limit", numeric: true },
  { key: "uncovered", label: "Uncovered (planned order)", numeric: true },
  { key: "goldYears", label: "Gold years", numeric: true },
  { key: "verified", label: "Verified" },
  { key: "responseHours", label: "Response time (h)", numeric: true },
  { key: "onTime", label: "On-time delivery (%)", numeric: true },
  { key: "rating", label: "Rating", numeric: true },
  { key: "lastSeen", label: "Last seen" },
  { key: "source", label: "Source page" },
];

const yesNo = (v) => (v === true ? "yes" : v === false ? "no" : UNKNOWN);
const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** One row per record: { id, cells: {key: text}, sort: {key: number|string|null}, url }. */
export function compareRows(records, order, nowMs = Date.now()) {
  return records.map((record) => {
    const { supplier: doc } = localResult(record, { nowMs });
    const v = (name) => (doc.signals[name] ? doc.signals[name].value : null);
    const limit = v("ta_limit");
    const check = orderCheck(doc, order);
    const uncovered = check && !check.error ? check.uncovered : null;
    const newest = newestObserved(Object.values(record.signals || {}).filter((s) => s.url));
    const verifier = v("verifier");
    const sort = {
      name: doc.name || doc.supplier_id, grade: doc.score.grade, ta: yesNo(v("trade_assurance")),
      limit: limit ? Number(limit.amount) : null,
      uncovered: uncovered === null ? null : Number(uncovered),
      goldYears: num(v("gold_years")), verified: yesNo(v("verified")),
      responseHours: num(v("response_time")), onTime: num(v("on_time_delivery")),
      rating: num(v("rating")), lastSeen: record.lastSeen || null,
      source: newest ? pageKindText(newest.kind) : UNKNOWN,
    };
    const cells = {
      ...Object.fromEntries(Object.entries(sort)
        .map(([k, x]) => [k, x === null ? UNKNOWN : String(x)])),
      grade: doc.score.grade || "insufficient data",
      limit: limit ? formatMoney(limit.amount, limit.currency) : UNKNOWN,
      uncovered: uncovered === null ? (order && order.value ? UNKNOWN : "no order set")
        : formatMoney(uncovered, order.currency),
      verified: v("verified") === true && verifier ? `yes (${verifier})` : yesNo(v("verified")),
      lastSeen: record.lastSeen ? dayText(new Date(record.lastSeen).toISOString()) : UNKNOWN,
    };
    return { id: doc.supplier_id, cells, sort, url: newest ? newest.url : null };
  });
}

/** Rows sorted by `key`; unknown always last, whatever the direction. */
export function sortRows(rows, key, direction = "ascending") {
  const sign = direction === "descending" ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a.sort[key];
    const y = b.sort[key];
    const unknownX = x === null || x === UNKNOWN;
    const unknownY = y === null || y === UNKNOWN;
    if (unknownX || unknownY) return unknownX === unknownY ? 0 : unknownX ? 1 : -1;
    if (typeof x === "number" && typeof y === "number") return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
}

function csvCell(text) {
  // A leading =, +, - or @ would run as a formula in a spreadsheet: scraped names are untrusted.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows) {
  const head = ["Supplier ID", ...COLUMNS.map((c) => c.label)];
  const body = rows.map((r) => [r.id, ...COLUMNS.map((c) => r.cells[c.key])]);
  return [head, ...body].map((line) => line.map((t) => csvCell(String(t))).join(",")).join("\r\n");
}

export function toTsv(rows) {
  const clean = (t) => String(t).replace(/[\t\r\n]+/g, " ").replace(/^([=+\-@])/, "'$1");
  const head = ["Supplier ID", ...COLUMNS.map((c) => c.label)];
  const body = rows.map((r) => [r.id, ...COLUMNS.map((c) => r.cells[c.key])]);
  return [head, ...body].map((line) => line.map(clean).join("\t")).join("\n");
}
