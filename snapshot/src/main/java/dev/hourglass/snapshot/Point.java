package dev.hourglass.snapshot;

import java.util.List;

/** What every point of a snapshot has: its instrument and one attribute value per attribute key. */
public interface Point {
  InstrumentDescriptor instrument();

  /** In the order of {@link InstrumentDescriptor#attributes()}; {@code ""} where one does not apply. */
  List<String> attributeValues();

  /** The value of the named attribute, or null when the instrument has no such attribute. */
  default String attribute(String name) {
    int index = instrument().indexOf(name);
    return index < 0 ? null : attributeValues().get(index);
  }
}
