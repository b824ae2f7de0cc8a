// The popup: the planned order (value, currency, deposit, payment route, coverage type), saved
// to storage (open pages redraw their badges locally from storage.onChanged); the compare view;
// and, when this tab names suppliers but no card matched, "copy page structure" for a report.

import { DEFAULT_ORDER, normaliseOrder } from "../lib/settings.js";

const form = document.getElementById("order");
const status = document.getElementById("status");
const report = document.getElementById("report");

function fill(order) {
  for (const [name, value] of Object.entries(order)) {
    if (form.elements[name]) form.elements[name].value = value;
  }
}

async function save(raw) {
  const { order, errors } = normaliseOrder(raw);
  const problems = Object.values(errors);
  if (problems.length) {
    status.textContent = problems.join("; ");
    return;
  }
  await chrome.storage.local.set({ order });
  status.textContent = order.value ? "Badges updated." : "Order check off.";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  save(Object.fromEntries(new FormData(form)));
});
document.getElementById("clear").addEventListener("click", () => {
  fill(DEFAULT_ORDER);
  save(DEFAULT_ORDER);
});
document.getElementById("compare").addEventListener("click", () => {
  chrome.tabs.create({ url: chrome.runtime.getURL("src/compare/compare.html") });
});
chrome.storage.local.get("order").then(({ order }) => fill(normaliseOrder(order).order));

async function offerReport() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab || tab.id === undefined) return;
  const structure = await chrome.tabs.sendMessage(tab.id, { type: "page-structure" });
  if (!structure || structure.badges > 0 || structure.storefrontLinks === 0) return;
  report.hidden = false;
  document.getElementById("copy-structure").addEventListener("click", async () => {
    const text = JSON.stringify(structure, null, 2);
    document.documentElement.dataset.lastCopy = text;
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Page structure copied: paste it into a bug report.";
    } catch {
      status.textContent = "The browser refused the clipboard.";
    }
  });
}
offerReport().catch(() => {}); // not an Alibaba tab: nothing to report
