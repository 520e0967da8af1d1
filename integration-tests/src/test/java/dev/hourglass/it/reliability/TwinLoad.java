package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The same GETs sent to two applications in alternating pairs (A then B, then B then A), so that
 * whatever else loads the machine at a given moment weighs on both alike; the client-observed
 * latencies of each side are kept for comparing order statistics.
 */
final class TwinLoad {
  // A pause between pairs keeps the load at a few hundred requests a second: enough samples, while
  // leaving the two cores to the applications and their agents.
  private static final Duration PAUSE = Duration.ofMillis(4);

  private TwinLoad() {}

  /** Client-observed latencies of one side, in nanoseconds. */
  record Latencies(List<Long> nanos) {
    Latencies {
      nanos = nanos.stream().sorted().toList();
    }

    /** Nearest-rank quantile in milliseconds. */
    double quantileMillis(double q) {
      int rank = (int) Math.ceil(q * nanos.size());
      return nanos.get(Math.max(0, rank - 1)) / 1e6;
    }

    int count() {
      return nanos.size();
    }

    @Override
    public String toString() {
      return String.format(
          "%d requests, median %.2f ms, p90 %.2f ms, p99 %.2f ms",
          count(), quantileMillis(0.5), quantileMillis(0.9), quantileMillis(0.99));
    }
  }

  /** What each side saw. */
  record Result(Latencies first, Latencies second) {}

  /** Sends pairs of GETs to {@code firstUrl} and {@code secondUrl} for {@code duration}; all must answer 200. */
  static Result run(String firstUrl, String secondUrl, Duration duration) throws InterruptedException {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    for (int pair = 0; System.nanoTime() < end; pair++) {
      if (pair % 2 == 0) {
        first.add(timedGet(firstUrl));
        second.add(timedGet(secondUrl));
      } else {
        second.add(timedGet(secondUrl));
        first.add(timedGet(firstUrl));
      }
      Thread.sleep(PAUSE.toMillis());
    }
    return new Result(new Latencies(first), new Latencies(second));
  }

  private static long timedGet(String url) {
    long start = System.nanoTime();
    int status = Http.get(url).status();
    long took = System.nanoTime() - start;
    if (status != 200) {
      throw new AssertionError(url + " answered " + status);
    }
    return took;
  }
}
