package dev.hourglass.benchmarks.hotpath;

import static dev.hourglass.snapshot.AttributeKey.string;

import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.LatencySeries;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost Hourglass adds to one servlet request, against two references measured in the same fork:
 *
 * <ul>
 *   <li>{@link #baseline}: the request's own work (a trivial handler) with no instrumentation;
 *   <li>{@link #floor}: the physical floor of any timing agent, two {@code System.nanoTime()} calls
 *       and one {@code Recorder.recordValue} on a histogram resolved in advance.
 * </ul>
 *
 * <p>{@link #servletRequest} runs exactly what the inlined servlet advice calls (call depth, request
 * context, the installed {@link ServerRequestRecorder} and its series lookup by method, route,
 * status and error type). The servlet helper's calls into the container's request object ({@code
 * getMethod}, {@code getHttpServletMapping}, {@code getStatus}) are not included: they depend on the
 * container, and their strings are passed in as constants here.
 *
 * <p>State is shared between threads ({@link Scope#Benchmark}), as in an application whose threads
 * all serve the same route, so {@code -t 2} shows the contention on one series' recorder.
 *
 * <p>Other families have their own classes in this package ({@link CacheHotPathBenchmark}, {@link
 * JdbcHotPathBenchmark}; an {@code HttpClientHotPathBenchmark} is to come), each with the same
 * {@code baseline} and {@code floor} so that every family is compared within its own fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ServletHotPathBenchmark {
  private static final String ROUTE = "/owners/*";

  private LatencySeries resolvedSeries;
  private LatencyInstrument instrument;

  /**
   * The request's own work: one increment of a per-thread counter, returned so it is not dropped.
   * Also the floor's recorder: a packed 3-digit single-writer recorder of this thread's own, the
   * cheapest record there is (no sharing, no atomics beyond the recorder's phaser).
   */
  @State(Scope.Thread)
  public static class Handler {
    private long served;
    final SingleWriterRecorder floorRecorder = new SingleWriterRecorder(3, true);

    long handle() {
      return ++served;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    MetricRegistry registry = new MetricRegistry(1000, 30);
    ServerRequestRecorder serverRequests = new ServerRequestRecorder(registry);
    ServerRequests.install(serverRequests);
    // Warm the series the benchmark hits, as the first request of a route would.
    RequestContext first = ServerRequests.start();
    ServerRequests.end(first, "GET", ROUTE, 200, null);

    instrument = registry.latency("bench.duration", "benchmark series", string("a"), string("b"), string("c"), string("d"));
    resolvedSeries = instrument.series("GET", ROUTE, "200", "");
  }

  @Benchmark
  public long baseline(Handler handler) {
    return handler.handle();
  }

  /** One clock read: on a VM its cost decides most of the floor (kvm-clock, TSC, HPET differ). */
  @Benchmark
  public long clockRead() {
    return System.nanoTime();
  }

  @Benchmark
  public long floor(Handler handler) {
    long start = System.nanoTime();
    long result = handler.handle();
    handler.floorRecorder.recordValue((System.nanoTime() - start) / 1000);
    return result;
  }

  /** Two clock reads and a record into a series handle resolved in advance (the JDBC plan). */
  @Benchmark
  public long seriesRecord(Handler handler) {
    long start = System.nanoTime();
    long result = handler.handle();
    resolvedSeries.recordNanos(System.nanoTime() - start);
    return result;
  }

  /** Two clock reads, a series lookup by four attribute values, and the record. */
  @Benchmark
  public long seriesLookupAndRecord(Handler handler) {
    long start = System.nanoTime();
    long result = handler.handle();
    long nanos = System.nanoTime() - start;
    instrument.series("GET", ROUTE, "200", "").recordNanos(nanos);
    return result;
  }

  /** What the servlet advice runs around the outermost {@code service} call. */
  @Benchmark
  public long servletRequest(Handler handler) {
    RequestContext context =
        CallDepth.enter(CallDepth.SERVLET) ? ServerRequests.start() : null;
    long result = handler.handle();
    if (CallDepth.exit(CallDepth.SERVLET) && context != null) {
      ServerRequests.end(context, "GET", ROUTE, 200, null);
    }
    return result;
  }
}
