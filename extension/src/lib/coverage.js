//# allFunctionsCalledOnLoad
// The order check of vetting/orders.py (check_order + vetting/order_input.py parsing), in
// JavaScript: how much of the buyer's planned order Trade Assurance covers. Pure, DOM-free and
// dependency-free except decimal.js beside it (the static site copies both files). Pinned to the
// Python code by the shared vectors in tests/vectors/coverage.json.
//
// Rules: no TA mark, no refund (seed 1); above the limit only the limit is refunded (seed 2);
// pre-shipment protects only the deposit, the balance is exposed (seed 3); off-platform payments
// are never covered (Alibaba help); a TA mark without a shown limit means coverage is unknown.

import * as D from "./decimal.js";

export const PAYMENT_ROUTES = ["ta", "off-platform"];
export const COVERAGE_TYPES = ["post-delivery", "pre-shipment"];
export const MAX_ORDER_VALUE = D.parse("1000000000000");
export const FLAGS = Object.freeze({
  NO_TRADE_ASSURANCE: "NO_TRADE_ASSURANCE",
  TRADE_ASSURANCE_UNKNOWN: "TRADE_ASSURANCE_UNKNOWN",
  OFF_PLATFORM_PAYMENT: "OFF_PLATFORM_PAYMENT",
  COVERAGE_LIMIT_UNKNOWN: "COVERAGE_LIMIT_UNKNOWN",
  ORDER_ABOVE_COVERAGE: "ORDER_ABOVE_COVERAGE",
});

export class OrderError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

const cents = (d) => D.round(d, 2);
const CURRENCY = /^[A-Za-z]{3}$/;

function number(text, field) {
  if (typeof text === "boolean" || text === null || text === undefined) {
    throw new OrderError(field, `not a number: ${text}`);
  }
  const value = D.parse(String(text));
  if (!value) throw new OrderError(field, `not a number: ${text}`);
  return value;
}

function currency(text, field = "currency") {
  if (typeof text !== "string" || !CURRENCY.test(text.trim())) {
    throw new OrderError(field, `not a currency code: ${text}`);
  }
  return text.trim().toUpperCase();
}

function choice(text, field, choices, fallback) {
  if (text === null || text === undefined || text === "") return fallback;
  const value = String(text).trim().toLowerCase();
  if (!choices.includes(value)) throw new OrderError(field, `must be one of ${choices}`);
  return value;
}

function parseDeposit(text) {
  if (text === null || text === undefined || String(text).trim() === "") return null;
  const raw = String(text).trim();
  if (raw.endsWith("%")) return { percent: number(raw.slice(0, -1), "deposit"), amount: null };
  return { percent: null, amount: number(raw, "deposit") };
}

function parseRate(spec) {
  if (spec === null || spec === undefined || spec === "") return null;
  if (typeof spec !== "object") throw new OrderError("rate", "expected {from, to, rate}");
  const from = currency(spec.from, "rate");
  const to = currency(spec.to, "rate");
  if (from === to) throw new OrderError("rate", "a rate joins two different currencies");
  const rate = number(spec.rate, "rate");
  if (!D.isPositive(rate)) throw new OrderError("rate", "the rate must be a positive number");
  return { from, to, rate, text: String(spec.rate).trim(), date: spec.date ?? null };
}

/** The validated order from the vectors' `input` shape (strings for amounts). */
export function parseOrder(input) {
  if (!input || typeof input !== "object") throw new OrderError("body", "expected an object");
  const value = input.order_value ?? input.value;
  if (value === null || value === undefined) throw new OrderError("order_value", "missing");
  const order = {
    value: number(value, "order_value"),
    currency: currency(input.currency == null || input.currency === "" ? "USD" : input.currency),
    deposit: parseDeposit(input.deposit),
    payment: choice(input.payment, "payment", PAYMENT_ROUTES, "ta"),
    coverage: choice(input.coverage, "coverage", COVERAGE_TYPES, "post-delivery"),
    rate: parseRate(input.rate),
  };
  validate(order);
  return order;
}

function validate(order) {
  if (!D.isPositive(order.value)) throw new OrderError("order_value", "must be positive");
  if (D.cmp(order.value, MAX_ORDER_VALUE) > 0) throw new OrderError("order_value", "too large");
  const dep = order.deposit;
  if (dep && dep.percent && (dep.percent.n < 0n || D.cmp(dep.percent, D.parse("100")) > 0)) {
    throw new OrderError("deposit", "a percentage must be between 0 and 100");
  }
  if (dep && dep.amount && (dep.amount.n < 0n || D.cmp(dep.amount, order.value) > 0)) {
    throw new OrderError("deposit", "the amount must be between 0 and the order value");
  }
}

function depositOf(deposit, value) {
  if (deposit.percent) {
    const product = D.mul(value, deposit.percent);
    return cents({ n: product.n, s: product.s + 2 }); // ÷ 100
  }
  return deposit.amount ?? D.ZERO;
}

function limitIn(limit, order) {
  if (limit.currency === order.currency) return limit.amount;
  const rate = order.rate;
  if (!rate) {
    throw new OrderError("rate", `order in ${order.currency}, limit in ${limit.currency}`);
  }
  if (limit.currency === rate.from && order.currency === rate.to) {
    return cents(D.mul(limit.amount, rate.rate));
  }
  if (limit.currency === rate.to && order.currency === rate.from) {
    return cents(D.div(limit.amount, rate.rate));
  }
  throw new OrderError("rate", `the rate does not join ${limit.currency} and ${order.currency}`);
}

