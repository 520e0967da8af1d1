package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.InstrumentDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A named metric and its series, one per distinct combination of attribute values. The number of
 * series is capped exactly, however many threads create series at once: past the cap, new
 * combinations share one overflow series whose every attribute is {@value #OVERFLOW}, and each such
 * lookup is counted. Series idle for a number of intervals are evicted by the interval clock.
 *
 * <p>Thread-safe: lookups and recording run concurrently on application threads; collection and
 * eviction run on the interval clock's thread only. An attribute that does not apply is {@code ""}
 * (null is turned into {@code ""}) and is left out on export.
 *
 * @param <S> the series type
 */
public abstract class Instrument<S extends Series> {
  public static final String OVERFLOW = "_other";

  private final InstrumentDescriptor descriptor;
  private final int seriesCap;
  private final ConcurrentHashMap<SeriesKey, S> series = new ConcurrentHashMap<>();
  /** Series in the map, counted when created and released when evicted; never above the cap. */
  private final AtomicInteger slotsTaken = new AtomicInteger();
  private final Function<SeriesKey, S> factory = this::create;
  private final S overflow;
  private final Runnable onOverflow;

  Instrument(InstrumentDescriptor descriptor, int seriesCap, Runnable onOverflow) {
    this.descriptor = descriptor;
    this.seriesCap = seriesCap;
    this.onOverflow = onOverflow;
    String[] other = new String[descriptor.attributeNames().size()];
    java.util.Arrays.fill(other, OVERFLOW);
    this.overflow = newSeries(SeriesKey.of(other));
  }

  public InstrumentDescriptor descriptor() {
    return descriptor;
  }

  /** Creates the series for a key; called once per key. */
  abstract S newSeries(SeriesKey key);

  public S series(String value) {
    SeriesKey probe = SeriesKey.probe(1);
    probe.slots()[0] = clean(value);
    return lookup(probe.seal());
  }

  public S series(String value0, String value1) {
    SeriesKey probe = SeriesKey.probe(2);
    String[] slots = probe.slots();
    slots[0] = clean(value0);
    slots[1] = clean(value1);
    return lookup(probe.seal());
  }

  public S series(String value0, String value1, String value2) {
    SeriesKey probe = SeriesKey.probe(3);
    String[] slots = probe.slots();
    slots[0] = clean(value0);
    slots[1] = clean(value1);
    slots[2] = clean(value2);
    return lookup(probe.seal());
  }

  public S series(String value0, String value1, String value2, String value3) {
    SeriesKey probe = SeriesKey.probe(4);
    String[] slots = probe.slots();
    slots[0] = clean(value0);
    slots[1] = clean(value1);
    slots[2] = clean(value2);
    slots[3] = clean(value3);
    return lookup(probe.seal());
  }

  public S series(String value0, String value1, String value2, String value3, String value4) {
    SeriesKey probe = SeriesKey.probe(5);
    String[] slots = probe.slots();
    slots[0] = clean(value0);
    slots[1] = clean(value1);
    slots[2] = clean(value2);
    slots[3] = clean(value3);
    slots[4] = clean(value4);
    return lookup(probe.seal());
  }

  /** Any arity; allocates the probe values. For cold paths. */
  public S seriesOf(String... values) {
    SeriesKey probe = SeriesKey.probe(values.length);
    String[] slots = probe.slots();
    for (int i = 0; i < values.length; i++) {
      slots[i] = clean(values[i]);
    }
    return lookup(probe.seal());
  }

  private S lookup(SeriesKey probe) {
    if (probe.slots().length != descriptor.attributes().size()) {
      throw new IllegalArgumentException(
          descriptor.name() + " takes attributes " + descriptor.attributeNames() + ", got " + probe);
    }
    S existing = series.get(probe);
    if (existing == null && slotsTaken.get() < seriesCap) {
      existing = series.computeIfAbsent(probe.copy(), factory);
    }
    if (existing != null) {
      return existing;
    }
    onOverflow.run();
    return overflow;
  }

  /** Looks up (or re-creates) the series of an immutable key; for handles that were retired. */
  S resolve(SeriesKey key) {
    S existing = series.get(key);
    return existing != null ? existing : lookup(key);
  }

  /** Creates the key's series if a slot under the cap is left, else null (no mapping is made). */
  private S create(SeriesKey key) {
    return takeSlot() ? newSeries(key) : null;
  }

  /**
   * Claims room for one new series. Checking the map's size and then adding would let threads
   * that create different keys at once all pass the check and overshoot the cap.
   */
  private boolean takeSlot() {
    while (true) {
      int taken = slotsTaken.get();
      if (taken >= seriesCap) {
        return false;
      }
      if (slotsTaken.compareAndSet(taken, taken + 1)) {
        return true;
      }
    }
  }

  private static String clean(String value) {
    return value == null ? "" : value;
  }

  /** Every live series plus the overflow series, for collection. Clock thread only. */
  List<S> allSeries() {
    List<S> all = new ArrayList<>(series.size() + 1);
    all.addAll(series.values());
    all.add(overflow);
    return all;
  }

  /**
   * Removes series that have been idle for {@code idleIntervals} collections and marks them
   * retired, so a holder of a stale handle re-resolves instead of recording into a dead series.
   * Returns the removed series so the caller can drain them once more. Clock thread only.
   */
  List<S> evictIdle(int idleIntervals) {
    List<S> evicted = new ArrayList<>();
    Iterator<Map.Entry<SeriesKey, S>> it = series.entrySet().iterator();
    while (it.hasNext()) {
      S candidate = it.next().getValue();
      if (candidate.idleIntervals() >= idleIntervals) {
        candidate.retire();
        it.remove();
        slotsTaken.decrementAndGet();
        evicted.add(candidate);
      }
    }
    return evicted;
  }

  public int seriesCount() {
    return series.size();
  }
}
