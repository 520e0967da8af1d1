package dev.hourglass.agent.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The attribute values that identify a series within an instrument. Lookups on the hot path fill
 * the calling thread's reusable probe ({@link #probe}), so finding an existing series allocates
 * nothing; only a new series stores an immutable {@link #copy()}.
 */
final class SeriesKey {
  private static final int MAX_PROBE_ARITY = 8;
  private static final ThreadLocal<SeriesKey> PROBE = ThreadLocal.withInitial(SeriesKey::new);

  private final String[][] scratch; // probes only: one reusable array per arity
  private String[] values;
  private int hash;

  private SeriesKey() {
    scratch = new String[MAX_PROBE_ARITY + 1][];
    for (int arity = 0; arity <= MAX_PROBE_ARITY; arity++) {
      scratch[arity] = new String[arity];
    }
    values = scratch[0];
  }

  private SeriesKey(String[] values) {
    this.scratch = null;
    this.values = values;
    this.hash = Arrays.hashCode(values);
  }

  static SeriesKey of(String... values) {
    return new SeriesKey(values.clone());
  }

  /**
   * The calling thread's probe with room for {@code arity} values: fill {@link #slots()}, then call
   * {@link #seal()}. Never store a probe: store {@link #copy()}.
   */
  static SeriesKey probe(int arity) {
    if (arity > MAX_PROBE_ARITY) {
      throw new IllegalArgumentException("at most " + MAX_PROBE_ARITY + " attributes, got " + arity);
    }
    SeriesKey probe = PROBE.get();
    probe.values = probe.scratch[arity];
    return probe;
  }

  String[] slots() {
    return values;
  }

  SeriesKey seal() {
    hash = Arrays.hashCode(values);
    return this;
  }

  SeriesKey copy() {
    return of(values);
  }

  List<String> values() {
    return List.of(values.clone());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesKey key && hash == key.hash && Arrays.equals(values, key.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
