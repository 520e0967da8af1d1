package dev.hourglass.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * What a metric is: its semantic-convention name, unit, kind and its typed attribute keys. A series
 * of the instrument carries one value per attribute key, in the same order.
 */
public record InstrumentDescriptor(
    String name, String description, String unit, Kind kind, List<AttributeKey> attributes) {

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
    attributes = List.copyOf(attributes);
  }

  /** The attribute names, in order. */
  public List<String> attributeNames() {
    List<String> names = new ArrayList<>(attributes.size());
    for (AttributeKey key : attributes) {
      names.add(key.name());
    }
    return names;
  }

  /** The position of the named attribute in a point's values, or -1 if the instrument lacks it. */
  public int indexOf(String attributeName) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.get(i).name().equals(attributeName)) {
        return i;
      }
    }
    return -1;
  }
}
