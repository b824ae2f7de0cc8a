// A card's visible text as lines, the way the browser lays it out and the way
// scrapers/pages/supplier_search_ai_2026.py reads it: a block element starts and ends a line, so
// <div><span>5.0</span>/5</div> is the line "5.0/5". Product tiles inside the card are skipped.
// Bounded: one pass with an explicit stack, at most MAX_NODES nodes (hostile nesting stays cheap).

import { cleanText } from "../lib/values.js";

const MAX_NODES = 5000;
const UNSEEN = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);
const END = Symbol("end of a block");

/** The lines of `card`'s visible text under `spec` (readspec `text_lines`). */
export function cardLines(card, spec) {
  const blocks = new Set(spec.block_elements.map((t) => t.toUpperCase()));
  const lines = [];
  let run = "";
  const endLine = () => {
    const text = cleanText(run);
    run = "";
    if (text) lines.push(text);
  };
  const stack = [...card.childNodes].reverse();
  for (let seen = 0; stack.length && seen < MAX_NODES; seen += 1) {
    const node = stack.pop();
    if (node === END) endLine();
    else if (node.nodeType === 1) {
      if (node.hasAttribute(spec.skip_attribute)) {
        endLine();
        continue;
      }
      if (UNSEEN.has(node.nodeName)) continue;
      if (blocks.has(node.nodeName)) {
        endLine();
        stack.push(END);
      }
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    } else if (node.nodeType === 3) run += node.data;
  }
  endLine();
  return lines;
}

/** "Sindh, PK": the text of the line holding the country flag, when that line stands alone. */
export function cardLocation(card, spec) {
  const blocks = new Set(spec.block_elements.map((t) => t.toUpperCase()));
  const flag = [...card.querySelectorAll("img")].find((img) =>
    img.getAttribute("alt") === spec.location_flag_alt);
  if (!flag) return null;
  let block = flag.parentElement;
  while (block && block !== card && !blocks.has(block.nodeName)) block = block.parentElement;
  if (!block || block === card) return null;
  const nested = spec.block_elements.join(",");
  if (block.querySelector(nested)) return null; // not a line of its own: no safe reading
  return cleanText(block.textContent || "");
}
