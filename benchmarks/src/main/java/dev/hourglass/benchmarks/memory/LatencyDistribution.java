package dev.hourglass.benchmarks.memory;

import java.util.Random;

/**
 * Synthetic request and query latencies, in nanoseconds, shaped like what the agent records: a fast
 * endpoint, database statements with a long tail, a cache that mostly hits, and a series spanning
 * six decades. Seeded, so every run sees the same values.
 */
public enum LatencyDistribution {
  /** Log-normal, median 150 µs, sigma 0.4: a cheap endpoint. */
  FAST("fast endpoint: log-normal, median 150 µs, σ 0.4") {
    @Override
    long next(Random random) {
      return logNormal(random, 150_000, 0.4);
    }
  },
  /** Log-normal, median 1.5 ms, sigma 1.0: SQL statements with a heavy tail. */
  DATABASE("database: log-normal, median 1.5 ms, σ 1.0") {
    @Override
    long next(Random random) {
      return logNormal(random, 1_500_000, 1.0);
    }
  },
  /** 90 % around 0.8 ms, 10 % around 40 ms: a cache in front of a slow backend. */
  BIMODAL("bimodal: 90 % ~0.8 ms, 10 % ~40 ms") {
    @Override
    long next(Random random) {
      return random.nextInt(10) == 0 ? logNormal(random, 40_000_000, 0.3) : logNormal(random, 800_000, 0.2);
    }
  },
  /** Log-uniform from 20 µs to 20 s: the worst case for a sparse histogram. */
  WIDE("wide: log-uniform 20 µs – 20 s") {
    @Override
    long next(Random random) {
      return (long) Math.exp(Math.log(20_000) + random.nextDouble() * Math.log(1e6));
    }
  };

  private final String description;

  LatencyDistribution(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  abstract long next(Random random);

  /** {@code count} values, the same for the same seed. */
  public long[] sample(int count, long seed) {
    Random random = new Random(seed);
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = next(random);
    }
    return values;
  }

  private static long logNormal(Random random, double median, double sigma) {
    return (long) (median * Math.exp(sigma * random.nextGaussian()));
  }
}
