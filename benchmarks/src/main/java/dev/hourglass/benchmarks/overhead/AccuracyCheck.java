package dev.hourglass.benchmarks.overhead;

import dev.hourglass.benchmarks.harness.AppProcess;
import dev.hourglass.benchmarks.harness.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Does Hourglass report the latencies the client saw? Runs the app under Hourglass with the console
 * exporter beside OTLP, lines a wrk run up with exactly one export interval, and compares the
 * interval's server-side p50/p95/p99 and count with wrk's client-side figures.
 *
 * <p>The load is {@code GET /slow?ms=N} with N rotating through 1..40: one series ({@code /slow})
 * with a known, spread-out distribution, so p50, p95 and p99 are different numbers that both sides
 * must find. On a sub-millisecond endpoint the comparison would mostly measure what the server
 * cannot see.
 *
 * <p>Alignment: right after an interval is published (its table appears on stdout) a new one has
 * begun with no traffic; wrk then runs for the interval minus a margin, and the next table holds
 * exactly wrk's requests. The client's figures include what the server cannot see (loopback,
 * connection handling, Jetty before the servlet), so the client should be slightly slower; the
 * comparison is meant to catch wrong units, wrong quantiles or lost requests, not those tens of µs.
 */
final class AccuracyCheck {
  static final String ROUTE = "/slow";
  static final int MAX_SLEEP_MS = 40;
  static final List<String> PATHS =
      java.util.stream.IntStream.rangeClosed(1, MAX_SLEEP_MS).mapToObj(ms -> ROUTE + "?ms=" + ms).toList();
  static final int CONNECTIONS = 2;
  private static final int INTERVAL_SECONDS = 10;
  private static final String HEADER = "[hourglass] interval #";
  private static final String SERIES = "http.server.request.duration GET " + ROUTE + " 200";

  /** The interval's row from the console table (milliseconds) and wrk's run over the same span. */
  record Result(long serverCount, double p50Ms, double p95Ms, double p99Ms, WrkResult client) {}

  private AccuracyCheck() {}

  static Result run(Configuration hourglass, Path appJar, Path logs, Wrk wrk, int warmupSeconds)
      throws IOException, InterruptedException {
    Configuration withConsole =
        new Configuration(
            "hourglass-accuracy",
            hourglass.label(),
            concat(
                hourglass.jvmArgs(),
                "-Dotel.metrics.exporter=otlp,console",
                "-Dotel.metric.export.interval=" + INTERVAL_SECONDS + "s"),
            hourglass.agentJar());
    try (AppProcess app = AppProcess.start(withConsole.jvmArgs(), appJar, logs, withConsole.key())) {
      app.awaitFirstSuccess(OverheadHarness.STARTUP_TIMEOUT_MS);
      app.awaitHourglassReady(OverheadHarness.STARTUP_TIMEOUT_MS);
      wrk.run(app.port(), Math.max(warmupSeconds, INTERVAL_SECONDS + 2), CONNECTIONS, PATHS);
      // Wait for the interval holding the warm-up's tail to be published: a fresh one starts.
      // The single request guarantees that interval has data (an empty one prints no table).
      int beforeTail = headers(app);
      app.answers200(PATHS.get(0));
      awaitHeaders(app, beforeTail + 1);
      int published = headers(app);
      WrkResult client = wrk.run(app.port(), INTERVAL_SECONDS - 3, CONNECTIONS, PATHS);
      awaitHeaders(app, published + 1);
      return parse(lastTable(app.stdoutText()), client);
    }
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  private static int headers(AppProcess app) throws IOException {
    int count = 0;
    for (String line : app.stdoutText().split("\n")) {
      if (line.startsWith(HEADER)) {
        count++;
      }
    }
    return count;
  }

  private static void awaitHeaders(AppProcess app, int expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + (INTERVAL_SECONDS + 10) * 1_000_000_000L;
    while (headers(app) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no interval table #" + expected + " on stdout:\n" + app.stdoutText());
      }
      Thread.sleep(10);
    }
  }

  private static String lastTable(String stdout) {
    return stdout.substring(stdout.lastIndexOf(HEADER));
  }

  /** Reads {@code count req/s p50 p95 p99 p99.9 max} from the series' row of the table. */
  private static Result parse(String table, WrkResult client) throws IOException {
    for (String line : table.split("\n")) {
      if (line.startsWith(SERIES + " ")) {
        String[] columns = line.substring(SERIES.length()).trim().split("\\s+");
        return new Result(
            Long.parseLong(columns[0]),
            Double.parseDouble(columns[2]),
            Double.parseDouble(columns[3]),
            Double.parseDouble(columns[4]),
            client);
      }
    }
    throw new IOException("no row for " + SERIES + " in the interval table:\n" + table);
  }
}
