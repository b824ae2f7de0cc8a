// "Copy page structure" for a bug report when a page names suppliers but no card rule matched:
// selector hit counts and the skeleton of a few elements around supplier links (tag names,
// attribute names, class and data-* values cut short; text replaced by its length). No text,
// no URLs' query strings, no cookies: nothing personal leaves with it.

import { CARD_RULES, FALLBACK_STOREFRONT_LINKS } from "./selectors.js";

const MAX_SAMPLES = 3;
const MAX_DEPTH = 6;
const MAX_NODES = 300;
const KEEP = /^(class|data-[\w-]+|module-name|role|title)$/;

function skeleton(el, depth, budget) {
  if (budget.left <= 0) return "…";
  budget.left -= 1;
  const attrs = [...el.attributes].map((a) => {
    if (a.name === "href") return `href="${(a.value.split("?")[0] || "").slice(0, 80)}"`;
    return KEEP.test(a.name) ? `${a.name}="${a.value.slice(0, 80)}"` : a.name;
  });
  const open = `<${el.localName}${attrs.length ? ` ${attrs.join(" ")}` : ""}>`;
  const text = [...el.childNodes].filter((n) => n.nodeType === 3)
    .reduce((n, t) => n + t.textContent.trim().length, 0);
  const kids = depth < MAX_DEPTH ? [...el.children].map((c) => skeleton(c, depth + 1, budget)) : [];
  return `${open}${text ? `[${text} chars]` : ""}${kids.join("")}</${el.localName}>`;
}

/** The report: { url (no query), hits: {rule: count}, storefrontLinks, badges, samples }. */
export function pageStructure(doc, badges) {
  const hits = Object.fromEntries(CARD_RULES.map((r) => [r.kind,
    doc.querySelectorAll(r.card).length]));
  const links = [...doc.querySelectorAll(FALLBACK_STOREFRONT_LINKS)];
  const samples = links.slice(0, MAX_SAMPLES).map((link) => {
    let node = link;
    for (let i = 0; i < 3 && node.parentElement && node.parentElement !== doc.body; i += 1) {
      node = node.parentElement;
    }
    return skeleton(node, 0, { left: MAX_NODES });
  });
  const { origin, pathname } = doc.location || { origin: "", pathname: "" };
  return { url: `${origin}${pathname}`, hits, storefrontLinks: links.length, badges, samples };
}
