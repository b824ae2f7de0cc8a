// src/lib/ids.js against the shared ID vectors (tests/vectors/ids.json), the same file pytest
// runs vetting/ids.py against.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { isCompanyId, subdomainFromUrl } from "../src/lib/ids.js";

const VECTORS = new URL("../../tests/vectors/ids.json", import.meta.url);
const vectors = JSON.parse(readFileSync(VECTORS, "utf8"));

test("the shared ID vectors are there and not empty", () => {
  assert.ok(vectors.company_ids.length >= 10 && vectors.subdomains.length >= 10);
  assert.ok(vectors.reserved_subdomains.length >= 10);
});

for (const { id, text, company_id: expected } of vectors.company_ids) {
  test(`companyId vector: ${id}`, () => assert.equal(isCompanyId(text), expected));
}

for (const { id, url, subdomain } of vectors.subdomains) {
  test(`subdomain vector: ${id}`, () => assert.equal(subdomainFromUrl(url), subdomain));
}

for (const label of vectors.reserved_subdomains) {
  test(`reserved label ${label} is no storefront`, () => {
    for (const suffix of [".en.", ".m.en.", ".trustpass.", ".m.trustpass."]) {
      assert.equal(subdomainFromUrl(`https://${label}${suffix}alibaba.com/`), null);
    }
  });
}
