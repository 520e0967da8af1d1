package dev.hourglass.agent.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A packed, 3-digit HdrHistogram recorder that any number of threads record into without a lock:
 * no recording thread ever waits for another.
 *
 * <p>It is a short row of stripes, each a {@link SingleWriterRecorder} (a packed, non-concurrent
 * histogram) that one thread at a time claims with a compare-and-set. A thread that finds a stripe
 * claimed moves on to the next, so two threads recording into one series at once use two stripes;
 * stripes beyond the first are created only when that happens (as {@code LongAdder} adds cells), so
 * a series recorded by one thread at a time stays one packed histogram. Compared with
 * HdrHistogram's multi-writer packed {@code Recorder}, this skips the concurrent packed array's own
 * phaser, its copy of the inactive counts on every resize, and the livelock of several writers
 * resizing one such array at once (HdrHistogram 2.2.2). The clock thread alone takes interval
 * histograms, adding the stripes together.
 */
final class StripedRecorder {
  /** Enough for every core to record into one series at once, twice over; a power of two. */
  static final int MAX_STRIPES =
      Integer.highestOneBit(
          Math.max(2, Math.min(16, 2 * Runtime.getRuntime().availableProcessors())));

  private final AtomicReferenceArray<Stripe> stripes = new AtomicReferenceArray<>(MAX_STRIPES);

  /**
   * Stripes in use, a power of two: 1 until two writers collide, then doubled on each collision
   * that finds every stripe in use claimed. Threads start from the stripe their id picks, so
   * writers that keep colliding settle on different stripes.
   */
  private volatile int inUse = 1;

  private static final VarHandle IN_USE;

  static {
    try {
      IN_USE = MethodHandles.lookup().findVarHandle(StripedRecorder.class, "inUse", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  StripedRecorder() {
    stripes.set(0, new Stripe());
  }

  /** Records {@code count} occurrences of {@code value}, on any thread. */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
  void record(long value, long count) {
    while (true) {
      int used = inUse;
      int first = used == 1 ? 0 : (int) Thread.currentThread().getId() & (used - 1);
      for (int i = 0; i < used; i++) {
        if (stripes.get((first + i) & (used - 1)).tryRecord(value, count)) {
          return;
        }
      }
      if (used < MAX_STRIPES) {
        grow(used);
      } else {
        // Every stripe claimed: more threads than stripes were descheduled mid-record. A claim
        // lasts one histogram update, so one is free again within a few instructions.
        Thread.onSpinWait();
      }
    }
  }

  /** Creates the next stripes, then publishes them; a writer that loses either race moves on. */
  private void grow(int used) {
    for (int i = used; i < used * 2; i++) {
      stripes.compareAndSet(i, null, new Stripe());
    }
    IN_USE.compareAndSet(this, used, used * 2);
  }

  /**
   * Everything recorded since the previous call, as one new histogram; recording goes on into fresh
   * ones. Clock thread only.
   */
  Histogram intervalHistogram() {
    Histogram sum = stripes.get(0).recorder.getIntervalHistogram();
    for (int i = 1; i < MAX_STRIPES; i++) {
      Stripe stripe = stripes.get(i);
      if (stripe != null) {
        sum.add(stripe.recorder.getIntervalHistogram());
      }
    }
    return sum;
  }

  /** Number of stripes in use (for tests). */
  int stripeCount() {
    return inUse;
  }

  private static final class Stripe {
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(3, true);

    boolean tryRecord(long value, long count) {
      if (claimed.get() || !claimed.compareAndSet(false, true)) {
        return false;
      }
      try {
        recorder.recordValueWithCount(value, count);
      } finally {
        claimed.setRelease(false);
      }
      return true;
    }
  }
}
