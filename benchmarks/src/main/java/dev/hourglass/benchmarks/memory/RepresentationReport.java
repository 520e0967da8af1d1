package dev.hourglass.benchmarks.memory;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Footprint and quantile error of the HdrHistogram representations a series could use, per latency
 * distribution. Each representation is a {@link Recorder} (what a series holds), values in
 * microseconds truncated from nanoseconds as the agent records them; the error is against the exact
 * nearest-rank quantile of the original nanosecond values, read the way the exporter reads it
 * (HdrHistogram's highest equivalent value).
 */
final class RepresentationReport {
  private static final long ONE_HOUR_MICROS = 3_600_000_000L;
  private static final int VALUES = 10_000; // one 10 s interval of a 1,000 request/s route
  private static final double[] QUANTILES = {0.5, 0.95, 0.99, 0.999};

  private enum Representation {
    PACKED3("packed, 3 digits, auto-resizing (current)", () -> new Recorder(3, true)),
    PACKED2("packed, 2 digits, auto-resizing", () -> new Recorder(2, true)),
    FLAT3("flat, 3 digits, 1 µs – 1 h", () -> new Recorder(ONE_HOUR_MICROS, 3)),
    FLAT2("flat, 2 digits, 1 µs – 1 h", () -> new Recorder(ONE_HOUR_MICROS, 2));

    final String description;
    final Supplier<Recorder> factory;

    Representation(String description, Supplier<Recorder> factory) {
      this.description = description;
      this.factory = factory;
    }
  }

  private RepresentationReport() {}

  static String section() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "## Representations: footprint and quantile error%n%n"
                + "%,d values per interval. \"One phase\" is HdrHistogram's estimated footprint of"
                + " the interval histogram after recording them; a Recorder holds two phases"
                + " (active + the interval histogram handed to the reader), so a series costs about"
                + " twice that. Error: (histogram − exact) / exact, at p50 / p95 / p99 / p99.9.%n%n"
                + "| representation | distribution | one phase (bytes) | two phases (bytes) |"
                + " p50 err | p95 err | p99 err | p99.9 err |%n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |%n",
            VALUES));
    for (Representation representation : Representation.values()) {
      for (LatencyDistribution distribution : LatencyDistribution.values()) {
        out.append(row(representation, distribution));
      }
    }
    out.append('\n');
    return out.toString();
  }

  private static String row(Representation representation, LatencyDistribution distribution) {
    long[] nanos = distribution.sample(VALUES, 1234);
    Recorder recorder = representation.factory.get();
    for (long value : nanos) {
      recorder.recordValue(Math.min(value / 1000, ONE_HOUR_MICROS));
    }
    Histogram interval = recorder.getIntervalHistogram();
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    StringBuilder row =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %,d |",
                representation.description,
                distribution.description(),
                interval.getEstimatedFootprintInBytes(),
                2 * interval.getEstimatedFootprintInBytes()));
    for (double quantile : QUANTILES) {
      double exact = sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
      double measured = interval.getValueAtPercentile(quantile * 100.0) * 1000.0;
      row.append(String.format(Locale.ROOT, " %+.2f %% |", 100.0 * (measured - exact) / exact));
    }
    return row.append('\n').toString();
  }
}
