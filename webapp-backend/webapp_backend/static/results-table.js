// The results table: one row per timing, from the browser worker or the server API.
import { formatCount, formatSeconds, formatValue } from "./format.js";

const body = document.getElementById("result-rows");

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

export function clearResults(message) {
  body.replaceChildren();
  const row = document.createElement("tr");
  row.className = "empty";
  const td = cell(message);
  td.colSpan = 8;
  row.append(td);
  body.append(row);
}

function dropPlaceholder() {
  body.querySelector("tr.empty")?.remove();
}

// A FibResult measured in the browser (testid result-row) or on the server (server-row):
// its time is the median of its runs.
export function addResultRow(result) {
  dropPlaceholder();
  const row = document.createElement("tr");
  row.dataset.testid = result.where === "browser" ? "result-row" : "server-row";
  row.dataset.impl = result.implementation;
  row.dataset.algorithm = result.algorithm;
  row.dataset.where = result.where;
  row.dataset.digits = String(result.digits);
  row.dataset.leading = result.leading;
  row.dataset.trailing = result.trailing;
  row.dataset.seconds = String(result.seconds);
  row.dataset.runs = String(result.runs);
  row.append(
    cell(result.where),
    cell(result.implementation, `impl impl-${result.implementation}`),
    cell(result.algorithm, "mono"),
    cell(formatCount(result.n), "number"),
    cell(formatSeconds(result.seconds), "number strong"),
    cell(formatCount(result.runs), "number"),
    cell(formatCount(result.digits), "number"),
    cell(formatValue(result), "mono value"),
  );
  body.append(row);
}

// A server request that failed: say why in the row where its timing would be.
export function addServerFailureRow(implementation, message) {
  dropPlaceholder();
  const row = document.createElement("tr");
  row.dataset.testid = "server-row";
  row.dataset.impl = implementation;
  row.dataset.where = "server";
  const note = cell(message, "failure");
  note.colSpan = 6;
  row.append(cell("server"), cell(implementation, `impl impl-${implementation}`), note);
  body.append(row);
}
