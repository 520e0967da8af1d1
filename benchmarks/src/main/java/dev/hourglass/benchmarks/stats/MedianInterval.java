package dev.hourglass.benchmarks.stats;

import java.util.Collection;
import java.util.Locale;

/**
 * The median of a sample with a distribution-free confidence interval: the interval between two
 * order statistics, chosen from the binomial distribution so that it holds the true median with
 * at least 95 % probability whatever the distribution (no normality assumed, which run times on a
 * shared machine do not have). Six values are the fewest that allow a 95 % interval; with fewer,
 * {@link #hasInterval()} is false.
 *
 * @param median the sample median
 * @param low the interval's lower end (the median itself when there is no interval)
 * @param high the interval's upper end
 * @param coverage the interval's actual confidence, at least 0.95 (0 when there is none)
 * @param count the number of values
 */
public record MedianInterval(double median, double low, double high, double coverage, int count) {

  public static MedianInterval of(Collection<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    // The largest k with P(Binomial(n, 1/2) < k) <= 2.5 %: then [x(k), x(n-k+1)] covers the median
    // with probability 1 - 2 P(B < k).
    double tail = 0;
    int k = 0;
    while (k < n / 2) {
      double next = tail + binomialHalf(n, k);
      if (next > 0.025) {
        break;
      }
      tail = next;
      k++;
    }
    if (k == 0) {
      return new MedianInterval(median, median, median, 0, n);
    }
    return new MedianInterval(median, sorted[k - 1], sorted[n - k], 1 - 2 * tail, n);
  }

  public boolean hasInterval() {
    return coverage > 0;
  }

  /** "+812 [+640, +1,020]" in the given format, or the median alone without an interval. */
  public String format(String numberFormat) {
    String m = String.format(Locale.ROOT, numberFormat, median);
    if (!hasInterval()) {
      return m;
    }
    return m
        + " ["
        + String.format(Locale.ROOT, numberFormat, low)
        + ", "
        + String.format(Locale.ROOT, numberFormat, high)
        + "]";
  }

  /** P(Binomial(n, 1/2) = k). */
  private static double binomialHalf(int n, int k) {
    double choose = 1;
    for (int i = 1; i <= k; i++) {
      choose = choose * (n - k + i) / i;
    }
    return choose / Math.pow(2, n);
  }

  @Override
  public String toString() {
    return format("%.3f")
        + String.format(Locale.ROOT, " (n=%d, %.1f %% confidence)", count, 100 * coverage);
  }
}
