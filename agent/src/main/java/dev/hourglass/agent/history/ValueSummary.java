package dev.hourglass.agent.history;

/**
 * What history keeps of a counter or gauge series over one step: how many intervals it was seen
 * in, the sum (a counter's count over the step), the smallest, largest and last value. Merging two
 * steps is exact, like merging histograms. Mutable, for one thread.
 */
final class ValueSummary {
  long samples;
  double sum;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  double last;

  void add(double value) {
    samples++;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    last = value;
  }

  /** Adds a later step. */
  void merge(ValueSummary later) {
    samples += later.samples;
    sum += later.sum;
    min = Math.min(min, later.min);
    max = Math.max(max, later.max);
    last = later.last;
  }

  double mean() {
    return samples == 0 ? 0 : sum / samples;
  }
}
