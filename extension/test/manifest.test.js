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

test("no tabs permission; hosts only alibaba.com and the local API", () => {
  assert.ok(!manifest.permissions.includes("tabs"));
  for (const host of manifest.host_permissions) {
    assert.match(host, /^(\*:\/\/\*\.alibaba\.com\/\*|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/\*)$/);
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
