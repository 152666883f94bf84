// The page: starts the Python worker, sends run requests, shows progress, results and chart.
// All heavy work happens in the worker or on the server, so the page stays responsive.
import { formatCount } from "./format.js";
import { addResultRow, addServerFailureRow, clearResults } from "./results-table.js";
import { serverTiming } from "./server-api.js";
import { drawChart } from "./timing-chart.js";
import { MessageKind } from "./worker-messages.js";

const form = document.getElementById("run-form");
const nInput = document.getElementById("n-input");
const runButton = document.getElementById("run-button");
const stopButton = document.getElementById("stop-button");
const status = document.getElementById("status");
const progress = document.getElementById("loading-progress");

let worker = null;
let running = false;
let chartRows = [];
// The request the worker accepted (null until it does), so server timings use its n.
let current = null;

function setStatus(text, kind = "info") {
  status.textContent = text;
  status.dataset.kind = kind;
}

function markInput(invalid) {
  nInput.setAttribute("aria-invalid", String(invalid));
}

function setProgress(fraction) {
  progress.hidden = fraction === null;
  if (fraction !== null) progress.value = fraction;
}

function setRunning(value) {
  running = value;
  runButton.disabled = value || worker === null;
  stopButton.disabled = !value;
}

function checkedValues(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function addRow(result) {
  addResultRow(result);
  chartRows.push(result);
  drawChart(chartRows);
}

async function runServerTimings(n, implementations) {
  for (const implementation of implementations) {
    setStatus(`Asking the server for ${implementation} fib_str(${formatCount(n)})…`);
    try {
      addRow(await serverTiming(n, implementation));
    } catch (error) {
      addServerFailureRow(implementation, error.message);
    }
  }
}

async function finishRun(done) {
  const wantServer = form.elements.server.checked;
  if (wantServer) await runServerTimings(done.n, current.impls);
  setStatus(`Done: ${done.steps} in-browser timing${done.steps === 1 ? "" : "s"} of n = ${formatCount(done.n)}`
    + (wantServer ? ", plus the server's." : "."), "done");
  setProgress(null);
  setRunning(false);
}

function showReady(message) {
  const versions = Object.entries(message.implementations)
    .map(([name, version]) => `${name} ${version}`).join(", ");
  setProgress(null);
  if (versions === "") {
    handlers[MessageKind.FATAL]({ message: "The worker started, but neither fib_python nor fib_pybind installed: "
      + "their wheels are missing from the server's dist/ folder." });
    return;
  }
  for (const missing of message.missing) {
    const box = form.querySelector(`input[name="impl"][value="${missing}"]`);
    box.checked = false;
    box.disabled = true;
    box.parentElement.title = "not installed in the worker";
  }
  document.getElementById("max-n").textContent = formatCount(message.max_n);
  document.getElementById("max-iterative-n").textContent = formatCount(message.max_iterative_n);
  document.getElementById("timing-budget").textContent = `${message.timing_budget_seconds} s`;
  document.getElementById("min-runs").textContent = String(message.min_runs);
  const note = message.missing.length ? ` (not available: ${message.missing.join(", ")})` : "";
  setStatus(`Ready: ${versions}${note}.`, "ready");
  setRunning(false);
}

const handlers = {
  [MessageKind.LOADING]: (message) => {
    setStatus(message.message);
    setProgress(message.fraction);
  },
  [MessageKind.READY]: showReady,
  [MessageKind.ACCEPTED]: (message) => {
    markInput(false);
    current = message;
    chartRows = [];
    clearResults("Running…");
    drawChart(chartRows);
    setProgress(0);
  },
  [MessageKind.PROGRESS]: (message) => {
    setStatus(message.message);
    setProgress((message.step - 1) / message.steps);
  },
  [MessageKind.RESULT]: (message) => addRow({ ...message, where: "browser" }),
  [MessageKind.DONE]: (message) => finishRun(message),
  // An error before "accepted" means the request itself was refused (mostly n).
  [MessageKind.ERROR]: (message) => {
    markInput(current === null);
    setStatus(message.message, "error");
    setProgress(null);
    setRunning(false);
  },
  [MessageKind.FATAL]: (message) => {
    setStatus(message.message, "error");
    setProgress(null);
    worker = null;
    setRunning(false);
  },
};

function startWorker() {
  worker = new Worker("/static/fib-worker.js", { type: "module" });
  worker.onmessage = (event) => handlers[event.data.type]?.(event.data);
  // A worker script that cannot load ends up here (the worker reports a missing runtime itself).
  worker.onerror = (event) => {
    const reason = event.message || "its script failed to load";
    handlers[MessageKind.FATAL]({ message: `The Python worker could not start: ${reason}.` });
  };
  runButton.disabled = true;
  setProgress(0);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (running || worker === null) return;
  setRunning(true);
  current = null;
  setStatus("Checking the request…");
  worker.postMessage({
    type: MessageKind.RUN,
    n: nInput.value,
    impls: checkedValues("impl"),
    algorithms: checkedValues("algorithm"),
  });
});

// Python cannot be interrupted mid-computation, so Stop restarts the worker
// (the browser has the runtime and wheels cached by then).
stopButton.addEventListener("click", () => {
  worker?.terminate();
  setRunning(false);
  setStatus("Stopped. Restarting the Python worker…");
  startWorker();
});

window.addEventListener("resize", () => drawChart(chartRows));

drawChart(chartRows);
startWorker();
