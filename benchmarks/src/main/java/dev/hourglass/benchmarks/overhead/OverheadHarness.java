package dev.hourglass.benchmarks.overhead;

import dev.hourglass.benchmarks.harness.AppProcess;
import dev.hourglass.benchmarks.harness.ClockTicks;
import dev.hourglass.benchmarks.harness.Configuration;
import dev.hourglass.benchmarks.harness.TelemetrySink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The overhead harness: starts the sample app under each configuration (no agent, Hourglass, the
 * OpenTelemetry Java agent, the Elastic APM agent), drives the same wrk load on a mix of endpoints,
 * interleaved A B C D × rounds so machine drift hits every configuration alike, then measures
 * Hourglass's accuracy against the client and writes a Markdown report to {@code
 * benchmarks/results/overhead-<date>.md}. Run it with {@code benchmarks/run-overhead.sh}, which
 * downloads the other agents first.
 */
public final class OverheadHarness {
  /**
   * The load mix, sent in this order and repeated: fast, DB by primary key, DB list, downstream
   * HTTP (the app calling its own {@code /slow?ms=0} with the JDK HttpClient).
   */
  static final List<String> MIX =
      List.of(
          "/fast", "/owners/{id}", "/fast", "/db/owners", "/owners/{id}", "/fast", "/owners/{id}",
          "/downstream?ms=0");

  /**
   * One endpoint at a time after the mix, each on its own wrk run: the mix averages a database
   * endpoint's cost with cheap ones. Path templates are expanded by {@code wrk/mix.lua}.
   */
  static final List<String> ENDPOINTS =
      List.of("/fast", "/owners/{id}", "/db/owners", "/downstream?ms=0");

  /** Generous: on a 2-core machine shared with builds, one agent took two minutes to start. */
  static final long STARTUP_TIMEOUT_MS = 300_000;

  /** The warm-up goes on while the JIT's threads use more than this share of one core. */
  static final double SETTLED_COMPILER_SHARE = 0.05;

  static final int SETTLE_SLICE_SECONDS = 2;

  private final HarnessOptions options;
  private final TelemetrySink sink;
  private final Wrk wrk;

  private OverheadHarness(HarnessOptions options, TelemetrySink sink) {
    this.options = options;
    this.sink = sink;
    this.wrk = new Wrk(options.wrkScript(), options.wrkThreads(), options.connections());
  }

  public static void main(String[] args) throws Exception {
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
      options.checkInputs();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (TelemetrySink sink = new TelemetrySink()) {
      new OverheadHarness(options, sink).run();
    }
  }

