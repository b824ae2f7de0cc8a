// The reader's inputs (inline script texts, module-data attributes) from raw HTML, for node and
// the tests; in the browser the content script takes them from the DOM instead. Pure.

const SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/gi;
const MODULE = /module-name="([\w-]+)"[^>]{0,400}?module-data='([^']*)'/g;
const MODULE_DQ = /module-name="([\w-]+)"[^>]{0,400}?module-data="([^"]*)"/g;

const unescapeAttr = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

export function htmlInputs(html) {
  const scripts = [...html.matchAll(SCRIPT)].map((m) => m[1]);
  const modules = [...html.matchAll(MODULE), ...html.matchAll(MODULE_DQ)]
    .map((m) => ({ name: m[1], data: unescapeAttr(m[2]) }));
  return { scripts, modules };
}
