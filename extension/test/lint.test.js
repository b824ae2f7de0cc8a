// The lint rules are part of the tests: no innerHTML-style sinks, no eval, no remote code.
import assert from "node:assert/strict";
import { test } from "node:test";

test("eslint (no-unsanitized and friends) passes on src/ and test/", async () => {
  let ESLint;
  try {
    ({ ESLint } = await import("eslint"));
  } catch {
    assert.fail("eslint is not installed: run `npm install` in extension/ (make test does)");
  }
  const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });
  const results = await eslint.lintFiles(["src", "test"]);
  const problems = results.flatMap((r) => r.messages.map((m) =>
    `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
  assert.deepEqual(problems, []);
});

test("the lint really catches an innerHTML sink", async () => {
  const { ESLint } = await import("eslint");
  const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });
  const [result] = await eslint.lintText("export function f(el, name) { el.innerHTML = name; }",
    { filePath: "src/content/probe.js" });
  assert.ok(result.messages.some((m) => m.ruleId === "no-unsanitized/property"));
});
