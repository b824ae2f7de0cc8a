import assert from "node:assert/strict";
import { test } from "node:test";

import { companyIdFromJsonText, companyIdFromTrackInfo, lookupKey, subdomainFromUrl }
  from "../src/lib/ids.js";

const TRACK = "pageid:1c02@@pid:601_0000_0101@@product_id:1600497759726@@page_number:1" +
  "@@rlt_rank:0@@company_id:265503263@@p4pid:1c02@@country_id:LK";
const trackCases = [
  { id: "gallery data-trackinfo", text: TRACK, out: "265503263" },
  { id: "list data-params", text: `floorName=x&index=0&trackInfo=${TRACK}&is_p4p=true`, out: "265503263" },
  { id: "product_id is not company_id", text: "product_id:1600497759726", out: null },
  { id: "too short to be an id", text: "@@company_id:12", out: null },
  { id: "missing", text: "", out: null },
  { id: "not a string", text: undefined, out: null },
];
for (const c of trackCases) {
  test(`track info: ${c.id}`, () => assert.equal(companyIdFromTrackInfo(c.text), c.out));
}

const jsonCases = [
  { id: "number", text: '{"seller":{"companyId":259052175,"x":1}}', out: "259052175" },
  { id: "string", text: '"companyId":"262055980"', out: "262055980" },
  { id: "absent", text: '"aliMemberId":254865163', out: null },
];
for (const c of jsonCases) {
  test(`json text: ${c.id}`, () => assert.equal(companyIdFromJsonText(c.text), c.out));
}

const urlCases = [
  { id: "storefront profile", href: "https://jinqisportswear.en.alibaba.com/company_profile.html", out: "jinqisportswear" },
  { id: "protocol-relative", href: "//delannoe.en.alibaba.com/company_profile.html", out: "delannoe" },
  { id: "mobile storefront", href: "https://zhenbenchina.m.en.alibaba.com/?x=1", out: "zhenbenchina" },
  { id: "trustpass", href: "//indartexports.trustpass.alibaba.com/", out: "indartexports" },
  { id: "www is not a supplier", href: "https://www.alibaba.com/product-detail/x_1.html", out: null },
  { id: "look-alike host", href: "https://evil.en.alibaba.com.example.org/", out: null },
  { id: "relative link", href: "/trade/search", out: null },
  { id: "junk", href: "http://[", out: null },
];
for (const c of urlCases) {
  test(`subdomain: ${c.id}`, () => assert.equal(subdomainFromUrl(c.href), c.out));
}

test("lookup key prefers the companyId, falls back to the subdomain", () => {
  assert.equal(lookupKey({ companyId: "259052175", subdomain: "jinqisportswear" }), "259052175");
  assert.equal(lookupKey({ companyId: null, subdomain: "zhenbenchina" }), "zhenbenchina");
  assert.equal(lookupKey({ companyId: "12", subdomain: null }), null);
  assert.equal(lookupKey(null), null);
});