  private void run() throws IOException, InterruptedException {
    long started = System.nanoTime();
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    Configuration hourglass = Configuration.hourglass(options.hourglassJar(), sink.endpoint());
    List<Configuration> compared =
        List.of(
            Configuration.noAgent(),
            hourglass,
            Configuration.openTelemetry(options.otelJar(), options.otelVersion(), sink.endpoint()),
            Configuration.elastic(options.elasticJar(), options.elasticVersion(), sink.endpoint()));
    Configuration jarMode =
        Configuration.hourglass(
                options.hourglassJar(), sink.endpoint(), "-Dhourglass.bootstrap.mode=jar")
            .named("hourglass-jar", "Hourglass, hourglass.bootstrap.mode=jar");

    List<RunResult> runs = new ArrayList<>();
    List<long[]> jarModeStartups = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      for (Configuration configuration : compared) {
        RunResult result = runUnderLoad(configuration, round);
        runs.add(result);
        log(
            "round %d %-10s %8.0f req/s  p99 %6.2f ms  cpu %5.0f µs/req  start %5d ms  warm-up %5d ms",
            round,
            configuration.key(),
            result.load().requestsPerSecond(),
            result.load().p99Micros() / 1000.0,
            result.cpuMicrosPerRequest(),
            result.startupMillis(),
            result.warmupMillis());
      }
      long[] jarModeStartup = startupOnly(jarMode, round);
      log("round %d %-10s start %5d ms, cpu %5d ms", round, jarMode.key(), jarModeStartup[0], jarModeStartup[1]);
      jarModeStartups.add(jarModeStartup);
    }
    AccuracyCheck.Result accuracy =
        AccuracyCheck.run(hourglass, options.appJar(), options.logs(), wrk, options.warmupSeconds());
    log("accuracy: server p99 %.2f ms, client p99 %.2f ms", accuracy.p99Ms(), accuracy.client().p99Micros() / 1000.0);

    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    long minutes = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String report =
        new OverheadReport(options, compared, jarMode, runs, jarModeStartups, accuracy, wrk)
            .render(loadBefore, loadAfter, minutes);
    Files.createDirectories(options.results());
    Path file = options.results().resolve("overhead-" + LocalDate.now(ZoneOffset.UTC) + ".md");
    Files.writeString(file, report);
    System.out.print(report);
    log("wrote %s in %d s", file, minutes);
  }

  private RunResult runUnderLoad(Configuration configuration, int round)
      throws IOException, InterruptedException {
    TelemetrySink.Received before = sink.received();
    long startup;
    double startupCpu;
    long hourglassReady;
    long warmup;
    WrkResult load;
    double cpuMillis;
    double otherCores;
    long rss;
    AppProcess.JvmMemory memory;
    Map<String, Double> endpointCpu = new LinkedHashMap<>();
    try (AppProcess app =
        AppProcess.start(
            configuration.jvmArgs(), options.appJar(), options.logs(), configuration.key() + "-r" + round)) {
      startup = app.awaitFirstSuccess(STARTUP_TIMEOUT_MS);
      startupCpu = app.cpuTicks() * 1000.0 / ClockTicks.PER_SECOND;
      if (configuration.key().startsWith("hourglass")) {
        app.awaitHourglassReady(STARTUP_TIMEOUT_MS);
      }
      warmup = warmUp(app);
      long appTicks = app.cpuTicks();
      long machineTicks = MachineCpu.busyTicks();
      long windowStart = System.nanoTime();
      load = wrk.run(app.port(), options.measureSeconds(), MIX);
      double window = (System.nanoTime() - windowStart) / 1e9;
      appTicks = app.cpuTicks() - appTicks;
      machineTicks = MachineCpu.busyTicks() - machineTicks;
      cpuMillis = appTicks * 1000.0 / ClockTicks.PER_SECOND;
      otherCores = (machineTicks - appTicks) / (double) ClockTicks.PER_SECOND / window;
      for (String endpoint : ENDPOINTS) {
        endpointCpu.put(endpoint, cpuMicrosPerRequest(app, endpoint));
      }
      rss = app.rssKb();
      memory = app.memoryAfterFullGc();
      hourglassReady = app.hourglassReadyMillis();
    }
    return new RunResult(
        configuration.key(),
        round,
        startup,
        startupCpu,
        hourglassReady,
        warmup,
        load,
        cpuMillis,
        otherCores,
        memory,
        rss,
        sink.received().minus(before),
        endpointCpu);
  }

  /**
   * Drives the mix until the JIT has settled: at least {@code --warmup} seconds, then in slices
   * until the compiler threads used under {@value #SETTLED_COMPILER_SHARE} of one core during a
   * slice, at most {@code --warmup-max} seconds. On 2 cores C2 alone takes a quarter of the machine
   * for the first 15 s or so, and an agent's woven code adds to its queue: a fixed short warm-up
   * measured the compiler, not the steady-state cost of a request. Returns the milliseconds taken.
   */
  private long warmUp(AppProcess app) throws IOException, InterruptedException {
    long started = System.nanoTime();
    wrk.run(app.port(), options.warmupSeconds(), MIX);
    long deadline = started + TimeUnit.SECONDS.toNanos(options.warmupMaxSeconds());
    while (System.nanoTime() < deadline) {
      long compiler = app.compilerTicks();
      long sliceStart = System.nanoTime();
      wrk.run(app.port(), SETTLE_SLICE_SECONDS, MIX);
      double compilerSeconds = (app.compilerTicks() - compiler) / (double) ClockTicks.PER_SECOND;
      double sliceSeconds = (System.nanoTime() - sliceStart) / 1e9;
      if (compilerSeconds <= SETTLED_COMPILER_SHARE * sliceSeconds) {
        break;
      }
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** CPU µs per request of the app's JVM while wrk drives {@code endpoint} alone. */
  private double cpuMicrosPerRequest(AppProcess app, String endpoint)
      throws IOException, InterruptedException {
    wrk.run(app.port(), 1, List.of(endpoint)); // the JIT settles on this path alone
    long ticks = app.cpuTicks();
    WrkResult alone = wrk.run(app.port(), options.endpointSeconds(), List.of(endpoint));
    double cpuMicros = (app.cpuTicks() - ticks) * 1e6 / ClockTicks.PER_SECOND;
    return cpuMicros / alone.requests();
  }

  /** Wall and CPU milliseconds to the first successful request. */
  private long[] startupOnly(Configuration configuration, int round)
      throws IOException, InterruptedException {
    try (AppProcess app =
        AppProcess.start(
            configuration.jvmArgs(), options.appJar(), options.logs(), configuration.key() + "-r" + round)) {
      long wall = app.awaitFirstSuccess(STARTUP_TIMEOUT_MS);
      return new long[] {wall, app.cpuTicks() * 1000 / ClockTicks.PER_SECOND};
    }
  }

  static void log(String format, Object... args) {
    System.err.printf("[harness] " + format + "%n", args);
  }
}
