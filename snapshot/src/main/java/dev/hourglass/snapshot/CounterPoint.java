package dev.hourglass.snapshot;

import java.util.List;

/** One counter series: what it counted in the interval and in total since it was created. */
public record CounterPoint(
    InstrumentDescriptor instrument,
    List<String> attributeValues,
    long delta,
    long total,
    long cumulativeStartEpochNanos) implements Point {}
