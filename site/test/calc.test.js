// The report page's coverage calculator glue (site/static/calc.js) against the shared vectors.
// The site build copies the extension's coverage.js (and decimal.js) beside calc.js; this test
// assembles the same directory so it runs exactly what ships.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "site-calc-"));
// Node 18 treats a .js file as CommonJS unless a package.json beside it says otherwise.
writeFileSync(join(dir, "package.json"), '{"type": "module"}\n');
cpSync(join(root, "site", "static", "calc.js"), join(dir, "calc.js"));
for (const name of ["coverage.js", "decimal.js"]) {
  cpSync(join(root, "extension", "src", "lib", name), join(dir, name));
}
const calc = await import(pathToFileURL(join(dir, "calc.js")).href);
const vectors = JSON.parse(readFileSync(join(root, "tests", "vectors", "coverage.json"), "utf8"));

// The form's fields and the report's data-* attributes that express one vector's input.
function formFor(input) {
  const ta = input.trade_assurance === true ? "yes" : input.trade_assurance === false ? "no" : "unknown";
  const limit = input.ta_limit;
  const supplier = {
    ta,
    limit: limit ? String(limit.amount) : "",
    currency: limit ? limit.currency : input.currency,
  };
  const fields = {
    order_value: input.order_value,
    currency: input.currency,
    deposit: input.deposit ?? "",
    payment: input.payment,
    coverage: input.coverage,
    rate: input.rate,
  };
  return { fields, supplier };
}

const cents = (s) => (s === null ? null : Math.round(Number(s) * 100));

for (const c of vectors.cases) {
  test(`vector ${c.id}`, () => {
    const { fields, supplier } = formFor(c.input);
    const result = calc.compute(fields, supplier);
    if (c.expected.error) {
      assert.equal(result.error?.field, c.expected.error.field);
      const lines = calc.describe(result);
      assert.equal(lines.length, 1);
      assert.ok(lines[0].flag);
      return;
    }
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(cents(result.covered), cents(c.expected.covered));
    assert.equal(cents(result.uncovered), cents(c.expected.uncovered));
    assert.deepEqual(result.flags.map((f) => f.code), c.expected.flags);
    const lines = calc.describe(result);
    assert.equal(lines.filter((l) => l.flag).length, c.expected.flags.length);
    if (c.expected.covered !== null) assert.match(lines[0].text, /^Covered: [\d,.]+ [A-Z]{3}\./);
  });
}

test("the rate field's text means 1 limit-currency unit in the order currency", () => {
  const supplier = { ta: "yes", limit: "10000", currency: "USD" };
  const result = calc.compute(
    { order_value: "20000", currency: "EUR", rate: "0.92", payment: "ta", coverage: "post-delivery" },
    supplier,
  );
  assert.equal(cents(result.covered), 920000);
  assert.equal(cents(result.uncovered), 1080000);
  assert.equal(calc.compute({ order_value: "20000", currency: "EUR" }, supplier).error.field, "rate");
});

test("an empty deposit is no deposit, and grouping keeps exact cents", () => {
  const supplier = { ta: "yes", limit: "46000", currency: "USD" };
  const result = calc.compute({ order_value: "1234567.89", deposit: "  " }, supplier);
  const [first] = calc.describe(result);
  assert.equal(first.text, "Covered: 46,000 USD. Not covered: 1,188,567.89 USD.");
});
