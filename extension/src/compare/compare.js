// The compare view: every remembered supplier in one sortable table (header buttons with
// aria-sort), CSV download, TSV copy, JSON export and "forget everything". Text only.

import { COLUMNS, compareRows, sortRows, toCsv, toTsv, UNKNOWN } from "../lib/compare-table.js";
import { everything, exportJson, forget } from "../lib/memory.js";
import { normaliseOrder } from "../lib/settings.js";

const head = document.getElementById("head");
const body = document.getElementById("rows");
const status = document.getElementById("status");
const view = { rows: [], key: "lastSeen", direction: "descending" };

function cell(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function drawHead() {
  head.replaceChildren(...COLUMNS.map((column) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.setAttribute("aria-sort", view.key === column.key ? view.direction : "none");
    const button = cell("button", column.label);
    button.type = "button";
    button.dataset.key = column.key;
    button.addEventListener("click", () => {
      view.direction = view.key === column.key && view.direction === "ascending"
        ? "descending" : "ascending";
      view.key = column.key;
      draw();
    });
    th.append(button);
    return th;
  }));
}

function draw() {
  drawHead();
  const rows = sortRows(view.rows, view.key, view.direction);
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    tr.dataset.supplier = row.id;
    for (const column of COLUMNS) {
      const td = cell(column.key === "name" ? "th" : "td", row.cells[column.key]);
      if (column.key === "name") td.scope = "row";
      if (row.cells[column.key] === UNKNOWN) td.className = "unknown";
      tr.append(td);
    }
    return tr;
  }));
  status.textContent = `${rows.length} supplier${rows.length === 1 ? "" : "s"}`;
  document.documentElement.dataset.rows = String(rows.length);
}

function download(name, type, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function load() {
  const { order } = await chrome.storage.local.get("order");
  const records = await everything(chrome.storage.local);
  view.records = records;
  view.rows = compareRows(records, normaliseOrder(order).order);
  draw();
}

document.getElementById("csv").addEventListener("click", () => {
  download("suppliers.csv", "text/csv", toCsv(sortRows(view.rows, view.key, view.direction)));
});
document.getElementById("tsv").addEventListener("click", async () => {
  const text = toTsv(sortRows(view.rows, view.key, view.direction));
  document.documentElement.dataset.lastCopy = text; // the tests read what was copied
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = "Copied: paste into a spreadsheet.";
  } catch {
    status.textContent = "The browser refused the clipboard; use Download CSV instead.";
  }
});
document.getElementById("json").addEventListener("click", () => {
  download("supplier-vetting-memory.json", "application/json", exportJson(view.records || []));
});
document.getElementById("forget").addEventListener("click", async () => {
  const removed = await forget(chrome.storage.local);
  await load();
  status.textContent = `Forgotten (${removed} stored items removed).`;
});
load();
