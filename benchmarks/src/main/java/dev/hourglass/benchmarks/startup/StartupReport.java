package dev.hourglass.benchmarks.startup;

import dev.hourglass.benchmarks.harness.Configuration;
import dev.hourglass.benchmarks.stats.MedianInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Renders the start-up runs as Markdown: per configuration the median and range of each figure,
 * and what it adds to no agent as the median of per-round differences with its 95 % confidence
 * interval (pairing by round cancels the machine's drift between rounds), then every run.
 */
final class StartupReport {
  /** The by-family configurations' keys (see {@link StartupHarness}). */
  static final String FAMILY_PREFIX = "hourglass-";

  static final String FAMILIES_OFF = FAMILY_PREFIX + "none";

  private final StartupOptions options;
  private final List<Configuration> configurations;
  private final List<StartupRun> runs;
  private final String loadBefore;
  private final String loadAfter;
  private final StringBuilder out = new StringBuilder();

  StartupReport(
      StartupOptions options,
      List<Configuration> configurations,
      List<StartupRun> runs,
      String loadBefore,
      String loadAfter) {
    this.options = options;
    this.configurations = configurations;
    this.runs = runs;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
  }

  String render() {
    line("# Start-up, %s (%s)", appName(), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    line("");
    line(
        "Machine: %d cores, JDK %s; load average before `%s`, after `%s`. Command: `%s`.",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        loadBefore,
        loadAfter,
        options.command());
    line(
        "Each run: spawn the JVM, poll `GET %s` every 5 ms until it answers 200; wall time to"
            + " that answer, CPU time (user + system) of the whole JVM by then, classes loaded"
            + " by then (`java.cls.loadedClasses`), RSS by then, metaspace used after a full GC."
            + " %d rounds, interleaved, each in a rotated order.",
        options.probePath(), options.rounds());
    line("");
    line(
        "Added: the median over rounds of (configuration − no agent) in the same round, with"
            + " its distribution-free 95 %% confidence interval in brackets.");
    line("");
    line(
        "| configuration | wall ms | added wall ms | CPU ms | added CPU ms | classes | added"
            + " classes | RSS MB (added) | metaspace MB (added) |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Configuration configuration : configurations) {
      line(
          "| %s | %s | %s | %s | %s | %,.0f | %s | %s | %s |",
          configuration.label(),
          medianAndRange(configuration, StartupRun::wallMs),
          added(configuration, StartupRun::wallMs, "%+,.0f"),
          medianAndRange(configuration, StartupRun::cpuMs),
          added(configuration, StartupRun::cpuMs, "%+,.0f"),
          median(configuration, StartupRun::loadedClasses),
          added(configuration, StartupRun::loadedClasses, "%+,.0f"),
          withAdded(configuration, StartupRun::rssKb),
          withAdded(configuration, StartupRun::metaspaceKb));
    }
    familyCosts();
    line("");
    line("## Every run");
    line("");
    line("| round | configuration | wall ms | CPU ms | classes | RSS MB | metaspace MB |");
    line("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for (StartupRun run : runs) {
      line(
          "| %d | %s | %,d | %,d | %,d | %.1f | %.1f |",
          run.round(),
          run.configuration(),
          run.wallMs(),
          run.cpuMs(),
          run.loadedClasses(),
          run.rssKb() / 1024.0,
          run.metaspaceKb() / 1024.0);
    }
    return out.toString();
  }

  /**
   * With the by-family runs: what each family adds to the agent with every family off, paired by
   * round like the rest, so the agent's own start (exporter, web server, weaving installed) is not
   * counted once per family.
   */
  private void familyCosts() {
    Configuration familiesOff =
        configurations.stream()
            .filter(configuration -> configuration.key().equals(FAMILIES_OFF))
            .findFirst()
            .orElse(null);
    if (familiesOff == null) {
      return;
    }
    line("");
    line(
        "Each family's own cost: the median over rounds of (%s − %s) in the same round, with its"
            + " 95 %% confidence interval.",
        "family alone",
        familiesOff.label());
    line("");
    line("| family | added wall ms | added CPU ms | added classes |");
    line("| --- | ---: | ---: | ---: |");
    for (Configuration configuration : configurations) {
      if (configuration.key().startsWith(FAMILY_PREFIX) && configuration != familiesOff) {
        line(
            "| %s | %s | %s | %s |",
            configuration.key().substring(FAMILY_PREFIX.length()),
            difference(configuration, familiesOff, StartupRun::wallMs, 1).format("%+,.0f"),
            difference(configuration, familiesOff, StartupRun::cpuMs, 1).format("%+,.0f"),
            difference(configuration, familiesOff, StartupRun::loadedClasses, 1)
                .format("%+,.0f"));
      }
    }
  }

  private String appName() {
    return options.app().equals("spring")
        ? "Spring Boot benchmark application (`benchmarks/spring-app`)"
        : "sample app";
  }

  private String medianAndRange(Configuration configuration, ToLongFunction<StartupRun> figure) {
    List<Double> values = values(configuration, figure);
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return String.format(
        Locale.ROOT, "%,.0f (%,.0f–%,.0f)", MedianInterval.of(values).median(), min, max);
  }

  private double median(Configuration configuration, ToLongFunction<StartupRun> figure) {
    return MedianInterval.of(values(configuration, figure)).median();
  }

  private String withAdded(Configuration configuration, ToLongFunction<StartupRun> kb) {
    double mb = median(configuration, kb) / 1024;
    if (configuration.agentJar() == null) {
      return String.format(Locale.ROOT, "%.1f", mb);
    }
    return String.format(Locale.ROOT, "%.1f (%s)", mb, addedInterval(configuration, kb, 1024).format("%+.1f"));
  }

  private String added(Configuration configuration, ToLongFunction<StartupRun> figure, String format) {
    if (configuration.agentJar() == null) {
      return "";
    }
    return addedInterval(configuration, figure, 1).format(format);
  }

  /** Per round: this configuration's figure minus no agent's, divided by {@code unit}. */
  private MedianInterval addedInterval(
      Configuration configuration, ToLongFunction<StartupRun> figure, double unit) {
    return difference(configuration, configurations.get(0), figure, unit);
  }

  /** Per round: this configuration's figure minus the baseline's, divided by {@code unit}. */
  private MedianInterval difference(
      Configuration configuration,
      Configuration baseline,
      ToLongFunction<StartupRun> figure,
      double unit) {
    List<Double> differences = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      StartupRun with = run(configuration.key(), round);
      StartupRun without = run(baseline.key(), round);
      differences.add((figure.applyAsLong(with) - figure.applyAsLong(without)) / unit);
    }
    return MedianInterval.of(differences);
  }

  private StartupRun run(String key, int round) {
    return runs.stream()
        .filter(run -> run.configuration().equals(key) && run.round() == round)
        .findFirst()
        .orElseThrow();
  }

  private List<Double> values(Configuration configuration, ToLongFunction<StartupRun> figure) {
    return runs.stream()
        .filter(run -> run.configuration().equals(configuration.key()))
        .map(run -> (double) figure.applyAsLong(run))
        .toList();
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
