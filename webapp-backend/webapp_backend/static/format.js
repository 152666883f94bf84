// Text for times, counts and big numbers, shared by the table and the chart.

export function formatSeconds(seconds) {
  if (seconds < 1e-3) return `${(seconds * 1e6).toPrecision(3)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toPrecision(3)} ms`;
  return `${seconds.toPrecision(3)} s`;
}

export function formatCount(count) {
  return Number(count).toLocaleString("en-US");
}

// Both ends hold 20 digits, so numbers of up to 40 digits can be shown whole.
const EDGE_DIGITS = 20;

// The whole number when it is short, else "leading…trailing".
export function formatValue({ digits, leading, trailing, negative }) {
  const sign = negative ? "-" : "";
  if (digits <= EDGE_DIGITS) return `${sign}${leading}`;
  if (digits <= 2 * EDGE_DIGITS) return `${sign}${leading}${trailing.slice(2 * EDGE_DIGITS - digits)}`;
  return `${sign}${leading}…${trailing}`;
}
