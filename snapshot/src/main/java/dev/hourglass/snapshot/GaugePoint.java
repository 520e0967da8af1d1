package dev.hourglass.snapshot;

import java.util.List;

/** One gauge series: its value at the end of the interval. */
public record GaugePoint(InstrumentDescriptor instrument, List<String> attributeValues, double value) implements Point {}
