//# allFunctionsCalledOnLoad
// Exact decimal arithmetic on BigInt (amounts must never pass through binary floating point
// before rounding to cents). A value is { n: BigInt, s: scale } meaning n / 10^s. Pure.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const DIVISION_SCALE = 12; // digits kept after the point when dividing

export function parse(text) {
  const source = typeof text === "number" ? String(text) : text;
  if (typeof source !== "string") return null;
  const match = DECIMAL.exec(source.trim().replace(/,/g, ""));
  if (!match) return null;
  const frac = match[3] || "";
  const n = BigInt(match[2] + frac) * (match[1] === "-" ? -1n : 1n);
  return { n, s: frac.length };
}

function align(a, b) {
  const s = Math.max(a.s, b.s);
  return [a.n * 10n ** BigInt(s - a.s), b.n * 10n ** BigInt(s - b.s), s];
}

export const add = (a, b) => { const [x, y, s] = align(a, b); return { n: x + y, s }; };
export const sub = (a, b) => { const [x, y, s] = align(a, b); return { n: x - y, s }; };
export const mul = (a, b) => ({ n: a.n * b.n, s: a.s + b.s });
export const cmp = (a, b) => { const [x, y] = align(a, b); return x < y ? -1 : x > y ? 1 : 0; };
export const min = (a, b) => (cmp(a, b) <= 0 ? a : b);
export const max = (a, b) => (cmp(a, b) >= 0 ? a : b);
export const ZERO = { n: 0n, s: 0 };
export const isPositive = (a) => a.n > 0n;

export function div(a, b) {
  if (b.n === 0n) throw new RangeError("division by zero");
  const [x, y] = align(a, b);
  const scaled = (x * 10n ** BigInt(DIVISION_SCALE + 1)) / y;
  return round({ n: scaled, s: DIVISION_SCALE + 1 }, DIVISION_SCALE);
}

/** Round half away from zero (= half-up for the non-negative amounts used here). */
export function round(a, places) {
  if (a.s <= places) return { n: a.n * 10n ** BigInt(places - a.s), s: places };
  const factor = 10n ** BigInt(a.s - places);
  const sign = a.n < 0n ? -1n : 1n;
  const abs = a.n * sign;
  let q = abs / factor;
  if ((abs % factor) * 2n >= factor) q += 1n;
  return { n: q * sign, s: places };
}

/** Plain string, trailing zeros kept only to `places` (e.g. "15000.00"). */
export function toString(a) {
  const sign = a.n < 0n ? "-" : "";
  const digits = (a.n < 0n ? -a.n : a.n).toString().padStart(a.s + 1, "0");
  if (a.s === 0) return sign + digits;
  return `${sign}${digits.slice(0, -a.s)}.${digits.slice(-a.s)}`;
}
