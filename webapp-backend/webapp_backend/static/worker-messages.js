// The messages between the page (main.js) and its Python worker (fib-worker.js), by kind.
// The kinds the Python side makes are webapp_worker.messages.MessageKind; a backend test checks
// that both lists agree. LOADING and FATAL come from the worker's JavaScript, RUN from the page.

export const MessageKind = Object.freeze({
  RUN: "run",
  LOADING: "loading",
  FATAL: "fatal",
  READY: "ready",
  ACCEPTED: "accepted",
  PROGRESS: "progress",
  RESULT: "result",
  DONE: "done",
  ERROR: "error",
});

/**
 * Page -> worker.
 * @typedef {{type: "run", n: string, impls: string[], algorithms: string[]}} RunMessage
 *
 * Worker -> page.
 * @typedef {{type: "loading", message: string, fraction: number}} LoadingMessage
 * @typedef {{type: "fatal" | "error", message: string}} FailureMessage
 * @typedef {{type: "ready", implementations: Object<string, string>, missing: string[],
 *            max_n: number, max_iterative_n: number, timing_budget_seconds: number,
 *            min_runs: number}} ReadyMessage
 * @typedef {{type: "accepted", n: number, impls: string[], algorithms: string[], steps: number}} AcceptedMessage
 * @typedef {{type: "progress", step: number, steps: number, message: string}} ProgressMessage
 * @typedef {{type: "done", n: number, steps: number}} DoneMessage
 *
 * One timed computation, in the worker's messages (type "result") and as /api/fib/{n} answers
 * it: webapp_worker.contract.FibResult. `seconds` is the median of `runs` timed runs.
 * @typedef {{implementation: "python" | "native", algorithm: string, n: number, runs: number,
 *            seconds: number, digits: number, negative: boolean, leading: string,
 *            trailing: string}} FibResult
 */
