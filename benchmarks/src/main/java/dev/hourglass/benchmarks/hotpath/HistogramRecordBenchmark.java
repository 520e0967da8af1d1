package dev.hourglass.benchmarks.hotpath;

import static dev.hourglass.snapshot.AttributeKey.string;

import dev.hourglass.agent.metrics.LatencySeries;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.benchmarks.memory.LatencyDistribution;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per {@code Recorder.recordValue} for each candidate series representation, fed with
 * realistic, varying latencies (the database distribution) rather than one repeated value, so a
 * sparse (packed) histogram pays for touching different buckets as it would in production.
 *
 * <p>{@code series} is what the agent records into: {@code LatencySeries.recordNanos}, striped
 * single-writer packed recorders claimed without a lock. {@code packed3-locked} is what it did
 * before: HdrHistogram's multi-writer packed {@code Recorder} behind a per-series lock (without the
 * lock two threads resizing one packed histogram livelock in HdrHistogram 2.2.2's {@code
 * ConcurrentPackedLongArray}: the 2-thread run never finished). Flat recorders are pre-sized and
 * need no lock, at ~190 KB (3 digits) or ~27 KB (2 digits) per histogram.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HistogramRecordBenchmark {
  private static final long ONE_HOUR_MICROS = 3_600_000_000L;
  private static final int VALUES = 1 << 16; // power of two: the index wraps with a mask

  @Param({"series", "packed3-locked", "flat3", "flat2"})
  public String representation;

  private LatencySeries series;
  private Recorder recorder;
  private final Object lock = new Object();
  private boolean locked;
  private boolean viaSeries;
  private long[] micros;

  /** Each thread walks the value stream from its own position. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() {
    series = new MetricRegistry(10, 30).latency("bench.duration", "benchmark", string("a")).series("x");
    recorder =
        switch (representation) {
          case "series", "packed3-locked" -> new Recorder(3, true);
          case "flat3" -> new Recorder(ONE_HOUR_MICROS, 3);
          case "flat2" -> new Recorder(ONE_HOUR_MICROS, 2);
          default -> throw new IllegalArgumentException("unknown representation " + representation);
        };
    locked = representation.endsWith("-locked");
    viaSeries = representation.equals("series");
    long[] nanos = LatencyDistribution.DATABASE.sample(VALUES, 42);
    micros = new long[VALUES];
    for (int i = 0; i < VALUES; i++) {
      micros[i] = Math.min(nanos[i] / 1000, ONE_HOUR_MICROS);
    }
  }

  @Benchmark
  public void recordValue(Cursor cursor) {
    long value = micros[cursor.next++ & (VALUES - 1)];
    if (viaSeries) {
      series.recordNanos(value * 1000);
    } else if (locked) {
      synchronized (lock) {
        recorder.recordValue(value);
      }
    } else {
      recorder.recordValue(value);
    }
  }
}
