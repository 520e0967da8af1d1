package dev.hourglass.benchmarks.overhead;

import java.util.Map;
import dev.hourglass.benchmarks.harness.AppProcess;
import dev.hourglass.benchmarks.harness.TelemetrySink;

/**
 * Everything measured in one run of one configuration.
 *
 * @param configuration the configuration's key
 * @param round 1-based round number; runs of the same round are compared with each other
 * @param startupMillis from spawning the JVM to the first 200 answer to {@code GET /fast}
 * @param startupCpuMillis CPU time the JVM had used by then (all threads); unlike the wall time,
 *     it hardly depends on what else the machine is doing
 * @param hourglassReadyMillis Hourglass's own "started in" figure (weaving ready), -1 for others
 * @param warmupMillis how long the mix ran before the measurement, until the JIT had settled
 * @param load the measured wrk run (after the warm-up)
 * @param cpuMillis user + system CPU time of the app's JVM during the measured wrk run
 * @param otherCores average cores busy with anything but the app during that run (wrk included)
 * @param memory heap and metaspace after a full GC at the end of the load
 * @param rssKb resident set size right after the load, before that GC
 * @param sent what the app sent to the telemetry sink during the whole run (shutdown included)
 * @param endpointCpuMicros CPU µs per request of the app's JVM with one endpoint at a time after
 *     the mix, by endpoint (in {@link OverheadHarness#ENDPOINTS} order)
 */
record RunResult(
    String configuration,
    int round,
    long startupMillis,
    double startupCpuMillis,
    long hourglassReadyMillis,
    long warmupMillis,
    WrkResult load,
    double cpuMillis,
    double otherCores,
    AppProcess.JvmMemory memory,
    long rssKb,
    TelemetrySink.Received sent,
    Map<String, Double> endpointCpuMicros) {

  double cpuMicrosPerRequest() {
    return cpuMillis * 1000.0 / load.requests();
  }
}
