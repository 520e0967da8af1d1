package dev.hourglass.benchmarks.overhead;

import dev.hourglass.benchmarks.stats.MedianInterval;
import dev.hourglass.benchmarks.harness.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Renders the harness's runs as Markdown: the comparison table (medians over rounds, each agent
 * against no agent as the median of per-round ratios, so drift between rounds cancels), the raw
 * rounds, start-up by bootstrap mode, the accuracy check and a verdict per target.
 */
final class OverheadReport {
  private final HarnessOptions options;
  private final List<Configuration> compared;
  private final Configuration jarMode;
  private final List<RunResult> runs;
  private final List<long[]> jarModeStartups;
  private final AccuracyCheck.Result accuracy;
  private final Wrk wrk;
  private final StringBuilder out = new StringBuilder();

  OverheadReport(
      HarnessOptions options,
      List<Configuration> compared,
      Configuration jarMode,
      List<RunResult> runs,
      List<long[]> jarModeStartups,
      AccuracyCheck.Result accuracy,
      Wrk wrk) {
    this.options = options;
    this.compared = compared;
    this.jarMode = jarMode;
    this.runs = runs;
    this.jarModeStartups = jarModeStartups;
    this.accuracy = accuracy;
    this.wrk = wrk;
  }

  String render(String loadBefore, String loadAfter, long seconds) throws IOException {
    line("# Agent overhead on the sample app, %s", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    line("");
    line("- Command: `%s` (%d s wall time)", options.command(), seconds);
    line("- JDK: %s %s; app JVM flags: `%s` plus the agent's", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), String.join(" ", Configuration.COMMON_JVM_ARGS));
    line("- Machine: %d cores (%s); load average before `%s`, after `%s`", Runtime.getRuntime().availableProcessors(), cpuModel(), loadBefore, loadAfter);
    line("- Load: `%s`; warm-up at least %d s, then in %d s slices until the JIT compiler threads used under %.0f %% of a core in a slice (at most %d s; the time taken is a row below); then %d s measured per run, paths in rotation: %s; then each of %s alone for 1 s + %d s measured", wrk.describe(), options.warmupSeconds(), OverheadHarness.SETTLE_SLICE_SECONDS, OverheadHarness.SETTLED_COMPILER_SHARE * 100, options.warmupMaxSeconds(), options.measureSeconds(), String.join(" ", OverheadHarness.MIX), String.join(" ", OverheadHarness.ENDPOINTS), options.endpointSeconds());
    line("- %d rounds, each: %s, then a start-up-only run of %s; a fresh JVM per run", options.rounds(), String.join(" → ", compared.stream().map(Configuration::key).toList()), jarMode.key());
    line("- wrk, the app and the JVM's own threads share the same cores; other work on the machine adds noise (see the per-round table)");
    line("");
    comparison();
    endpoints();
    verdicts();
    rounds();
    startupModes();
    accuracySection();
    return out.toString();
  }

  private void comparison() throws IOException {
    line("## Comparison (median of %d rounds; in parentheses: change against no agent)", options.rounds());
    line("");
    configurationHeader("");
    for (Metric metric : Metric.values()) {
      StringBuilder row = new StringBuilder("| " + metric.label + " |");
      for (Configuration configuration : compared) {
        row.append(' ').append(String.format(Locale.ROOT, metric.format, median(configuration, metric)));
        if (configuration.agentJar() != null) {
          row.append(' ').append(change(configuration, metric));
        }
        row.append(" |");
      }
      line("%s", row);
    }
    StringBuilder jars = new StringBuilder("| agent jar (MB) |");
    StringBuilder sent = new StringBuilder("| sent to the sink per run (requests / KB) |");
    StringBuilder errors = new StringBuilder("| wrk errors, all rounds (socket / non-2xx) |");
    for (Configuration configuration : compared) {
      jars.append(configuration.agentJar() == null ? " – |" : String.format(Locale.ROOT, " %.1f |", Files.size(configuration.agentJar()) / 1e6));
      List<RunResult> own = runsOf(configuration);
      sent.append(String.format(Locale.ROOT, " %.0f / %,.0f |", medianOf(own, run -> run.sent().requests()), medianOf(own, run -> run.sent().bytes() / 1024.0)));
      errors.append(String.format(Locale.ROOT, " %d / %d |", own.stream().mapToLong(run -> run.load().socketErrors()).sum(), own.stream().mapToLong(run -> run.load().non2xx()).sum()));
    }
    line("%s", jars);
    line("%s", sent);
    line("%s", errors);
    line("");
  }

