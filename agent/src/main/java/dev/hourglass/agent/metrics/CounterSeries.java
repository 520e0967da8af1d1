package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.CounterPoint;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** One counter series. {@link #add} is lock-free and allocation-free from any thread. */
public final class CounterSeries extends Series {
  private final CounterInstrument instrument;
  private final LongAdder count = new LongAdder();
  private volatile LongSupplier observedTotal;
  private long lastTotal; // clock thread only
  private long startEpochNanos = -1;

  CounterSeries(CounterInstrument instrument, SeriesKey key) {
    super(key);
    this.instrument = instrument;
  }

  public void add(long amount) {
    if (retired()) {
      instrument.resolve(key()).add(amount);
      return;
    }
    count.add(amount);
  }

  public void increment() {
    add(1);
  }

  /**
   * Reads the running total from {@code source} at each collection instead of counting here, for
   * totals kept elsewhere (for example by the bootstrap classes). It must be cheap and monotonic.
   */
  public void trackTotal(LongSupplier source) {
    observedTotal = source;
  }

  /**
   * For a retired series: moves counts that raced with its eviction into the live series of the
   * same key. Clock thread only.
   */
  void handOverLateCounts() {
    long total = count.sum();
    if (observedTotal == null && total > lastTotal) {
      instrument.resolve(key()).add(total - lastTotal);
      lastTotal = total;
    }
  }

  CounterPoint collect(long intervalStartEpochNanos) {
    if (startEpochNanos < 0) {
      startEpochNanos = intervalStartEpochNanos;
    }
    LongSupplier source = observedTotal;
    long total = source != null ? source.getAsLong() : count.sum();
    long delta = total - lastTotal;
    lastTotal = total;
    // A tracked total (the agent's own health: errors, drops, failures) is never idle: evicted, it
    // would vanish for good, as nothing re-resolves it, and later drops would go unreported.
    markInterval(delta > 0 || source != null);
    return new CounterPoint(instrument.descriptor(), attributeValues(), delta, total, startEpochNanos);
  }
}
