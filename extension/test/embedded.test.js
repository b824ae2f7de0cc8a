import assert from "node:assert/strict";
import { test } from "node:test";

import { jsonAfter, suppliersFromSearch2022, suppliersFromSupplierSearch2024, uniqueSuppliers }
  from "../src/lib/embedded.js";

// Minimal scripts in the structure of the real pages (not copies of them).
const SEARCH_2022 = `
  window.__page__data__config = {"props":{"offerResultData":{"offerList":[
    {"supplier":{"supplierId":261038359,"supplierName":"A \\"quoted\\" } Co.","supplierHref":"//tengya.en.alibaba.com/company_profile.html"}},
    {"supplier":{"supplierId":10352871,"supplierName":"INDART","supplierHref":"//indartexports.trustpass.alibaba.com/company_profile.html"}},
    {"supplier":{"supplierId":"bad","supplierName":"No id"}}
  ]}}}
  window.__page__data = window.__page__data__config.props`;
const SUPPLIER_SEARCH_2024 = `window._PAGE_DATA_ = {"offerResultData":{"offerList":[
  {"companyId":"262055980","companyName":"Anping Dingtai","action":"//apdingtai.en.alibaba.com/company_profile.html"},
  {"companyId":"262055980","companyName":"Anping Dingtai (again)"}]}};`;

test("jsonAfter reads the value even with braces inside strings", () => {
  const data = jsonAfter(SEARCH_2022, "window.__page__data__config");
  assert.equal(data.props.offerResultData.offerList.length, 3);
});

const absent = [
  { id: "no marker", text: "var x = 1;" },
  { id: "not JSON after marker", text: "window._PAGE_DATA_ = function(){}" },
  { id: "truncated", text: 'window._PAGE_DATA_ = {"a": [1, 2' },
  { id: "not a string", text: null },
];
for (const c of absent) {
  test(`jsonAfter: ${c.id} gives null`, () => assert.equal(jsonAfter(c.text, "window._PAGE_DATA_"), null));
}

test("2022 search suppliers: ids, names, subdomains; entries without an id dropped", () => {
  const list = suppliersFromSearch2022(jsonAfter(SEARCH_2022, "window.__page__data__config"));
  assert.deepEqual(list, [
    { companyId: "261038359", name: 'A "quoted" } Co.', subdomain: "tengya" },
    { companyId: "10352871", name: "INDART", subdomain: "indartexports" },
  ]);
});

test("2024 supplier search suppliers, de-duplicated", () => {
  const list = uniqueSuppliers(suppliersFromSupplierSearch2024(
    jsonAfter(SUPPLIER_SEARCH_2024, "window._PAGE_DATA_")));
  assert.deepEqual(list, [{ companyId: "262055980", name: "Anping Dingtai", subdomain: "apdingtai" }]);
});

test("unexpected shapes give an empty list, never a throw", () => {
  assert.deepEqual(suppliersFromSearch2022(null), []);
  assert.deepEqual(suppliersFromSearch2022({ props: { offerResultData: { offerList: "x" } } }), []);
  assert.deepEqual(suppliersFromSupplierSearch2024({}), []);
});
