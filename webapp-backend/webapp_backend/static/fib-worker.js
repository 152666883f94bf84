// Module worker: loads the self-hosted Pyodide, micropip-installs our wheels from this
// server, then hands each run request to the Python package webapp_worker and posts its
// messages to the page as plain objects. /wheels/index.json names the runtime's and the
// wheels' URLs, which carry their content's version, so the browser keeps those files for good.
import { MessageKind } from "./worker-messages.js";

const origin = self.location.origin;

function post(message) {
  self.postMessage(message);
}

function loading(message, fraction) {
  post({ type: MessageKind.LOADING, message, fraction });
}

// Python dicts arrive as proxies; the page wants plain objects, not Maps.
function toPlain(proxy) {
  const plain = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  proxy.destroy();
  return plain;
}

async function fetchWheelIndex() {
  const response = await fetch("/wheels/index.json");
  if (!response.ok) {
    throw new Error(`The wheel list /wheels/index.json answered ${response.status}.`);
  }
  const index = await response.json();
  if (!index.runtime) {
    throw new Error("the Pyodide runtime is not on the server (/wheels/index.json names none): build it first.");
  }
  if (!index.wheels.webapp_worker) {
    throw new Error("The webapp_worker wheel is not in dist/ on the server: build it first.");
  }
  return index;
}

async function start() {
  const index = await fetchWheelIndex();
  loading("Loading the Python runtime (Pyodide) and the wheels…", 0.1);
  const { loadPyodide } = await import(`${origin}${index.runtime}pyodide.mjs`);
  // loadPyodide fetches the wheels while the runtime starts, and installs them from their URLs
  // itself: no package index is asked, and no installer has to be fetched and imported first.
  const pyodide = await loadPyodide({
    indexURL: `${origin}${index.runtime}`,
    packages: index.urls.map((url) => `${origin}${url}`),
  });
  loading("Importing webapp_worker…", 0.9);
  return { pyodide, webappWorker: pyodide.pyimport("webapp_worker") };
}

const started = start();

started.then(
  ({ webappWorker }) => post(toPlain(webappWorker.describe())),
  (error) => post({ type: MessageKind.FATAL, message: `The Python worker could not start: ${error.message}` }),
);

self.onmessage = async (event) => {
  if (event.data?.type !== MessageKind.RUN) {
    post({ type: MessageKind.ERROR, message: `The worker got a message it does not know: ${event.data?.type}` });
    return;
  }
  let runtime;
  try {
    runtime = await started;
  } catch {
    return; // start() failed and has already posted the fatal message
  }
  const { pyodide, webappWorker } = runtime;
  let request;
  let messages;
  try {
    const { type, ...fields } = event.data;
    request = pyodide.toPy(fields);
    messages = webappWorker.run(request);
    // webapp_worker.run is a generator: each message is posted as soon as it is made.
    for (const message of messages) {
      post(toPlain(message));
    }
  } catch (error) {
    post({ type: MessageKind.ERROR, message: `The worker failed: ${error.message}` });
  } finally {
    messages?.destroy();
    request?.destroy();
  }
};
