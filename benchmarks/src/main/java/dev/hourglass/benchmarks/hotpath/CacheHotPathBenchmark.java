package dev.hourglass.benchmarks.hotpath;

import dev.hourglass.agent.cache.CacheRecorder;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * The cost Hourglass adds to one cache hit, against the same {@link #baseline} (the lookup's own
 * work, here a trivial one) and {@link #floor} (two clock reads and one histogram record) as {@link
 * ServletHotPathBenchmark}, measured in this class's own fork.
 *
 * <p>{@link #getIfPresentHit} runs what the inlined Caffeine {@code getIfPresent} advice calls
 * (call depth, the thread's lookup scope, the installed {@link CacheRecorder} and its per-cache
 * series); {@link #getWithLoaderHit} adds what a {@code get(key, loader)} does besides: the compute
 * path's advice handing the loader to the scope, which a hit never calls. A hit reads no clock.
 *
 * <p>State is shared between threads ({@link Scope#Benchmark}), as in an application whose threads
 * all read the same cache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CacheHotPathBenchmark {
  private static final Function<Object, Object> LOADER = key -> "loaded";

  private final Object cache = new Object();

  @Setup(Level.Trial)
  public void setUp() {
    CacheCalls.install(new CacheRecorder(new MetricRegistry(1000, 30)));
    CacheCalls.named(cache, "owners");
    // The cache's first lookup registers its series, as the first lookup in an application would.
    getIfPresentHit(new ServletHotPathBenchmark.Handler());
  }

  @Benchmark
  public long baseline(ServletHotPathBenchmark.Handler handler) {
    return handler.handle();
  }

  @Benchmark
  public long floor(ServletHotPathBenchmark.Handler handler) {
    long start = System.nanoTime();
    long result = handler.handle();
    handler.floorRecorder.recordValue((System.nanoTime() - start) / 1000);
    return result;
  }

  /** What the advice around Caffeine's {@code getIfPresent} runs for a hit. */
  @Benchmark
  public long getIfPresentHit(ServletHotPathBenchmark.Handler handler) {
    CacheScope scope = CacheCalls.enter();
    long result = handler.handle();
    CacheCalls.exit(scope, cache, true, null);
    return result;
  }

  /** What {@code get(key, loader)} runs for a hit: the facade's advice and the compute path's. */
  @Benchmark
  public Object getWithLoaderHit(ServletHotPathBenchmark.Handler handler) {
    CacheScope scope = CacheCalls.enter();
    Object loader = CacheCalls.loaderFor(LOADER);
    handler.handle();
    CacheCalls.exit(scope, cache, true, null);
    return loader;
  }
}
