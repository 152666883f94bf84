// Asks the server's API for the same n, so its timing sits next to the browser's.
// It answers a FibResult (worker-messages.js), the same schema as the worker's results.

export async function serverTiming(n, implementation) {
  const url = `/api/fib/${encodeURIComponent(n)}?impl=${implementation}&format=dec&include_value=false`;
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    throw new Error(`server answered ${response.status}: ${detail}`);
  }
  return { ...body, where: "server" };
}