  /**
   * "(+3.1 % [+0.4, +6.0])": the median of per-round ratios with its 95 % confidence interval
   * (from six rounds on); start-up as added milliseconds.
   */
  private String change(Configuration configuration, Metric metric) {
    if (metric.additive()) {
      return "(" + MedianInterval.of(perRoundDifferences(configuration, metric)).format("%+,.0f") + " ms)";
    }
    return "(" + percentChange(configuration, metric).format("%+.1f") + " %)";
  }


  /** "met", "missed", or undecided when the interval holds the target on both sides. */
  private static String verdict(MedianInterval change, double target) {
    if (!change.hasInterval()) {
      return change.median() <= target ? "met by the median (too few rounds for an interval)" : "**missed**";
    }
    if (change.high() <= target) {
      return "**met** (the whole 95 % interval)";
    }
    return change.low() > target ? "**missed**" : "undecided: the 95 % interval spans the target";
  }

  /** CPU per request by endpoint, and what each agent adds in µs (per-round differences). */
  private void endpoints() {
    line("## CPU per request, one endpoint at a time (µs; added: median of per-round differences [95 %% interval])");
    line("");
    configurationHeader("endpoint");
    for (String endpoint : OverheadHarness.ENDPOINTS) {
      StringBuilder row = new StringBuilder("| `" + endpoint + "` |");
      for (Configuration configuration : compared) {
        List<Double> own = runsOf(configuration).stream().map(run -> run.endpointCpuMicros().get(endpoint)).toList();
        row.append(String.format(Locale.ROOT, " %.1f", median(own)));
        if (configuration != compared.get(0)) {
          List<Double> added = new ArrayList<>();
          for (RunResult run : runsOf(configuration)) {
            added.add(run.endpointCpuMicros().get(endpoint) - baseline(run.round()).endpointCpuMicros().get(endpoint));
          }
          row.append(" (").append(MedianInterval.of(added).format("%+.1f")).append(')');
        }
        row.append(" |");
      }
      line("%s", row);
    }
    line("");
  }

  /** A table's header: {@code first}, then one column per configuration. */
  private void configurationHeader(String first) {
    StringBuilder header = new StringBuilder("| " + first + " |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (Configuration configuration : compared) {
      header.append(' ').append(configuration.label()).append(" |");
      rule.append(" ---: |");
    }
    line("%s", header);
    line("%s", rule);
  }

