// A horizontal bar chart of the timings in SVG, log-scaled because they span orders of
// magnitude (a GMP multiply against a pure-Python loop).
import { formatSeconds } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";
const container = document.getElementById("chart");

const LABEL_WIDTH = 230;
const VALUE_WIDTH = 80;
const BAR_HEIGHT = 22;
const GAP = 8;
const AXIS_HEIGHT = 28;

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function decadeLabel(exponent) {
  return formatSeconds(10 ** exponent).replace(/\.0+ /, " ");
}

export function drawChart(rows) {
  container.replaceChildren();
  const timed = rows.filter((row) => row.seconds > 0);
  if (timed.length === 0) {
    container.append(Object.assign(document.createElement("p"), {
      className: "help", textContent: "The chart appears when results come in.",
    }));
    return;
  }
  const width = Math.max(container.clientWidth, 480);
  const plotWidth = width - LABEL_WIDTH - VALUE_WIDTH;
  const logs = timed.map((row) => Math.log10(row.seconds));
  const low = Math.floor(Math.min(...logs));
  const high = Math.max(Math.ceil(Math.max(...logs)), low + 1);
  const x = (seconds) => LABEL_WIDTH + ((Math.log10(seconds) - low) / (high - low)) * plotWidth;
  const height = timed.length * (BAR_HEIGHT + GAP) + AXIS_HEIGHT;

  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "chart" });
  for (let exponent = low; exponent <= high; exponent += 1) {
    const gx = x(10 ** exponent);
    svg.append(element("line", { x1: gx, x2: gx, y1: 0, y2: height - AXIS_HEIGHT + 4, class: "grid" }));
    svg.append(element("text", { x: gx, y: height - 8, class: "axis", "text-anchor": "middle" },
      decadeLabel(exponent)));
  }
  timed.forEach((row, index) => {
    const y = index * (BAR_HEIGHT + GAP);
    const label = `${row.where} · ${row.implementation} · ${row.algorithm}`;
    svg.append(element("text", { x: LABEL_WIDTH - 10, y: y + BAR_HEIGHT * 0.7, class: "label", "text-anchor": "end" }, label));
    const barWidth = Math.max(x(row.seconds) - LABEL_WIDTH, 2);
    svg.append(element("rect", {
      x: LABEL_WIDTH, y, width: barWidth, height: BAR_HEIGHT, rx: 3,
      class: `bar impl-${row.implementation} where-${row.where}`,
    }));
    svg.append(element("text", { x: LABEL_WIDTH + barWidth + 6, y: y + BAR_HEIGHT * 0.7, class: "value" },
      formatSeconds(row.seconds)));
  });
  container.append(svg);
}
