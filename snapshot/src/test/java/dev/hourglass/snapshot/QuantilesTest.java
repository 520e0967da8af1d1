package dev.hourglass.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;

class QuantilesTest {
  private static void assertSameAsOneByOne(Histogram micros) {
    long[] values = Quantiles.reported(micros);
    for (int i = 0; i < Quantiles.REPORTED.length; i++) {
      assertThat(values[i] / 1e6)
          .as("quantile %s of %d values", Quantiles.REPORTED[i], micros.getTotalCount())
          .isEqualTo(Quantiles.seconds(micros, Quantiles.REPORTED[i]));
    }
  }

  @Test
  void reported_equalsSeconds_forRandomHistogramsOfEverySizeAndSpread() {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 500; round++) {
      Histogram histogram =
          round % 2 == 0 ? new Histogram(3_600_000_000L, 3) : new PackedHistogram(3);
      int count = 1 + random.nextInt(round < 100 ? 20 : 5000);
      long spread = 1L << (1 + random.nextInt(30));
      for (int i = 0; i < count; i++) {
        histogram.recordValue(random.nextLong(spread));
      }
      assertSameAsOneByOne(histogram);
    }
  }

  @Test
  void reported_onAnEmptyHistogram_isZeros() {
    assertThat(Quantiles.reported(new Histogram(3))).containsExactly(0, 0, 0, 0, 0);
  }

  @Test
  void reported_withExactValues() {
    Histogram histogram = new Histogram(3);
    for (int micros = 1; micros <= 1000; micros++) {
      histogram.recordValue(micros); // below 2,048 every value is its own bucket
    }
    assertThat(Quantiles.reported(histogram)).containsExactly(500, 950, 990, 999, 1000);
  }
}
