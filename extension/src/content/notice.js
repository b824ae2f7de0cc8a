// One small notice in its own Shadow DOM ("Alibaba is showing a verification page: nothing
// read"), so a blocked page says why there are no badges instead of staying silent.

import { adoptStyles } from "./styles.js";

export const NOTICE_TAG = "supplier-vetting-notice";

export function renderNotice(doc, text) {
  let host = doc.querySelector(NOTICE_TAG);
  if (!host) {
    host = doc.createElement(NOTICE_TAG);
    host.attachShadow({ mode: "open" });
    adoptStyles(host.shadowRoot);
    (doc.body || doc.documentElement).append(host);
  }
  const box = doc.createElement("p");
  box.className = "notice";
  box.setAttribute("role", "status");
  box.textContent = text;
  host.shadowRoot.replaceChildren(box);
  return host;
}
