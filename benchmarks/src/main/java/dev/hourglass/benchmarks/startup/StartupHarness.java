package dev.hourglass.benchmarks.startup;

import dev.hourglass.benchmarks.harness.AppProcess;
import dev.hourglass.benchmarks.harness.ClockTicks;
import dev.hourglass.benchmarks.harness.Configuration;
import dev.hourglass.benchmarks.harness.TelemetrySink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import dev.hourglass.instrumentation.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The start-up harness: starts an application (the Spring Boot benchmark app by default) under
 * no agent, Hourglass, the OpenTelemetry Java agent with its exporters off and on, and the Elastic
 * APM agent, and measures each JVM from spawning to the first 200 answer of a request that reaches
 * the database: wall time, CPU time of the whole JVM by then, classes loaded, RSS, and metaspace.
 * Rounds are interleaved, each round in a rotated order, so drift of the machine and the order
 * within a round hit every configuration alike. Writes {@code
 * benchmarks/results/startup-<date>.md} (the sample app: {@code startup-sample-app-<date>.md}). Run it with {@code benchmarks/run-startup.sh}.
 */
public final class StartupHarness {
  private static final long STARTUP_TIMEOUT_MS = 300_000;
  private static final List<String> FAMILIES =
      Arrays.stream(Family.values()).map(Family::key).toList();

  private final StartupOptions options;
  private final TelemetrySink sink;

  private StartupHarness(StartupOptions options, TelemetrySink sink) {
    this.options = options;
    this.sink = sink;
  }

  public static void main(String[] args) throws Exception {
    StartupOptions options;
    try {
      options = StartupOptions.parse(args);
      options.checkInputs();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (TelemetrySink sink = new TelemetrySink()) {
      new StartupHarness(options, sink).run();
    }
  }

  private void run() throws IOException, InterruptedException {
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    List<Configuration> configurations = configurations();
    List<StartupRun> runs = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      List<Configuration> order = new ArrayList<>(configurations);
      Collections.rotate(order, -(round - 1));
      for (Configuration configuration : order) {
        StartupRun run = start(configuration, round);
        runs.add(run);
        System.out.printf(
            "round %d %-22s %6d ms wall %7d ms cpu %6d classes%n",
            round, configuration.key(), run.wallMs(), run.cpuMs(), run.loadedClasses());
      }
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    String report =
        new StartupReport(options, configurations, runs, loadBefore, loadAfter).render();
    Files.createDirectories(options.results());
    String prefix = options.app().equals("spring") ? "startup-" : "startup-sample-app-";
    Path file = options.results().resolve(prefix + LocalDate.now(ZoneOffset.UTC) + ".md");
    Files.writeString(file, report);
    System.out.println("wrote " + file);
  }

  private List<Configuration> configurations() {
    Configuration hourglass = Configuration.hourglass(options.hourglassJar(), sink.endpoint());
    List<Configuration> list = new ArrayList<>();
    list.add(Configuration.noAgent());
    list.add(hourglass);
    if (options.byFamily()) {
      list.add(
          hourglass.with(
              StartupReport.FAMILIES_OFF, "Hourglass, every family off", familiesOff(null)));
      for (String family : FAMILIES) {
        String label = "Hourglass, " + family + " alone";
        list.add(hourglass.with(StartupReport.FAMILY_PREFIX + family, label, familiesOff(family)));
      }
    }
    if (options.others()) {
      list.add(Configuration.openTelemetryExportersOff(options.otelJar(), options.otelVersion()));
      list.add(
          Configuration.openTelemetry(options.otelJar(), options.otelVersion(), sink.endpoint()));
      list.add(
          Configuration.elastic(options.elasticJar(), options.elasticVersion(), sink.endpoint()));
    }
    return list;
  }

  /** Turns off every family but {@code kept} (all of them when it is null). */
  private static String[] familiesOff(String kept) {
    return FAMILIES.stream()
        .filter(family -> !family.equals(kept))
        .map(family -> "-Dhourglass.instrumentation." + family + ".enabled=false")
        .toArray(String[]::new);
  }

  private StartupRun start(Configuration configuration, int round)
      throws IOException, InterruptedException {
    try (AppProcess app =
        AppProcess.start(
            configuration.jvmArgs(),
            options.appJar(),
            options.logs(),
            configuration.key() + "-" + round)) {
      long wallMs = app.awaitFirstSuccess(options.probePath(), STARTUP_TIMEOUT_MS);
      long cpuMs = app.cpuTicks() * 1000 / ClockTicks.PER_SECOND;
      long rssKb = app.rssKb();
      long classes = app.loadedClasses();
      long metaspaceKb = app.memoryAfterFullGc().metaspaceUsedKb();
      return new StartupRun(
          configuration.key(), round, wallMs, cpuMs, classes, rssKb, metaspaceKb);
    }
  }
}
