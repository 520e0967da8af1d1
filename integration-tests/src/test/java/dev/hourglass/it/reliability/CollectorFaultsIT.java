package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.FaultMode;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.harness.ReceivedPoint;
import dev.hourglass.it.harness.SelfMetrics;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A collector that goes down, refuses connections, hangs, or answers 500, 429 or garbage costs the
 * application nothing and the agent only data that it counts. For each transport, two sample apps
 * run side by side with identical settings, one exporting to a healthy collector and one to a
 * collector that fails on cue, every second so that several exports fail in each fault. Per fault,
 * while the same requests go to both twins:
 *
 * <ol>
 *   <li>the faulty twin's client-observed median and p90 stay within noise of the healthy twin's;
 *   <li>its export queue, watched through {@code /api/health} because OTLP cannot report it during
 *       the outage, fills up to {@code hourglass.export.queue} and never beyond, and the overflow is
 *       counted as dropped points;
 *   <li>failed exports are retried on the backoff schedule (1 s doubling), not in a loop;
 *   <li>when the collector returns, export resumes without a restart: requests made after the
 *       recovery arrive with exact counts, cumulative counts include the requests of the snapshots
 *       dropped during the outage, and OTLP then reports the same drop and failure totals as {@code
 *       /api/health}.
 * </ol>
 *
 * The grpc twins export base-2 exponential histograms, whose cumulative state lives in the
 * exporter, the http/protobuf twins explicit-bucket ones.
 */
class CollectorFaultsIT {
  private static final String METRIC = "http.server.request.duration";
  private static final String DROPPED = "hourglass.agent.export.dropped";
  private static final String FAILURES = "hourglass.agent.export.failures";
  private static final String INTERVAL = "1s";
  private static final int QUEUE_CAP = 2;
  /** Each attempt against a hanging collector costs this much of the exporter's time. */
  private static final String EXPORT_TIMEOUT = "1s";
  /** Lets both twins' JIT compile the request path alike before anything is measured. */
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  /** Long enough for the queue to fill and overflow and for two retries; the fourth is 7 s away. */
  private static final Duration FAULT_LOAD = Duration.ofSeconds(6);
  private static final Duration HEALTH_POLL = Duration.ofMillis(100);
  /** Recovery is seen at the next retry, at most 8 s away after a 6 s outage; ample on a loaded box. */
  private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(45);
  private static final int REQUESTS_AFTER_RECOVERY = 37;
  // Generous slack for a shared 2-core machine: an application thread that waited on the exporter
  // (a 1 s timeout, a full queue) would cost whole seconds, not these fractions of a millisecond.
  private static final double MEDIAN_FACTOR = 1.5;
  private static final double MEDIAN_SLACK_MS = 1;
  private static final double P90_FACTOR = 2;
  private static final double P90_SLACK_MS = 5;

  /** A collector fault over the transport it is exercised with; both transports are covered. */
  enum Fault {
    DOWN("http/protobuf", null),
    REFUSING("grpc", FaultMode.CLOSE_CONNECTION),
    HANGING("http/protobuf", FaultMode.HANG),
    ANSWERING_500("grpc", FaultMode.SERVER_ERROR),
    ANSWERING_429("http/protobuf", FaultMode.TOO_MANY_REQUESTS),
    /** A 200 with a body that is no OTLP answer: the exporter cannot tell it from a success. */
    ANSWERING_GARBAGE("http/protobuf", FaultMode.GARBAGE),
    ANSWERING_NOT_HTTP("grpc", FaultMode.GARBAGE);

    final String protocol;
    final FaultMode mode;

    Fault(String protocol, FaultMode mode) {
      this.protocol = protocol;
      this.mode = mode;
    }

    void inject(SwitchableCollector collector) {
      if (mode == null) {
        collector.goDown();
      } else {
        collector.fail(mode);
      }
    }

    /** Whether the agent can tell that an export failed; a 200 looks delivered, whatever its body. */
    boolean failsExports() {
      return this != ANSWERING_GARBAGE;
    }

    /** Whether each attempt reaches the receiver as a request body that it records. */
    boolean receiverSeesAttempts() {
      return this == HANGING || this == ANSWERING_500 || this == ANSWERING_429;
    }
  }

  @RegisterExtension static final ChildJvms jvms = new ChildJvms();
  private static OtlpReceiver healthyCollector;
  private static Twins httpTwins;
  private static Twins grpcTwins;

  @BeforeAll
  static void startTwins() throws Exception {
    healthyCollector = OtlpReceiver.start();
    CompletableFuture<Twins> http = CompletableFuture.supplyAsync(() -> Twins.start("http/protobuf"));
    grpcTwins = Twins.start("grpc");
    httpTwins = http.get();
    grpcTwins.warmUp();
    httpTwins.warmUp();
  }

  @AfterAll
  static void stopTwins() {
    // Apps first, so their final exports still find a collector.
    for (Twins twins : new Twins[] {httpTwins, grpcTwins}) {
      if (twins != null) {
        twins.stop();
      }
    }
    if (healthyCollector != null) {
      healthyCollector.close();
    }
  }

