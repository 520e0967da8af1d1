package dev.hourglass.benchmarks.hotpath;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.errors.Errors;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.agent.traces.SlowRequests;
import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * {@link ServletHotPathBenchmark#servletRequest} with slow-request capture and the error inbox
 * installed as the agent installs them (defaults: 1 s threshold, 3 slowest per route above its
 * previous p99), for a request that is neither slow nor failing: what such a request pays for the
 * two features. {@link #servletRequestWithStatement} adds one JDBC execution's entry points (no
 * JDBC listener), so the timeline is filled and cleared each request. Compare with {@code
 * ServletHotPathBenchmark.servletRequest}; allocation (-prof gc) should stay at none.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TracedServletHotPathBenchmark {
  private static final String ROUTE = "/owners/*";

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    MetricRegistry registry = new MetricRegistry(1000, 30);
    IntervalClock clock = new IntervalClock(registry, Duration.ofSeconds(10)); // ticked by hand
    Config config = Config.load(null);
    ServerRequestRecorder serverRequests = new ServerRequestRecorder(registry);
    SlowRequests.install(config, clock, serverRequests);
    Errors.install(config, registry, clock, serverRequests);
    ServerRequests.install(serverRequests);
    // One slower request sets the route's p99 for the interval the benchmark runs in, so its fast
    // requests are not among the route's slowest (the path of nearly every request).
    RequestContext first = ServerRequests.start();
    Thread.sleep(5);
    ServerRequests.end(first, "GET", ROUTE, 200, null);
    clock.tick();
  }

  @Benchmark
  public long servletRequest(ServletHotPathBenchmark.Handler handler) {
    RequestContext context = CallDepth.enter(CallDepth.SERVLET) ? ServerRequests.start() : null;
    long result = handler.handle();
    if (CallDepth.exit(CallDepth.SERVLET) && context != null) {
      ServerRequests.end(context, "GET", ROUTE, 200, null);
    }
    return result;
  }

  @Benchmark
  public long servletRequestWithStatement(ServletHotPathBenchmark.Handler handler) {
    RequestContext context = CallDepth.enter(CallDepth.SERVLET) ? ServerRequests.start() : null;
    long start = JdbcCalls.executeEnter();
    long result = handler.handle();
    JdbcCalls.executeExit(this, null, JdbcCalls.PREPARED, start, null);
    if (CallDepth.exit(CallDepth.SERVLET) && context != null) {
      ServerRequests.end(context, "GET", ROUTE, 200, null);
    }
    return result;
  }
}
