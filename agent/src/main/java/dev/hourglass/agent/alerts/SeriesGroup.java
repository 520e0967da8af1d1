package dev.hourglass.agent.alerts;

import dev.hourglass.snapshot.Quantiles;
import org.HdrHistogram.Histogram;

/**
 * The series of one alert group within one snapshot, folded together: latency counts summed (and
 * histograms merged when the signal needs the distribution), counter deltas summed, gauge values
 * reduced to their highest. Confined to the evaluating thread; the snapshot's own histograms are
 * never modified (a merge works on a copy, made only when a group has several series).
 */
final class SeriesGroup {
  private final boolean keepDistribution;
  private Histogram histogram;
  private boolean histogramShared = true;
  private boolean latency;
  private long samples;
  private long errors;
  private long countOver;
  private double counted;
  private double countedShare;
  private double highest = Double.NaN;

  SeriesGroup(Signal signal) {
    Signal.Type kind = signal.kind();
    this.keepDistribution =
        kind == Signal.Type.QUANTILE || kind == Signal.Type.MAX || kind == Signal.Type.MEAN;
  }

  void addLatency(Histogram interval, boolean error, double overSeconds) {
    latency = true;
    samples += interval.getTotalCount();
    if (keepDistribution) {
      merge(interval);
    }
    if (error) {
      errors += interval.getTotalCount();
    }
    if (overSeconds > 0) {
      long overMicros = (long) Math.floor(overSeconds * 1e6);
      countOver += interval.getTotalCount() - interval.getCountBetweenValues(0, overMicros);
    }
  }

  private void merge(Histogram interval) {
    if (histogram == null) {
      histogram = interval; // read-only until a second series needs merging
      return;
    }
    if (histogramShared) {
      histogram = histogram.copy();
      histogramShared = false;
    }
    histogram.add(interval);
  }

  /** A counter's delta; {@code shared} when its series has the value a share signal counts. */
  void addCount(long delta, boolean shared) {
    counted += delta;
    if (shared) {
      countedShare += delta;
    }
  }

  void addValue(double value) {
    if (!Double.isNaN(value) && (Double.isNaN(highest) || value > highest)) {
      highest = value;
    }
  }

  /** The signal's value, or null when the group has nothing to say about it. */
  Measurement measure(Signal signal, double intervalSeconds) {
    switch (signal.kind()) {
      case VALUE:
      case RATIO:
        return Double.isNaN(highest) ? null : new Measurement(highest, 1);
      default:
        break;
    }
    if (!latency) {
      return measureCounter(signal, intervalSeconds);
    }
    if (samples == 0) {
      return null;
    }
    switch (signal.kind()) {
      case QUANTILE:
        return new Measurement(Quantiles.seconds(histogram, signal.quantile()), samples);
      case MAX:
        return new Measurement(Quantiles.seconds(histogram, 1.0), samples);
      case MEAN:
        return new Measurement(histogram.getMean() / 1e6, samples);
      case COUNT:
        return new Measurement(samples, samples);
      case RATE:
        return new Measurement(samples / intervalSeconds, samples);
      case ERROR_RATIO:
        return new Measurement((double) errors / samples, samples);
      case COUNT_OVER:
        return new Measurement(countOver, samples);
      default:
        return null;
    }
  }

  private Measurement measureCounter(Signal signal, double intervalSeconds) {
    switch (signal.kind()) {
      case COUNT:
      case NEW: // the interval's count; SeriesBaselines turns it into the signal
      case BASELINE_RATIO:
        return new Measurement(counted, 1);
      case RATE:
        return new Measurement(counted / intervalSeconds, 1);
      case SHARE:
        // The samples are the counted events, so a rule's minimum applies to them.
        return counted <= 0 ? null : new Measurement(countedShare / counted, (long) counted);
      default:
        return null;
    }
  }
}