  /**
   * What one fault cost while the same load went to both twins: the faulty twin's exporter figures
   * are differences over the fault, read from {@code /api/health}.
   */
  private record FaultWindow(
      TwinLoad.Result load,
      Duration length,
      long failures,
      long droppedPoints,
      long largestQueue,
      int exportCallsReceived,
      long healthyTwinExportedPoints) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void collectorFault_costsTheAppNothing_andExportResumesWhenTheCollectorReturns(Fault fault)
      throws Exception {
    Twins twins = fault.protocol.equals("grpc") ? grpcTwins : httpTwins;
    // A fault whose assertions failed skipped its recovery checks; start from an exporter that caught up.
    await(() -> lastCount(twins.collector.receiver(), "/fast") == twins.fastRequests, RESUME_TIMEOUT);

    FaultWindow window = underFault(fault, twins);
    System.out.printf("%s over %s: %s%n", fault, fault.protocol, window);

    assertLatencyWithinNoise(window.load());
    assertThat(window.healthyTwinExportedPoints()).as("the healthy twin kept exporting while measured").isPositive();
    int allowed = attemptsAllowedWithin(window.length());
    if (fault.failsExports()) {
      assertThat(window.largestQueue())
          .as("queued snapshots: the queue fills up to hourglass.export.queue and never beyond")
          .isEqualTo(QUEUE_CAP);
      assertThat(window.droppedPoints()).as("points of the snapshots pushed out of the full queue").isPositive();
      assertThat(window.failures())
          .as("failed attempts in %d ms: retried, on the backoff schedule", window.length().toMillis())
          .isBetween(2L, (long) allowed);
    } else {
      assertThat(window.largestQueue()).isLessThanOrEqualTo(QUEUE_CAP);
      assertThat(window.failures()).isZero();
      assertThat(window.droppedPoints()).isZero();
    }
    if (fault.receiverSeesAttempts()) {
      assertThat(window.exportCallsReceived()).as("export calls reaching the collector").isBetween(2, allowed);
    }

    assertExportResumesWithExactCounts(twins);
  }

  /** Injects the fault, loads both twins while watching the faulty one's health, then recovers the collector. */
  private static FaultWindow underFault(Fault fault, Twins twins) throws InterruptedException {
    ExporterHealth.Reading before = ExporterHealth.readOnce(twins.faultyAgent);
    ExporterHealth.Reading healthyBefore = ExporterHealth.readOnce(twins.healthyAgent);
    int callsBefore = twins.collector.exportCalls();
    long start = System.nanoTime();
    fault.inject(twins.collector);
    try (ExporterHealth faultyHealth = ExporterHealth.watch(twins.faultyAgent, HEALTH_POLL)) {
      TwinLoad.Result load = twins.load(FAULT_LOAD);
      ExporterHealth.Reading after = faultyHealth.read();
      Duration length = Duration.ofNanos(System.nanoTime() - start);
      return new FaultWindow(
          load,
          length,
          after.failedAttempts() - before.failedAttempts(),
          after.droppedPoints() - before.droppedPoints(),
          faultyHealth.largestQueue(),
          twins.collector.exportCalls() - callsBefore,
          ExporterHealth.readOnce(twins.healthyAgent).exportedPoints() - healthyBefore.exportedPoints());
    } finally {
      // Before any assertion, so that the next fault starts from a working collector whatever this one found.
      twins.collector.recover();
    }
  }

  private static void assertExportResumesWithExactCounts(Twins twins) throws InterruptedException {
    twins.sendAfterRecovery(REQUESTS_AFTER_RECOVERY);
    OtlpReceiver collector = twins.collector.receiver();
    await(() -> lastCount(collector, "/slow") == twins.slowRequests, RESUME_TIMEOUT);
    assertThat(lastCount(collector, "/slow"))
        .as("requests made after the collector returned, exported without a restart")
        .isEqualTo(twins.slowRequests);
    assertThat(lastCount(collector, "/fast"))
        .as("the cumulative count includes the requests of snapshots dropped during the outage")
        .isEqualTo(twins.fastRequests);

    // Snapshots go out in order, so every older one is delivered or dropped: the totals are final.
    ExporterHealth.Reading recovered = ExporterHealth.readOnce(twins.faultyAgent);
    await(
        () -> SelfMetrics.lastOrZero(collector, DROPPED) == recovered.droppedPoints()
            && SelfMetrics.lastOrZero(collector, FAILURES) == recovered.failedAttempts(),
        Duration.ofSeconds(20));
    assertThat(SelfMetrics.lastOrZero(collector, DROPPED))
        .as("dropped points over OTLP, as /api/health counted them")
        .isEqualTo(recovered.droppedPoints());
    assertThat(SelfMetrics.lastOrZero(collector, FAILURES))
        .as("failed attempts over OTLP, as /api/health counted them")
        .isEqualTo(recovered.failedAttempts());
  }

