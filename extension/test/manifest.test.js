// The manifest's promises: MV3, no tabs permission, narrow hosts, strict CSP, Firefox id.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", root), "utf8"));

test("Manifest V3 with a module service worker, for Chromium and Firefox", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.type, "module");
  assert.ok(manifest.browser_specific_settings.gecko.id);
});

test("no tabs permission; granted hosts: https alibaba.com only (no http, no localhost)", () => {
  assert.ok(!manifest.permissions.includes("tabs"));
  assert.deepEqual(manifest.host_permissions, ["https://*.alibaba.com/*"]);
  for (const script of manifest.content_scripts) {
    assert.deepEqual(script.matches, ["https://*.alibaba.com/*"]);
  }
});

test("an API or mirror origin is optional, requested at runtime", () => {
  assert.ok(manifest.optional_host_permissions.includes("https://*/*"));
  for (const host of manifest.optional_host_permissions) {
    assert.match(host, /^(https:\/\/\*\/\*|http:\/\/(127\.0\.0\.1|localhost)\/\*)$/);
  }
});

// The modules the content script imports (transitively) from main.js: exactly these, and
// nothing else, are web-accessible (MV3 needs them so for the dynamic import in loader.js).
function contentGraph(entry = "src/content/main.js", seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(new URL(entry, root), "utf8");
  for (const [, spec] of text.matchAll(/^\s*(?:import|export)[^;]*?from\s+"(\.[^"]+)"/gms)) {
    const path = new URL(spec, new URL(entry, root)).pathname;
    contentGraph(path.slice(new URL(root).pathname.length), seen);
  }
  return seen;
}

test("web-accessible: only the content script's module graph, only on alibaba.com", () => {
  const [entry, ...rest] = manifest.web_accessible_resources;
  assert.equal(rest.length, 0);
  assert.deepEqual(entry.matches, ["https://*.alibaba.com/*"]);
  assert.deepEqual([...entry.resources].sort(), [...contentGraph()].sort());
  for (const file of ["src/background/worker.js", "src/lib/memory.js", "src/popup/popup.js"]) {
    assert.ok(!entry.resources.includes(file), file);
  }
});

test("strict CSP for extension pages: own scripts only, no eval, no objects", () => {
  const csp = manifest.content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /object-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|https?:/);
});

test("every file the manifest names exists", () => {
  const files = [manifest.background.service_worker, manifest.action.default_popup,
    manifest.options_ui.page, ...manifest.content_scripts.flatMap((c) => c.js)];
  for (const file of files) assert.ok(existsSync(new URL(file, root)), file);
});
