package dev.hourglass.benchmarks.hotpath;

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
 * <p>Packed recorders are measured behind a lock, as {@code LatencySeries} records into them:
 * without it, two threads resizing one packed histogram livelock in HdrHistogram 2.2.2's {@code
 * ConcurrentPackedLongArray} (the 2-thread run never finished). Flat recorders are pre-sized and
 * need no lock.
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

  /** packed3-locked is what LatencySeries uses today. */
  @Param({"packed3-locked", "packed2-locked", "flat3", "flat2"})
  public String representation;

  private Recorder recorder;
  private final Object lock = new Object();
  private boolean locked;
  private long[] micros;

  /** Each thread walks the value stream from its own position. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() {
    recorder =
        switch (representation) {
          case "packed3-locked" -> new Recorder(3, true);
          case "packed2-locked" -> new Recorder(2, true);
          case "flat3" -> new Recorder(ONE_HOUR_MICROS, 3);
          case "flat2" -> new Recorder(ONE_HOUR_MICROS, 2);
          default -> throw new IllegalArgumentException("unknown representation " + representation);
        };
    locked = representation.endsWith("-locked");
    long[] nanos = LatencyDistribution.DATABASE.sample(VALUES, 42);
    micros = new long[VALUES];
    for (int i = 0; i < VALUES; i++) {
      micros[i] = Math.min(nanos[i] / 1000, ONE_HOUR_MICROS);
    }
  }

  @Benchmark
  public void recordValue(Cursor cursor) {
    long value = micros[cursor.next++ & (VALUES - 1)];
    if (locked) {
      synchronized (lock) {
        recorder.recordValue(value);
      }
    } else {
      recorder.recordValue(value);
    }
  }
}