  private static void assertLatencyWithinNoise(TwinLoad.Result load) {
    TwinLoad.Latencies healthy = load.first();
    TwinLoad.Latencies faulty = load.second();
    assertThat(faulty.quantileMillis(0.5))
        .as("median latency with a faulty collector; healthy twin: %s", healthy)
        .isLessThanOrEqualTo(healthy.quantileMillis(0.5) * MEDIAN_FACTOR + MEDIAN_SLACK_MS);
    assertThat(faulty.quantileMillis(0.9))
        .as("p90 latency with a faulty collector; healthy twin: %s", healthy)
        .isLessThanOrEqualTo(healthy.quantileMillis(0.9) * P90_FACTOR + P90_SLACK_MS);
  }

  /**
   * Attempts the exporter's schedule allows within {@code elapsed} of the fault: the first, then
   * one after each wait of 1 s doubling to 30 s (each attempt's own time only adds to the waits).
   */
  static int attemptsAllowedWithin(Duration elapsed) {
    int attempts = 1;
    long waited = 0;
    for (long backoff = 1000;
        waited + backoff <= elapsed.toMillis();
        backoff = Math.min(2 * backoff, 30_000)) {
      waited += backoff;
      attempts++;
    }
    return attempts;
  }

  /**
   * The route's count in the last accepted export that carried it: every request so far, the
   * temporality being cumulative.
   */
  private static long lastCount(OtlpReceiver collector, String route) {
    List<ReceivedPoint> points =
        collector.dataPoints(METRIC).stream()
            .filter(point -> route.equals(point.attributes().get("http.route")))
            .toList();
    if (points.isEmpty()) {
      return 0;
    }
    ReceivedPoint last = points.get(points.size() - 1);
    return last.proto() instanceof HistogramDataPoint histogram
        ? histogram.getCount()
        : last.exponentialHistogram().getCount();
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  /**
   * The two sample apps of one transport, alike but for their collector, and the requests the
   * faulty one has served so far (the ground truth its cumulative counts must equal).
   */
  private static final class Twins {
    final InstrumentedApp healthy;
    final String healthyAgent;
    final InstrumentedApp faulty;
    final String faultyAgent;
    final SwitchableCollector collector;
    long fastRequests;
    long slowRequests;

    private Twins(
        InstrumentedApp healthy,
        String healthyAgent,
        InstrumentedApp faulty,
        String faultyAgent,
        SwitchableCollector collector) {
      this.healthy = healthy;
      this.healthyAgent = healthyAgent;
      this.faulty = faulty;
      this.faultyAgent = faultyAgent;
      this.collector = collector;
    }

    static Twins start(String protocol) {
      SwitchableCollector collector = SwitchableCollector.start();
      String healthyEndpoint =
          protocol.equals("grpc") ? healthyCollector.grpcEndpoint() : healthyCollector.httpEndpoint();
      int healthyAgentPort = Ports.free();
      int faultyAgentPort = Ports.free();
      CompletableFuture<InstrumentedApp> healthy =
          CompletableFuture.supplyAsync(() -> sampleApp(protocol, healthyEndpoint, healthyAgentPort));
      InstrumentedApp faulty = sampleApp(protocol, collector.endpoint(protocol), faultyAgentPort);
      return new Twins(healthy.join(), agentUrl(healthyAgentPort), faulty, agentUrl(faultyAgentPort), collector);
    }

    private static InstrumentedApp sampleApp(String protocol, String endpoint, int agentPort) {
      ChildJvm.Builder builder =
          jvms.builder()
              .systemProperty("hourglass.export.queue", String.valueOf(QUEUE_CAP))
              .systemProperty("otel.exporter.otlp.timeout", EXPORT_TIMEOUT)
              .systemProperty("hourglass.http.port", String.valueOf(agentPort));
      if (protocol.equals("grpc")) {
        builder.systemProperty(
            "otel.exporter.otlp.metrics.default.histogram.aggregation", "base2_exponential_bucket_histogram");
      }
      return InstrumentedApp.sampleApp(builder, protocol, endpoint, INTERVAL);
    }

    private static String agentUrl(int port) {
      return "http://127.0.0.1:" + port;
    }

    void warmUp() throws InterruptedException {
      load(WARM_UP);
    }

    /** Interleaved GETs of /fast to both twins; counts what the faulty one served. */
    TwinLoad.Result load(Duration duration) throws InterruptedException {
      TwinLoad.Result result = TwinLoad.run(healthy.url("/fast"), faulty.url("/fast"), duration);
      fastRequests += result.second().count();
      return result;
    }

    /** Requests to a route of their own, so that their count shows what was recorded after recovery. */
    void sendAfterRecovery(int requests) {
      for (int i = 0; i < requests; i++) {
        assertThat(Http.get(faulty.url("/slow?ms=1")).status()).isEqualTo(200);
      }
      slowRequests += requests;
    }

    void stop() {
      healthy.jvm().stop();
      faulty.jvm().stop();
      collector.close();
    }
  }
}
