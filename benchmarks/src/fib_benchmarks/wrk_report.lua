-- Prints wrk's summary as one JSON line, so the harness reads numbers instead of wrk's text.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'FIB_BENCH_WRK {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, ' ..
    '"latency_p50_us": %.0f, "latency_p99_us": %.0f, "latency_max_us": %.0f, ' ..
    '"errors": {"connect": %.0f, "read": %.0f, "write": %.0f, "status": %.0f, "timeout": %.0f}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