const fmt = (d, cur) => `${D.toString(cents(d)).replace(/\.00$/, "")} ${cur}`;

/** Covered / uncovered parts of the order, flags in the order Python emits them. */
function split(order, tradeAssurance, limit) {
  const { value } = order;
  const deposit = order.deposit ? depositOf(order.deposit, value) : null;
  const preShipment = order.coverage === "pre-shipment";
  if (preShipment && !(deposit && D.isPositive(deposit))) {
    throw new OrderError("deposit", "pre-shipment coverage protects the advance payment: give it");
  }
  const protectable = preShipment ? deposit : value;
  const flags = [];
  const parts = [];
  const flag = (code, message) => flags.push({ code, message });
  let cap = null;
  if (tradeAssurance === false) {
    flag(FLAGS.NO_TRADE_ASSURANCE, "No Trade Assurance: none of this order is covered.");
  }
  if (tradeAssurance === null && !limit) {
    flag(FLAGS.TRADE_ASSURANCE_UNKNOWN, "Trade Assurance status is unknown.");
  }
  if (order.payment === "off-platform") {
    flag(FLAGS.OFF_PLATFORM_PAYMENT, "Paid off-platform: Trade Assurance covers none of it.");
  }
  if (tradeAssurance === false) {
    parts.push({ amount: value, status: "uncovered", reason: "NO_TRADE_ASSURANCE" });
  } else if (order.payment === "off-platform") {
    parts.push({ amount: value, status: "uncovered", reason: "OFF_PLATFORM" });
  } else if (!limit) {
    flag(FLAGS.COVERAGE_LIMIT_UNKNOWN, "The coverage limit is unknown.");
    parts.push({ amount: protectable, status: "unknown",
      reason: tradeAssurance ? "LIMIT_UNKNOWN" : "TRADE_ASSURANCE_UNKNOWN" });
  } else {
    cap = limitIn(limit, order);
    const covered = D.min(protectable, cap);
    parts.push({ amount: covered, status: "covered", reason: "WITHIN_LIMIT" });
    if (D.cmp(protectable, covered) > 0) {
      const above = D.sub(protectable, covered);
      parts.push({ amount: above, status: "uncovered", reason: "ABOVE_LIMIT" });
      const what = D.cmp(protectable, value) < 0 ? "the advance payment" : "this order";
      flag(FLAGS.ORDER_ABOVE_COVERAGE, `${fmt(above, order.currency)} of ${what} is above ` +
        `the supplier's ${fmt(cap, order.currency)} Trade Assurance limit and is not covered.`);
    }
  }
  const whole = parts.some((p) => p.reason === "NO_TRADE_ASSURANCE" || p.reason === "OFF_PLATFORM");
  if (D.cmp(protectable, value) < 0 && !whole) {
    parts.push({ amount: D.sub(value, protectable), status: "uncovered",
      reason: "BALANCE_NOT_COVERED" });
  }
  return { flags, parts, cap };
}

function limitMoney(taLimit) {
  if (!taLimit || taLimit.amount === null || taLimit.amount === undefined) return null;
  const amount = D.parse(String(taLimit.amount));
  if (!amount) return null;
  return { amount, currency: String(taLimit.currency || "USD").toUpperCase() };
}

/**
 * The check for one supplier. `input` is the vectors' shape: order_value, currency, deposit,
 * payment, coverage, trade_assurance, ta_limit {amount, currency} and rate. Returns
 * { covered, uncovered, flags: [{code, message}], parts, limitInOrderCurrency } with amounts as
 * strings rounded to cents (null when unknown), or { error: { field, message } } for bad input.
 */
export function checkCoverage(input) {
  try {
    const order = parseOrder(input);
    const ta = input.trade_assurance === true ? true : input.trade_assurance === false ? false
      : null;
    const { flags, parts, cap } = split(order, ta, limitMoney(input.ta_limit));
    const kept = parts.filter((p) => D.isPositive(p.amount));
    const shown = kept.length ? kept : parts.slice(0, 1);
    const unknown = shown.some((p) => p.status === "unknown");
    let covered = null;
    let uncovered = null;
    if (!unknown) {
      const sum = shown.filter((p) => p.status === "covered")
        .reduce((acc, p) => D.add(acc, p.amount), D.ZERO);
      covered = cents(sum);
      uncovered = cents(D.sub(order.value, covered));
    }
    const str = (d) => (d === null ? null : D.toString(d));
    return {
      value: D.toString(order.value),
      currency: order.currency,
      covered: str(covered),
      uncovered: str(uncovered),
      flags,
      parts: shown.map((p) => ({ ...p, amount: D.toString(p.amount) })),
      limitInOrderCurrency: str(cap),
      rate: order.rate
        ? { from: order.rate.from, to: order.rate.to, rate: order.rate.text, date: order.rate.date }
        : null,
    };
  } catch (err) {
    if (err instanceof OrderError) return { error: { field: err.field, message: err.message } };
    throw err;
  }
}
