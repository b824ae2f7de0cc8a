// The visible text of a card that has no data to read but its words (the 2026 "AI mode"
// supplier cards), read as scrapers/pages/supplier_search_ai_2026.py reads it, with the rules of
// readspec.json `text_lines` (readspec-shared.js): lines in, signals out. Pure; the content
// script turns a card into its lines (content/card-text.js).

import { readValue } from "./values.js";

const compiled = new WeakMap(); // spec → its line patterns, compiled once

function patterns(spec) {
  if (!compiled.has(spec)) {
    compiled.set(spec, spec.lines.map((rule) => ({ ...rule,
      regex: new RegExp(rule.pattern, rule.ignore_case ? "i" : "") })));
  }
  return compiled.get(spec);
}

/** A line's value as `text_lines` kind `kind` (`match`: the line pattern's match). */
export function readLine(kind, text, match = null) {
  if (text === null || text === undefined) return null;
  if (kind === "line") return text;
  if (kind === "band") return /[0-9]/.test(text) ? text : null; // "-" is not stated
  return readValue(kind, match ? match[1] : text);
}

/** { signal: value } for the card's `lines` (the first reading of a signal wins). */
export function textLineSignals(lines, spec) {
  const out = {};
  const put = (name, value) => {
    if (value !== null && value !== undefined && !(name in out)) out[name] = value;
  };
  const isLabel = (line) => Object.hasOwn(spec.labels, line) || spec.other_labels.includes(line);
  lines.forEach((line, i) => {
    if (Object.hasOwn(spec.labels, line)) {
      const next = i + 1 < lines.length ? lines[i + 1] : null;
      if (next !== null && !isLabel(next)) {
        const rule = spec.labels[line];
        put(rule.signal, readLine(rule.kind, next));
      }
      return;
    }
    for (const rule of patterns(spec)) {
      const match = rule.regex.exec(line);
      if (match) {
        put(rule.signal, readLine(rule.kind, line, match));
        return;
      }
    }
    if (spec.business_types.includes(line)) {
      put("business_type", line);
      if (line === spec.verified_business_type) put("verified", true);
    }
  });
  return out;
}
