"""The HTML report's inline stylesheet and script (no network assets)."""

from __future__ import annotations

CSS = """
:root { --ok: #15803d; --bad: #b91c1c; --muted: #6b7280; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Noto Sans CJK JP", "Hiragino Sans", sans-serif; margin: 24px;
  color: #111827; background: #f9fafb; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 28px 0 10px; }
.meta, .empty { color: var(--muted); }
.totals { display: flex; gap: 24px; margin: 12px 0; font-size: 0.95rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
.card .path { font-size: 0.8rem; word-break: break-all; color: #374151; }
.card .score { font-size: 1.8rem; font-weight: 600; margin: 4px 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.75rem;
  color: #fff; vertical-align: middle; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--bad); }
.counts { font-size: 0.8rem; color: #374151; }
.sev { display: inline-block; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 0.75rem; }
.sev.critical { background: #7f1d1d; } .sev.major { background: #dc2626; }
.sev.minor { background: #b45309; } .sev.info { background: #2563eb; }
.sev.zero { background: #e5e7eb; color: #6b7280; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px;
  overflow-x: auto; }
svg { max-width: 100%; height: auto; }
svg text { font-size: 12px; fill: #374151; }
svg .grid { stroke: var(--line); } svg .trend { fill: none; stroke: #2563eb; stroke-width: 1.5; }
svg .dot { fill: #1d4ed8; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 0.85rem; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left;
  vertical-align: top; }
th { position: sticky; top: 0; background: #f3f4f6; cursor: pointer; user-select: none;
  white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ctx { font-family: ui-monospace, "Noto Sans Mono CJK JP", monospace; white-space: pre-wrap;
  word-break: break-all; max-width: 520px; }
mark { background: #fde68a; padding: 0 1px; }
mark.omission { background: #fca5a5; }
.legend span { margin-right: 12px; font-size: 0.8rem; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
"""

# Sort a table on header click: numbers numerically (data-sort wins over the text), others by
# locale; a second click reverses.
JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[col];
        var v = cell.getAttribute("data-sort");
        return v !== null ? v : cell.textContent;
      };
      var numeric = rows.every(function (r) { return key(r) !== "" && !isNaN(key(r)); });
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : x.localeCompare(y, "ja");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""
