// Progressive enhancement of the supplier index: sort, filter and instant search.
// Plain HTML works without it; every text written here goes through textContent.
(function () {
  "use strict";
  var table = document.getElementById("suppliers");
  var form = document.getElementById("filters");
  if (!table || !form) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var count = document.getElementById("count");
  form.hidden = false;

  function value(id) { return document.getElementById(id).value; }

  function keep(row, f) {
    var d = row.dataset;
    if (f.q && d.search.indexOf(f.q) < 0) return false;
    if (f.grade && d.grade !== f.grade) return false;
    if (f.ta && d.ta !== f.ta) return false;
    if (f.verified && d.verified !== f.verified) return false;
    if (f.order > 0) {
      // Unknown limit or another currency: not known to cover the order, so hidden.
      if (d.limit === "" || d.currency !== f.currency) return false;
      if (Number(d.limit) < f.order) return false;
    }
    return true;
  }

  function apply() {
    var f = {
      q: value("q").trim().toLowerCase(), grade: value("f-grade"), ta: value("f-ta"),
      verified: value("f-verified"), order: Number(value("f-order")) || 0,
      currency: value("f-currency")
    };
    var shown = 0;
    rows.forEach(function (row) {
      var ok = keep(row, f);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var where = table.dataset.pages > 1 ? " on this page" : "";
    count.textContent = shown + " of " + rows.length + " suppliers" + where + " shown";
  }

  function cellKey(row, col, numeric) {
    var cell = row.cells[col];
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    if (!numeric) return raw.trim().toLowerCase();
    return raw === "" ? null : Number(raw);
  }

  function sortBy(th, col) {
    var numeric = th.getAttribute("data-sort") === "number";
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var dir = asc ? 1 : -1;
    rows.sort(function (a, b) {
      var x = cellKey(a, col, numeric), y = cellKey(b, col, numeric);
      if (x === y) return 0;
      if (x === null) return 1; // unknown always last
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th, col); });
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
