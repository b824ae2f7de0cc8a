//# allFunctionsCalledOnLoad
// One badge: a host element with a Shadow DOM, written with textContent only (scraped and API
// text is untrusted). A click or Enter toggles the details; links pass the https allowlist.

import { safeHttpsUrl } from "../lib/safe-url.js";
import { adoptStyles } from "./styles.js";

export const HOST_TAG = "supplier-vetting-badge";
const GLYPHS = { good: "✓", warn: "!", danger: "⚠", none: "?" };

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Create the (empty) badge host at `anchor` (or the card's end); returns the handle. */
export function createBadge(card, anchorSelector, key) {
  const doc = card.ownerDocument;
  const host = doc.createElement(HOST_TAG);
  host.dataset.supplier = key;
  const shadow = host.attachShadow({ mode: "open" });
  adoptStyles(shadow);
  const anchor = anchorSelector ? card.querySelector(anchorSelector) : null;
  if (anchor) anchor.prepend(host);
  else card.append(host);
  return { host, shadow, key, open: false };
}

/** (Re)draw a badge from its model (`badgeModel`: the lookup result and the planned order; one
 *  model may serve every card of the same supplier: it is only read here). */
export function renderBadge(handle, model, context) {
  const doc = handle.host.ownerDocument;
  const { host, shadow } = handle;
  host.dataset.status = model.status;
  host.dataset.grade = model.grade;
  host.dataset.tone = model.tone;
  if (model.uncovered != null) host.dataset.uncovered = model.uncovered;
  else delete host.dataset.uncovered;
  if (model.remembered) host.dataset.remembered = "true";
  else delete host.dataset.remembered;
  const button = el(doc, "button", `badge tone-${model.tone}`);
  button.type = "button";
  button.setAttribute("aria-label", model.label);
  button.setAttribute("aria-expanded", String(handle.open));
  button.append(el(doc, "span", "glyph", GLYPHS[model.tone]),
    el(doc, "span", "grade", model.grade));
  model.lines.forEach((line, i) => {
    const danger = model.tone === "danger" && i === model.lines.length - 1;
    button.append(el(doc, "span", danger ? "line flag" : "line", line));
  });
  // The details are built when first opened: a page of 60 badges rarely opens one.
  let panel = null;
  const showDetails = () => {
    if (!panel && model.details && handle.open) {
      panel = detailsPanel(doc, model.details, context);
      shadow.append(panel);
    }
    if (panel) panel.hidden = !handle.open;
  };
  button.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopPropagation(); // the card is a link: the badge must not navigate
    handle.open = !handle.open;
    button.setAttribute("aria-expanded", String(handle.open));
    showDetails();
  });
  shadow.replaceChildren(button);
  showDetails();
}

function list(doc, title, items) {
  if (!items.length) return [];
  const ul = el(doc, "ul");
  for (const item of items) ul.append(el(doc, "li", null, item));
  return [el(doc, "h4", null, title), ul];
}

function detailsPanel(doc, details, context) {
  const box = el(doc, "div", "details");
  box.setAttribute("role", "region");
  box.append(el(doc, "div", "name", details.name), el(doc, "div", null,
    `Score ${details.score} · ${details.age}`));
  box.append(...list(doc, "Why", details.reasons), ...list(doc, "Warnings", details.warnings),
    ...list(doc, "Next steps", details.actions), ...list(doc, "Where and when seen", details.seen || []));
  const compare = el(doc, "button", "compare", "Compare suppliers");
  compare.type = "button";
  compare.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopPropagation();
    chrome.runtime.sendMessage({ type: "open-compare" }).catch(() => {});
  });
  box.append(compare);
  const report = context.siteBase
    ? safeHttpsUrl(`${context.siteBase}/suppliers/${encodeURIComponent(details.supplierId)}.html`,
      [context.siteBase])
    : null;
  if (report) {
    const link = el(doc, "a", null, "Full report");
    link.href = report;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    box.append(link);
  }
  return box;
}
