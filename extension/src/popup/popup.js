// The popup: the planned order (value, currency, deposit, payment route, coverage type). Saving
// it to storage is all it does; open pages redraw their badges locally from storage.onChanged.

import { DEFAULT_ORDER, normaliseOrder } from "../lib/settings.js";

const form = document.getElementById("order");
const status = document.getElementById("status");

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
chrome.storage.local.get("order").then(({ order }) => fill(normaliseOrder(order).order));