  private void verdicts() {
    Configuration hourglass = compared.get(1);
    MedianInterval cpu = percentChange(hourglass, Metric.CPU);
    MedianInterval loss =
        MedianInterval.of(
            perRoundRatios(hourglass, Metric.THROUGHPUT).stream().map(r -> 100 * (1 - r)).toList());
    MedianInterval addedStartup =
        MedianInterval.of(perRoundDifferences(hourglass, Metric.STARTUP));
    line("## Against the targets");
    line("");
    line("- CPU per request ≤ +2 %%: Hourglass %s %% → %s", cpu.format("%+.1f"), verdict(cpu, 2));
    line("- Throughput loss ≤ 1 %%: Hourglass %s %% → %s", loss.format("%.1f"), verdict(loss, 1));
    line("- Start-up added ≤ 300 ms: Hourglass %s ms → %s", addedStartup.format("%+,.0f"), verdict(addedStartup, 300));
    List<String> lost = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      for (Configuration other : compared.subList(2, compared.size())) {
        if (!metric.noWorse(median(hourglass, metric), median(other, metric))) {
          lost.add(metric.label + " vs " + other.label());
        }
      }
    }
    line("- Better than both other agents on every row: %s", lost.isEmpty() ? "**met**" : "**missed** on " + String.join("; ", lost));
    line("");
  }

  private void rounds() {
    line("## Every run");
    line("");
    line("\"Other load\" is the machine's busy CPU minus the app's during the measured run, in cores: wrk plus everything else running on the machine. On a quiet machine it is wrk alone.");
    line("");
    line("| round | configuration | req/s | p50 ms | p99 ms | CPU µs/req | other load (cores) | start-up ms | heap MB | RSS MB |");
    line("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (RunResult run : runs) {
      line("| %d | %s | %,.0f | %.2f | %.2f | %,.0f | %.2f | %,d | %.1f | %.0f |", run.round(), run.configuration(), run.load().requestsPerSecond(), run.load().p50Micros() / 1000.0, run.load().p99Micros() / 1000.0, run.cpuMicrosPerRequest(), run.otherCores(), run.startupMillis(), run.memory().heapUsedKb() / 1024.0, run.rssKb() / 1024.0);
    }
    line("");
  }

  private void startupModes() {
    line("## Start-up by bootstrap injection mode");
    line("");
    line("Wall time from spawn to the first 200, and the CPU time the JVM had used by then.");
    line("");
    line("| configuration | wall ms per round | median | CPU ms per round | median |");
    line("| --- | --- | ---: | --- | ---: |");
    for (Configuration configuration : compared.subList(0, 2)) {
      List<Double> wall = runsOf(configuration).stream().map(run -> (double) run.startupMillis()).toList();
      List<Double> cpu = runsOf(configuration).stream().map(RunResult::startupCpuMillis).toList();
      line("| %s | %s | %,.0f | %s | %,.0f |", configuration.label(), joined(wall), median(wall), joined(cpu), median(cpu));
    }
    List<Double> jarWall = jarModeStartups.stream().map(startup -> (double) startup[0]).toList();
    List<Double> jarCpu = jarModeStartups.stream().map(startup -> (double) startup[1]).toList();
    line("| %s | %s | %,.0f | %s | %,.0f |", jarMode.label(), joined(jarWall), median(jarWall), joined(jarCpu), median(jarCpu));
    List<Double> ready = runsOf(compared.get(1)).stream().map(run -> (double) run.hourglassReadyMillis()).toList();
    line("");
    line("Hourglass's own log, \"started in N ms\" (premain to weaving ready, on a background thread; the app may already serve requests): %s ms.", joined(ready));
    line("");
  }

  private void accuracySection() {
    WrkResult client = accuracy.client();
    line("## Accuracy: Hourglass's exported quantiles against the client");
    line("");
    line("One 10 s export interval lined up with one wrk run (`-c%d`, %d s) on `GET %s?ms=N`, N rotating through 1..%d: a single series with a known spread. Hourglass figures are the console exporter's row for that interval (2 decimals); the client's also include loopback, HTTP parsing and the container's work outside the servlet, so the client should read slightly higher.", AccuracyCheck.CONNECTIONS, Math.round(client.seconds()), AccuracyCheck.ROUTE, AccuracyCheck.MAX_SLEEP_MS);
    line("");
    line("| | Hourglass (server) | wrk (client) | client − server |");
    line("| --- | ---: | ---: | ---: |");
    line("| requests | %,d | %,d | %+d |", accuracy.serverCount(), client.requests(), client.requests() - accuracy.serverCount());
    quantileRow("p50 (ms)", accuracy.p50Ms(), client.p50Micros());
    quantileRow("p95 (ms)", accuracy.p95Ms(), client.p95Micros());
    quantileRow("p99 (ms)", accuracy.p99Ms(), client.p99Micros());
    line("");
  }

  private void quantileRow(String label, double serverMs, long clientMicros) {
    double clientMs = clientMicros / 1000.0;
    line("| %s | %.2f | %.2f | %+.2f ms (%+.0f %%) |", label, serverMs, clientMs, clientMs - serverMs, 100 * (clientMs - serverMs) / serverMs);
  }

  private List<RunResult> runsOf(Configuration configuration) {
    return runs.stream().filter(run -> run.configuration().equals(configuration.key())).toList();
  }

  private RunResult baseline(int round) {
    return runs.stream().filter(run -> run.round() == round && run.configuration().equals("none")).findFirst().orElseThrow();
  }

  private MedianInterval percentChange(Configuration configuration, Metric metric) {
    return MedianInterval.of(
        perRoundRatios(configuration, metric).stream().map(ratio -> 100 * (ratio - 1)).toList());
  }

  private List<Double> perRoundRatios(Configuration configuration, Metric metric) {
    return runsOf(configuration).stream().map(run -> metric.read.applyAsDouble(run) / metric.read.applyAsDouble(baseline(run.round()))).toList();
  }

  private List<Double> perRoundDifferences(Configuration configuration, Metric metric) {
    return runsOf(configuration).stream().map(run -> metric.read.applyAsDouble(run) - metric.read.applyAsDouble(baseline(run.round()))).toList();
  }

  private double median(Configuration configuration, Metric metric) {
    return medianOf(runsOf(configuration), metric.read::applyAsDouble);
  }

  private static double medianOf(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> read) {
    return median(runs.stream().map(read::applyAsDouble).toList());
  }

  static double median(List<Double> values) {
    return MedianInterval.of(values).median();
  }


  private static String joined(List<Double> values) {
    return String.join(", ", values.stream().map(value -> String.format(Locale.ROOT, "%,.0f", value)).toList());
  }

  private static String cpuModel() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown CPU";
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
