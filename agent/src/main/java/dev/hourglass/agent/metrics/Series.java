package dev.hourglass.agent.metrics;

import java.util.List;

/** One series of an instrument: its identity and the idle tracking used for eviction. */
public abstract class Series {
  private final SeriesKey key;
  private volatile boolean retired;
  private int idleIntervals; // clock thread only

  Series(SeriesKey key) {
    this.key = key;
  }

  public List<String> attributeValues() {
    return key.values();
  }

  SeriesKey key() {
    return key;
  }

  /** True once evicted: holders of this handle should look the series up again. */
  boolean retired() {
    return retired;
  }

  void retire() {
    retired = true;
  }

  int idleIntervals() {
    return idleIntervals;
  }

  /** Clock thread: note whether this interval saw any data. */
  void markInterval(boolean active) {
    idleIntervals = active ? 0 : idleIntervals + 1;
  }
}
