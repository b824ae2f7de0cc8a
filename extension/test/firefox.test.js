// Firefox compatibility: Mozilla's own add-on validator (addons-linter) on the packaged files.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("..", import.meta.url).pathname;
const linter = join(root, "node_modules", "addons-linter", "bin", "addons-linter");
// addons-linter needs Node 20+; under an older node (Debian 12's 18) `make test-extension`
// installs Node 20 from npm into .node20/ for it alone.
const NODE20 = join(root, ".node20", "node_modules", ".bin", "node");
const linterNode = Number(process.versions.node.split(".")[0]) >= 20 ? process.execPath : NODE20;

test("addons-linter: no errors and no warnings on the extension as shipped", () => {
  assert.ok(existsSync(linter), "addons-linter missing: run `npm install` in extension/");
  assert.ok(existsSync(linterNode), `Node ${process.version} is too old for addons-linter: run \`make test-extension\` (it installs Node 20 into extension/.node20)`);
  // Only what ships (manifest + src), not node_modules or tests.
  const stage = mkdtempSync(join(tmpdir(), "sv-ext-"));
  try {
    cpSync(join(root, "manifest.json"), join(stage, "manifest.json"));
    cpSync(join(root, "src"), join(stage, "src"), { recursive: true });
    let out;
    try {
      out = execFileSync(linterNode, [linter, "--output", "json", "--self-hosted", stage], { encoding: "utf8" });
    } catch (err) {
      out = err.stdout; // exit code 1 when there are errors; the JSON says which
    }
    const report = JSON.parse(out);
    const problems = [...report.errors, ...report.warnings]
      // Chromium needs background.service_worker; Firefox uses background.scripts beside it.
      .filter((m) => m.code !== "BACKGROUND_SERVICE_WORKER_IGNORED")
      .map((m) => `${m.code} ${m.file || ""}:${m.line || ""} ${m.message}`);
    assert.deepEqual(problems, []);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
});
