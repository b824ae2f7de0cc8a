//# allFunctionsCalledOnLoad
// What the page reader (lib/reader.js) reads, taken from the live DOM: inline script texts that
// carry a known marker, and module-data attributes. Bounded, so a 50 MB page costs a scan of
// its script heads, not a copy of the page.

import { BLOCK_SCAN_CHARS } from "../lib/blocked.js";
import SPEC from "../lib/readspec.js";
import SHARED from "../lib/readspec-shared.js";
import { MAX_SCRIPT_CHARS } from "../lib/reader.js";
import { MODULE_ELEMENTS } from "./selectors.js";

const MARKERS = [...SPEC.pages.filter((p) => p.marker).map((p) => p.marker),
  ...Object.values(SHARED.kinds).map((k) => k.locate.script_assignment).filter(Boolean)];
// One pass per script for every marker at once (a page has 100+ inline scripts).
const ANY_MARKER = new RegExp(MARKERS.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  .join("|"));
const MAX_MODULES = 200;
const SMALL_PAGE_ELEMENTS = 400; // interstitials are tiny: their whole markup is searched

export function pageInputs(doc) {
  const scripts = [];
  for (const script of doc.scripts) {
    if (script.src) continue;
    const text = script.textContent || "";
    if (text.length > MAX_SCRIPT_CHARS) continue;
    if (ANY_MARKER.test(text)) scripts.push(text);
  }
  const modules = [];
  for (const el of doc.querySelectorAll(MODULE_ELEMENTS)) {
    modules.push({ name: el.getAttribute("module-name"), data: el.getAttribute("module-data") });
    if (modules.length >= MAX_MODULES) break;
  }
  return { scripts, modules };
}

const MARKER_ATTRIBUTES = ["id", "class", "src", "href", "action", "name"];

/** The text searched for anti-bot markers: a small page's tags, attributes and scripts, else
 *  its scripts' heads (interstitials are tiny; a 50 MB page is not one). */
export function blockText(doc) {
  const all = doc.getElementsByTagName("*");
  let text = "";
  if (all.length < SMALL_PAGE_ELEMENTS) {
    for (const el of all) {
      text += ` ${el.localName}`;
      for (const attr of MARKER_ATTRIBUTES) text += ` ${el.getAttribute(attr) || ""}`;
      if (el.localName === "script") text += ` ${el.textContent || ""}`;
      if (text.length > BLOCK_SCAN_CHARS * 5) break;
    }
    return text;
  }
  for (const script of doc.scripts) {
    text += `${script.src || ""}\n${(script.textContent || "").slice(0, 500)}\n`;
    if (text.length > BLOCK_SCAN_CHARS) break;
  }
  return text;
}
