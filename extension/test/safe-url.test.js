import assert from "node:assert/strict";
import { test } from "node:test";

import { safeHttpsUrl, safeOrigin } from "../src/lib/safe-url.js";

const cases = [
  { id: "alibaba https", href: "https://apdingtai.en.alibaba.com/company_profile.html", ok: true },
  { id: "http refused", href: "http://apdingtai.en.alibaba.com/", ok: false },
  { id: "javascript refused", href: "javascript:alert(1)", ok: false },
  { id: "data refused", href: "data:text/html,<script>alert(1)</script>", ok: false },
  { id: "look-alike host refused", href: "https://alibaba.com.evil.example/", ok: false },
  { id: "suffix trick refused", href: "https://evilalibaba.com/", ok: false },
  { id: "credentials refused", href: "https://user:pw@www.alibaba.com/", ok: false },
  { id: "configured site origin", href: "https://reports.example.org/suppliers/1.html",
    extra: ["https://reports.example.org"], ok: true },
  { id: "http site origin never allowed", href: "http://reports.example.org/x",
    extra: ["http://reports.example.org"], ok: false },
  { id: "not a URL", href: "::", ok: false },
];
for (const c of cases) {
  test(`link: ${c.id}`, () => assert.equal(safeHttpsUrl(c.href, c.extra || []) !== null, c.ok));
}

test("origin of a base URL", () => {
  assert.equal(safeOrigin("https://reports.example.org/sub/"), "https://reports.example.org");
  assert.equal(safeOrigin("http://127.0.0.1:8000"), null);
});
