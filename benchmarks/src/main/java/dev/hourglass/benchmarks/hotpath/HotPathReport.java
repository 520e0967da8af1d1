package dev.hourglass.benchmarks.hotpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the hot-path benchmarks with 1 and 2 threads under JMH's GC profiler and writes one Markdown
 * report: ns/op (JMH's mean with its 99.9 % error, and the median and best of the measured
 * iterations), the cost above the no-instrumentation baseline, the ratio to the floor (two clock
 * reads and one record) and bytes allocated per operation.
 *
 * <p>Why the best iteration: on a shared machine other processes preempt the benchmark thread, and
 * every preemption lands in the mean. The fastest one-second iteration is the one least disturbed;
 * ratios are computed from it, and the mean and median are shown beside it so the noise is visible.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hourglass.benchmarks.hotpath.HotPathReport
 * <output.md> [--quick]}; {@code --quick} runs one short iteration each, for smoke tests only.
 */
public final class HotPathReport {
  private static final String[] INCLUDES = {
    ServletHotPathBenchmark.class.getName(),
    CacheHotPathBenchmark.class.getName(),
    JdbcHotPathBenchmark.class.getName(),
    TracedServletHotPathBenchmark.class.getName(),
    HistogramRecordBenchmark.class.getName()
  };

  private HotPathReport() {}

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length < 1) {
      System.err.println("usage: HotPathReport <output.md> [--quick]");
      System.exit(2);
    }
    boolean quick = args.length > 1 && args[1].equals("--quick");
    StringBuilder out = new StringBuilder();
    out.append(header(quick));
    for (int threads : new int[] {1, 2}) {
      out.append(section(threads, run(threads, quick)));
    }
    Files.writeString(Path.of(args[0]), out.toString());
    System.out.print(out);
  }

  private static Collection<RunResult> run(int threads, boolean quick) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder().threads(threads).addProfiler(GCProfiler.class);
    for (String include : INCLUDES) {
      options.include(include.replace(".", "\\.") + "\\.");
    }
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(500));
    }
    return new Runner(options.build()).run();
  }

  private static String header(boolean quick) {
    return String.format(
        Locale.ROOT,
        "# Hot-path benchmarks, %s%n%n"
            + "- JDK: %s %s; %d cores; load average at start `%s`%n"
            + "- JMH 1.37, average time, %s, `-prof gc`; state shared by the threads"
            + " (one series, as when every thread serves the same route)%n"
            + "- The machine is shared with other builds: treat differences under ~10 %% as noise,"
            + " and compare rows within one table (same fork, same minute) rather than across files.%n%n",
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        quick ? "QUICK smoke settings (1 × 0.5 s), not for quoting" : "3 × 1 s warm-up, 8 × 1 s measured, 1 fork");
  }

  private static String section(int threads, Collection<RunResult> results) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "## %d thread%s%n%n", threads, threads == 1 ? "" : "s"));
    out.append(
        "| benchmark | mean ns/op | ± (99.9 %) | median iteration | best iteration |"
            + " best above baseline (ns) | × floor (best) | B/op |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (RunResult result : sorted(results)) {
      Result primary = result.getPrimaryResult();
      String benchmark = result.getParams().getBenchmark();
      // Each family is compared with the baseline and floor of its own class (its own fork); the
      // traced servlet variant has none and reads the plain servlet class's.
      String family = benchmark.substring(0, benchmark.lastIndexOf('.') + 1);
      if (family.equals(TracedServletHotPathBenchmark.class.getName() + ".")) {
        family = ServletHotPathBenchmark.class.getName() + ".";
      }
      RunResult baselineRun = find(results, family + "baseline");
      RunResult floorRun = find(results, family + "floor");
      double baseline = baselineRun == null ? 0 : best(baselineRun);
      double floor = floorRun == null ? 0 : best(floorRun) - baseline;
      double added = best(result) - baseline;
      // The reference rows themselves (and HistogramRecord, which has no baseline) get no ratios.
      boolean comparable =
          baselineRun != null
              && !benchmark.endsWith(".baseline")
              && !benchmark.endsWith(".clockRead");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |%n",
              name(result),
              primary.getScore(),
              primary.getScoreError(),
              median(result),
              best(result),
              comparable ? String.format(Locale.ROOT, "%.1f", added) : "–",
              comparable && floor > 0 ? String.format(Locale.ROOT, "%.2f", added / floor) : "–",
              allocation(result)));
    }
    out.append('\n');
    return out.toString();
  }

  private static List<RunResult> sorted(Collection<RunResult> results) {
    List<RunResult> list = new ArrayList<>(results);
    list.sort((a, b) -> name(a).compareTo(name(b)));
    return list;
  }

  private static String name(RunResult result) {
    String benchmark = result.getParams().getBenchmark();
    String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    String representation = result.getParams().getParam("representation");
    return representation == null ? shortName : shortName + " (" + representation + ")";
  }

  /** The result of the benchmark method named in full, or null when that class has none. */
  private static RunResult find(Collection<RunResult> results, String benchmark) {
    for (RunResult result : results) {
      if (result.getParams().getBenchmark().equals(benchmark)) {
        return result;
      }
    }
    return null;
  }

  private static double[] iterationScores(RunResult result) {
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    return scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double best(RunResult result) {
    return iterationScores(result)[0];
  }

  private static double median(RunResult result) {
    double[] sorted = iterationScores(result);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** JMH's normalized allocation rate; its label lost the "·" prefix in 1.37, so match the end. */
  private static String allocation(RunResult result) {
    for (var entry : result.getSecondaryResults().entrySet()) {
      if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
        return String.format(Locale.ROOT, "%.3f", entry.getValue().getScore());
      }
    }
    return "n/a";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
