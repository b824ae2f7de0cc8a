// "Suppliers on this page": a small panel listing suppliers that the page names (embedded JSON,
// IDs, storefront links) but that have no recognised card, so a redesign degrades to a list
// instead of silence. Written with textContent only, in its own Shadow DOM.

import { badgeModel } from "../lib/badge-model.js";
import { adoptStyles } from "./styles.js";

export const PANEL_TAG = "supplier-vetting-panel";

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Draw (or redraw) the panel for `entries` [{ key, name }]; removes it when empty. */
export function renderPanel(doc, entries, results, order, context) {
  let host = doc.querySelector(PANEL_TAG);
  if (!entries.length) {
    if (host) host.remove();
    return null;
  }
  if (!host) {
    host = doc.createElement(PANEL_TAG);
    host.attachShadow({ mode: "open" });
    adoptStyles(host.shadowRoot);
    (doc.body || doc.documentElement).append(host);
  }
  host.dataset.count = String(entries.length);
  const box = el(doc, "section", "panel");
  box.setAttribute("aria-label", "Suppliers on this page");
  box.append(el(doc, "h3", null, `Suppliers on this page (${entries.length})`));
  const ul = el(doc, "ul");
  for (const entry of entries) {
    const model = badgeModel(results.get(entry.key), order, context.now);
    const li = el(doc, "li", `tone-${model.tone}`);
    li.dataset.supplier = entry.key;
    li.dataset.status = model.status;
    if (model.uncovered != null) li.dataset.uncovered = model.uncovered;
    if (model.remembered) li.dataset.remembered = "true";
    const name = (model.details && model.details.name) || entry.name || entry.key;
    li.append(el(doc, "span", "row-name", name), el(doc, "span", "grade", model.grade),
      el(doc, "span", "line", ` ${model.lines.join(" · ")}`));
    ul.append(li);
  }
  box.append(ul);
  host.shadowRoot.replaceChildren(box);
  return host;
}
