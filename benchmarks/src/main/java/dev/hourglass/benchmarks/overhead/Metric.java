package dev.hourglass.benchmarks.overhead;

import java.util.function.ToDoubleFunction;

/** A row of the report: what is read from a run, its unit, and which direction is better. */
enum Metric {
  THROUGHPUT("throughput (req/s)", "%,.0f", false, run -> run.load().requestsPerSecond()),
  P50("client p50 latency (ms)", "%.2f", true, run -> run.load().p50Micros() / 1000.0),
  P99("client p99 latency (ms)", "%.2f", true, run -> run.load().p99Micros() / 1000.0),
  CPU("CPU time per request (µs)", "%,.0f", true, RunResult::cpuMicrosPerRequest),
  STARTUP("start-up to first successful request (ms)", "%,.0f", true, run -> run.startupMillis()),
  STARTUP_CPU("CPU time used by then (ms)", "%,.0f", true, RunResult::startupCpuMillis),
  WARMUP("warm-up under load until the JIT settled (ms)", "%,.0f", true, run -> run.warmupMillis()),
  HEAP("heap used after load, after a full GC (MB)", "%.1f", true, run -> run.memory().heapUsedKb() / 1024.0),
  HEAP_COMMITTED("heap committed after that GC (MB)", "%.0f", true, run -> run.memory().heapCommittedKb() / 1024.0),
  METASPACE("metaspace used (MB)", "%.1f", true, run -> run.memory().metaspaceUsedKb() / 1024.0),
  RSS("RSS after load (MB)", "%.0f", true, run -> run.rssKb() / 1024.0);

  final String label;
  final String format;
  final boolean lowerIsBetter;
  final ToDoubleFunction<RunResult> read;

  Metric(String label, String format, boolean lowerIsBetter, ToDoubleFunction<RunResult> read) {
    this.label = label;
    this.format = format;
    this.lowerIsBetter = lowerIsBetter;
    this.read = read;
  }

  /** Start-up is reported as milliseconds added to the no-agent figure, the rest as a ratio. */
  boolean additive() {
    return this == STARTUP || this == STARTUP_CPU || this == WARMUP;
  }

  /** True when {@code value} is at least as good as {@code other}. */
  boolean noWorse(double value, double other) {
    return lowerIsBetter ? value <= other : value >= other;
  }
}
