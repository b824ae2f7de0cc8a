// Coverage calculator on a supplier report: the form's fields → the extension's checkCoverage
// (copied beside this file at build time: one implementation, pinned by the shared vectors)
// → plain sentences. Everything shown is set through textContent.
import { checkCoverage } from "./coverage.js";

const TRI = { yes: true, no: false };

/** The vectors' input shape from the form fields and the supplier's data-* attributes. */
export function inputFromForm(fields, supplier) {
  const orderCurrency = (fields.currency || supplier.currency || "USD").trim();
  let rate = fields.rate ?? null;
  if (typeof rate === "string") {
    rate = rate.trim() === "" ? null
      : { from: supplier.currency, to: orderCurrency, rate: rate.trim(), date: fields.rateDate || null };
  }
  return {
    order_value: fields.order_value,
    currency: orderCurrency,
    deposit: fields.deposit == null || String(fields.deposit).trim() === "" ? null : fields.deposit,
    payment: fields.payment || "ta",
    coverage: fields.coverage || "post-delivery",
    trade_assurance: supplier.ta in TRI ? TRI[supplier.ta] : null,
    ta_limit: supplier.limit ? { amount: supplier.limit, currency: supplier.currency } : null,
    rate,
  };
}

export function compute(fields, supplier) {
  return checkCoverage(inputFromForm(fields, supplier));
}

function grouped(amount) {
  const [whole, frac] = String(amount).replace(/\.00$/, "").split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? "." + frac : "");
}

const FIELD_NAMES = {
  order_value: "Order value", deposit: "Deposit", currency: "Currency", rate: "Exchange rate",
  payment: "Payment", coverage: "Coverage",
};

/** Result → lines of text, each {text, flag}. */
export function describe(result) {
  if (result.error) {
    const name = FIELD_NAMES[result.error.field] || result.error.field;
    return [{ text: `${name}: ${result.error.message}`, flag: true }];
  }
  const cur = result.currency;
  const lines = [];
  if (result.covered === null) {
    lines.push({ text: "Covered: unknown (the limit or the Trade Assurance status is not shown).", flag: false });
  } else {
    lines.push({ text: `Covered: ${grouped(result.covered)} ${cur}. Not covered: ${grouped(result.uncovered)} ${cur}.`, flag: false });
  }
  // The shared check's messages print bare amounts ("13000 USD"): group them like the rest.
  for (const f of result.flags) {
    lines.push({ text: f.message.replace(/\d{4,}(?:\.\d+)?/g, grouped), flag: true, code: f.code });
  }
  return lines;
}

export function bind(doc) {
  const form = doc.getElementById("calc");
  if (!form) return;
  const out = doc.getElementById("c-out");
  const supplier = { ta: form.dataset.ta, limit: form.dataset.limit, currency: form.dataset.currency };
  const read = () => ({
    order_value: form.elements.order_value.value,
    deposit: form.elements.deposit.value,
    payment: form.elements.payment.value,
    coverage: form.elements.coverage.value,
    currency: form.elements.currency.value,
    rate: form.elements.rate.value,
  });
  const show = () => {
    out.replaceChildren();
    if (form.elements.order_value.value.trim() === "") return;
    for (const line of describe(compute(read(), supplier))) {
      const p = doc.createElement("span");
      p.textContent = line.text;
      p.className = line.flag ? "flag" : "sum";
      if (line.code) p.dataset.code = line.code;
      out.append(p);
    }
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); show(); });
  form.addEventListener("input", show);
  form.hidden = false;
}

if (typeof document !== "undefined") bind(document);
