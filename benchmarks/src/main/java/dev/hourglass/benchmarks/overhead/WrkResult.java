package dev.hourglass.benchmarks.overhead;

import java.util.HashMap;
import java.util.Map;

/**
 * What one wrk run measured, parsed from the {@code HARNESS} line that {@code wrk/mix.lua} prints.
 * Latencies are client-side, in microseconds, from wrk's own histogram.
 */
record WrkResult(
    long requests,
    double seconds,
    long socketErrors,
    long non2xx,
    long p50Micros,
    long p95Micros,
    long p99Micros,
    long p999Micros,
    long maxMicros) {

  double requestsPerSecond() {
    return requests / seconds;
  }

  /** Parses wrk's output; fails with the output when the script's line is missing. */
  static WrkResult parse(String output) {
    for (String line : output.split("\n")) {
      if (line.startsWith("HARNESS ")) {
        Map<String, Long> fields = new HashMap<>();
        for (String pair : line.substring("HARNESS ".length()).trim().split(" ")) {
          String[] keyValue = pair.split("=", 2);
          fields.put(keyValue[0], Long.parseLong(keyValue[1]));
        }
        return new WrkResult(
            fields.get("requests"),
            fields.get("duration_us") / 1e6,
            fields.get("errors"),
            fields.get("non2xx"),
            fields.get("p50"),
            fields.get("p95"),
            fields.get("p99"),
            fields.get("p999"),
            fields.get("max"));
      }
    }
    throw new IllegalStateException("wrk printed no HARNESS line (is wrk/mix.lua used?):\n" + output);
  }
}
