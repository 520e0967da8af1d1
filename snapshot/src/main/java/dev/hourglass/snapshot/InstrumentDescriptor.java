package dev.hourglass.snapshot;

import java.util.List;

/**
 * What a metric is: its semantic-convention name, unit, kind and the names of its attributes. A
 * series of the instrument carries one value per attribute name, in the same order.
 */
public record InstrumentDescriptor(
    String name, String description, String unit, Kind kind, List<String> attributeNames) {

  /** How a metric's series are aggregated. */
  public enum Kind {
    /** Durations in an HdrHistogram: exported as histogram + exact quantile summary. */
    LATENCY,
    /** A monotonic count. */
    COUNTER,
    /** A value sampled at the end of each interval. */
    GAUGE
  }

  public InstrumentDescriptor {
    attributeNames = List.copyOf(attributeNames);
  }
}
