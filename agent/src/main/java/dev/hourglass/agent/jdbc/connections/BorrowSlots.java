package dev.hourglass.agent.jdbc.connections;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The open borrows of each thread in a few fixed slots of its own, so that a connection obtained
 * and closed on one thread (nearly all of them) costs no allocation and no lock: a slot's fields
 * are written, then its connection; closing clears the connection.
 *
 * <p>Slots hold their connections strongly, which a leak report about a connection that was
 * garbage-collected unclosed needs to avoid: the {@link LeakDetector}'s sweeper takes every borrow
 * older than its migration age out of the slots ({@link #takeOlderThan}) into its weak map, and
 * borrows that found no free slot go there at once.
 *
 * <p>Thread-safe. Only its own thread fills a slot; any thread may clear one (a connection closed
 * on another thread than the one that obtained it), by compare-and-set on the connection, so that
 * a borrow cleared by two threads at once is taken by exactly one.
 */
final class BorrowSlots {
  /** Borrows one thread holds at once: one is usual, two or three when code nests borrows. */
  static final int PER_THREAD = 4;

  /** Receives each borrow taken out of the slots. */
  interface Taken {
    void borrow(
        Object connection, long acquiredNanos, String pool, List<StackWalker.StackFrame> frames);
  }

  /** One thread's slots; the plain arrays are written before, and read after, the connection. */
  private static final class ThreadSlots {
    final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());
    final AtomicReferenceArray<Object> connections = new AtomicReferenceArray<>(PER_THREAD);
    final long[] acquiredNanos = new long[PER_THREAD];
    final String[] pools = new String[PER_THREAD];
    @SuppressWarnings("unchecked")
    final List<StackWalker.StackFrame>[] frames = new List[PER_THREAD];

    boolean isEmpty() {
      for (int i = 0; i < PER_THREAD; i++) {
        if (connections.get(i) != null) {
          return false;
        }
      }
      return true;
    }

    /** A free slot keeps its last pool and frames until it is filled again: it is never read. */
    boolean release(Object connection) {
      for (int i = 0; i < PER_THREAD; i++) {
        if (connections.get(i) == connection && connections.compareAndSet(i, connection, null)) {
          return true;
        }
      }
      return false;
    }
  }

  private final ThreadLocal<ThreadSlots> mine = ThreadLocal.withInitial(this::register);
  private final ConcurrentLinkedQueue<ThreadSlots> all = new ConcurrentLinkedQueue<>();

  /** Keeps a borrow in this thread's slots; false if they are all in use. */
  boolean put(
      Object connection, long acquiredNanos, String pool, List<StackWalker.StackFrame> frames) {
    ThreadSlots slots = mine.get();
    for (int i = 0; i < PER_THREAD; i++) {
      if (slots.connections.get(i) == null) {
        slots.acquiredNanos[i] = acquiredNanos;
        slots.pools[i] = pool;
        slots.frames[i] = frames;
        slots.connections.set(i, connection);
        return true;
      }
    }
    return false;
  }

  /** Clears the borrow of {@code connection} from this thread's slots; false if not there. */
  boolean releaseOwn(Object connection) {
    return mine.get().release(connection);
  }

  /** Clears the borrow of {@code connection} from any thread's slots; false if in none. */
  boolean releaseAny(Object connection) {
    for (ThreadSlots slots : all) {
      if (slots.release(connection)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hands every borrow acquired before {@code nanos} to {@code taken}, then clears its slot; a
   * borrow closed meanwhile is handed over all the same, and {@code closedMeanwhile} is told (the
   * caller undoes what it did with it). Forgets the slots of threads that ended with none in use.
   */
  void takeOlderThan(long nanos, Taken taken, Taken closedMeanwhile) {
    for (Iterator<ThreadSlots> it = all.iterator(); it.hasNext(); ) {
      ThreadSlots slots = it.next();
      for (int i = 0; i < PER_THREAD; i++) {
        Object connection = slots.connections.get(i);
        if (connection == null || slots.acquiredNanos[i] - nanos > 0) {
          continue;
        }
        long acquired = slots.acquiredNanos[i];
        String pool = slots.pools[i];
        List<StackWalker.StackFrame> frames = slots.frames[i];
        taken.borrow(connection, acquired, pool, frames);
        // If the slot changed while it was read, the borrow was closed: the copy is undone. The
        // same connection closed and obtained again into the same slot in that instant would be
        // taken with its earlier acquisition time.
        if (!slots.connections.compareAndSet(i, connection, null)) {
          closedMeanwhile.borrow(connection, acquired, pool, frames);
        }
      }
      Thread owner = slots.owner.get();
      if ((owner == null || !owner.isAlive()) && slots.isEmpty()) {
        it.remove();
      }
    }
  }

  /** Borrows in the slots now. */
  int size() {
    int size = 0;
    for (ThreadSlots slots : all) {
      for (int i = 0; i < PER_THREAD; i++) {
        size += slots.connections.get(i) != null ? 1 : 0;
      }
    }
    return size;
  }

  private ThreadSlots register() {
    ThreadSlots slots = new ThreadSlots();
    all.add(slots);
    return slots;
  }
}
