//# allFunctionsCalledOnLoad
// The supplier score in the browser: the same rules as vetting/scoring.py, applied to the rule
// table exported from vetting/scoring_rules.py (scoring-rules.js, generated). Pure. The shared
// vectors tests/vectors/scoring.json pin both implementations to the same answers.

import RULES from "./scoring-rules.js";

const W = RULES.weights;
const T = RULES.thresholds;
const DAY_MS = 24 * 60 * 60 * 1000;

const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const isInt = (v) => Number.isInteger(v);
const fmt = (v) => String(Math.round(v * 1e6) / 1e6);

/** The grade letter for a score value. */
export function gradeFor(value) {
  for (const [floor, grade] of RULES.grade_floors) if (value >= floor) return grade;
  return "F";
}

function known(value) {
  return value !== null && value !== undefined;
}

/** `supplier`: { signals: { name: { value, observed_at } }, last_checked? }. `now`: ms or ISO.
 *  Returns the JSON shape of vetting.scoring.Score.to_json(). */
export function scoreSupplier(supplier, now = Date.now(), staleAfterDays = RULES.stale_after_days) {
  const signals = (supplier && supplier.signals) || {};
  const val = (name) => (signals[name] && known(signals[name].value) ? signals[name].value : null);
  const reasons = [];
  const warnings = [];
  const add = (signal, weight, evidence) => reasons.push({ signal, effect: weight ? W[weight] : 0,
    evidence, observed_at: (signals[signal] && signals[signal].observed_at) || null });
  const warn = (code, detail) => {
    const rule = RULES.warnings[code];
    warnings.push({ code, message: detail ? `${rule.message} (${detail})` : rule.message,
      severity: rule.severity });
  };

  const ta = val("trade_assurance");
  if (ta === true) {
    add("trade_assurance", "trade_assurance_yes", "Trade Assurance mark shown");
    if (val("ta_limit") === null) warn("COVERAGE_LIMIT_UNKNOWN");
  } else if (ta === false) {
    add("trade_assurance", "trade_assurance_no", "no Trade Assurance mark");
    warn("NO_TRADE_ASSURANCE");
  } else warn("TRADE_ASSURANCE_UNKNOWN");

  const verified = val("verified");
  if (verified === true) {
    const by = val("verifier") ? ` (${val("verifier")})` : "";
    add("verified", "verified_yes", `verified by a third-party assessment${by}`);
  } else if (verified === false) {
    add("verified", "verified_no", "not verified by a third party");
    warn("UNVERIFIED");
  }
  const kind = val("business_type");
  if (typeof kind === "string" && kind.toLowerCase().includes("trading")
    && !kind.toLowerCase().includes("manufactur")) {
    add("business_type", null, `business type: ${kind}`);
    warn("TRADING_COMPANY");
  }
  const years = val("years_on_alibaba");
  if (isInt(years)) {
    if (years < T.new_supplier_years) {
      add("years_on_alibaba", "new_supplier", `${years} year(s) on Alibaba`);
      warn("NEW_SUPPLIER", `${years} year(s)`);
    } else if (years >= T.established_years) {
      add("years_on_alibaba", "established_supplier", `${years} years on Alibaba`);
    }
  }

  const onTime = val("on_time_delivery");
  if (isNum(onTime)) {
    if (onTime < T.on_time_low_percent) {
      add("on_time_delivery", "on_time_delivery_low", `${fmt(onTime)}% on time`);
      warn("LOW_ON_TIME_DELIVERY", `${fmt(onTime)}%`);
    } else if (onTime >= T.on_time_high_percent) {
      add("on_time_delivery", "on_time_delivery_high", `${fmt(onTime)}% on time`);
    }
  }
  const hours = val("response_time");
  const rate = val("response_rate");
  const slowRate = isNum(rate) && rate < T.low_response_rate_percent;
  if (isNum(hours) && hours > T.slow_response_hours) {
    add("response_time", "slow_response", `responds in about ${fmt(hours)} h`);
    warn("SLOW_RESPONSE", `about ${fmt(hours)} h`);
  } else if (slowRate) {
    add("response_rate", "slow_response", `replies to ${fmt(rate)}% of messages`);
    warn("SLOW_RESPONSE", `${fmt(rate)}% response rate`);
  } else if (isNum(hours) && hours <= T.fast_response_hours) {
    add("response_time", "fast_response", `responds within ${fmt(hours)} h`);
  }
  const count = val("review_count");
  const rating = val("rating");
  if (isInt(count)) {
    if (count < T.min_reviews) {
      add("review_count", null, `${count} review(s): rating not weighed`);
      warn("FEW_REVIEWS", `${count}`);
    } else if (isNum(rating)) {
      if (rating >= T.high_rating) add("rating", "rating_high", `rated ${fmt(rating)} over ${count} reviews`);
      else if (rating < T.low_rating) add("rating", "rating_low", `rated ${fmt(rating)} over ${count} reviews`);
    }
  }

  if (val("gold_supplier") === true) {
    const goldYears = val("gold_years");
    const shown = isInt(goldYears) ? `Gold Supplier for ${goldYears} year(s). ` : "";
    add("gold_supplier", "gold_supplier_yes", shown + RULES.gold_reminder);
    if (!reasons.some((r) => r.effect > 0 && r.signal !== "gold_supplier")) warn("GOLD_BADGE_ALONE");
  }

  const nowMs = typeof now === "string" ? Date.parse(now) : now;
  const seen = lastSeen(supplier);
  if (seen !== null && nowMs - seen > staleAfterDays * DAY_MS) {
    warn("STALE_DATA", `seen ${new Date(seen).toISOString().slice(0, 10)}`);
  }
  const actions = warnings.map((w) => RULES.warnings[w.code].action);
  const knownCount = RULES.scored_signals.filter((name) => val(name) !== null).length;
  const base = { reasons, warnings, actions, methodology: RULES.methodology_version };
  if (knownCount < RULES.min_known_signals) {
    return { value: null, grade: null, status: "insufficient data", ...base };
  }
  const total = RULES.base_score + reasons.reduce((sum, r) => sum + r.effect, 0);
  const value = Math.max(0, Math.min(100, total));
  return { value, grade: gradeFor(value), status: "scored", ...base };
}

function parseTime(text) {
  if (typeof text !== "string" || !text) return null;
  // An ISO date without a zone is UTC (as in vetting.scoring._parse_time).
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`;
  const at = Date.parse(zoned);
  return Number.isNaN(at) ? null : at;
}

/** The newest observation time (last_checked wins when given), ms or null. */
export function lastSeen(supplier) {
  const checked = parseTime(supplier && supplier.last_checked);
  if (checked !== null) return checked;
  const times = Object.values((supplier && supplier.signals) || {})
    .map((s) => parseTime(s && s.observed_at)).filter((t) => t !== null);
  return times.length ? Math.max(...times) : null;
}
