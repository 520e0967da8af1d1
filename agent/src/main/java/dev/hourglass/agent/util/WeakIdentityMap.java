package dev.hourglass.agent.util;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A map from application objects (statements, connections) to the agent's state about them that
 * neither keeps the objects alive nor relies on their {@code equals}/{@code hashCode}: keys are
 * weakly referenced and compared by identity. Entries whose key was collected are expunged on the
 * next {@link #put} or {@link #forEach}, and their values handed to the {@code onCollected}
 * callback (the leak detector uses it to report connections dropped without {@code close}).
 *
 * <p>Thread-safe. {@link #get} takes no lock: it reads a segment's current table and follows
 * chains that writers change in two ways only, both safe for a reader in the middle of a chain: a
 * new entry goes in front of a bucket's head, and a removed entry is unlinked while keeping its own
 * {@code next}, so every entry still mapped stays reachable from wherever a reader stands. Growing
 * copies the entries into a new table and publishes it whole; the old one is never changed again.
 * Writers ({@link #put}, {@link #remove}, expunging) hold their segment's lock for a short probe.
 * {@link #get} and {@link #remove} allocate nothing; {@link #put} allocates one entry.
 *
 * @param <K> the key type, compared by identity
 * @param <V> the value type
 */
public final class WeakIdentityMap<K, V> {
  private static final int SEGMENTS = 16; // a power of two
  private static final int INITIAL_BUCKETS = 16;

  private final Segment<K, V>[] segments;
  private final ReferenceQueue<K> collected = new ReferenceQueue<>();
  private final Consumer<V> onCollected;

  /** @param onCollected told about values whose key was collected while mapped; may be null */
  @SuppressWarnings("unchecked")
  public WeakIdentityMap(Consumer<V> onCollected) {
    this.onCollected = onCollected;
    this.segments = new Segment[SEGMENTS];
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment<>();
    }
  }

  public V get(K key) {
    int hash = hash(key);
    AtomicReferenceArray<Entry<K, V>> buckets = segmentFor(hash).buckets;
    for (Entry<K, V> e = buckets.get(hash & (buckets.length() - 1)); e != null; e = e.next) {
      if (e.hash == hash && e.get() == key) {
        return e.value;
      }
    }
    return null;
  }

  public void put(K key, V value) {
    expungeCollected();
    int hash = hash(key);
    Segment<K, V> segment = segmentFor(hash);
    List<V> dropped;
    synchronized (segment) {
      AtomicReferenceArray<Entry<K, V>> buckets = segment.buckets;
      int index = hash & (buckets.length() - 1);
      for (Entry<K, V> e = buckets.get(index); e != null; e = e.next) {
        if (e.hash == hash && e.get() == key) {
          if (e.value != value) {
            e.value = value; // a volatile write is a full fence: not for a value already there
          }
          return;
        }
      }
      buckets.set(index, new Entry<>(key, hash, value, buckets.get(index), collected));
      if (++segment.size <= buckets.length() * 3 / 4) {
        return;
      }
      dropped = segment.grow(collected);
    }
    if (onCollected != null) {
      dropped.forEach(onCollected);
    }
  }

  public V remove(K key) {
    int hash = hash(key);
    Segment<K, V> segment = segmentFor(hash);
    synchronized (segment) {
      Entry<K, V> e = segment.unlink(hash, key);
      return e == null ? null : e.value;
    }
  }

  public int size() {
    int size = 0;
    for (Segment<K, V> segment : segments) {
      synchronized (segment) {
        size += segment.size;
      }
    }
    return size;
  }

  /** Calls {@code action} for every live entry, outside the locks, on a snapshot. */
  public void forEach(BiConsumer<K, V> action) {
    expungeCollected();
    List<Object[]> live = new ArrayList<>();
    for (Segment<K, V> segment : segments) {
      synchronized (segment) {
        AtomicReferenceArray<Entry<K, V>> buckets = segment.buckets;
        for (int i = 0; i < buckets.length(); i++) {
          for (Entry<K, V> e = buckets.get(i); e != null; e = e.next) {
            K key = e.get();
            if (key != null) {
              live.add(new Object[] {key, e.value});
            }
          }
        }
      }
    }
    for (Object[] pair : live) {
      @SuppressWarnings("unchecked")
      K key = (K) pair[0];
      @SuppressWarnings("unchecked")
      V value = (V) pair[1];
      action.accept(key, value);
    }
  }

  private void expungeCollected() {
    for (Object ref; (ref = collected.poll()) != null; ) {
      @SuppressWarnings("unchecked")
      Entry<K, V> dead = (Entry<K, V>) ref;
      Segment<K, V> segment = segmentFor(dead.hash);
      boolean removed;
      synchronized (segment) {
        removed = segment.unlinkEntry(dead);
      }
      if (removed && onCollected != null) {
        onCollected.accept(dead.value);
      }
    }
  }

  private Segment<K, V> segmentFor(int hash) {
    return segments[(hash >>> 16) & (SEGMENTS - 1)];
  }

  private static int hash(Object key) {
    int h = System.identityHashCode(key);
    return h ^ (h >>> 7);
  }

  private static final class Entry<K, V> extends WeakReference<K> {
    final int hash;
    volatile V value;
    /** Changed only to skip a removed successor; a removed entry keeps its own. */
    volatile Entry<K, V> next;

    Entry(K key, int hash, V value, Entry<K, V> next, ReferenceQueue<K> queue) {
      super(key, queue);
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  /** Buckets of one segment; every write holds the segment's monitor, reads hold nothing. */
  private static final class Segment<K, V> {
    volatile AtomicReferenceArray<Entry<K, V>> buckets =
        new AtomicReferenceArray<>(INITIAL_BUCKETS);

    int size;

    Entry<K, V> unlink(int hash, Object key) {
      int index = hash & (buckets.length() - 1);
      Entry<K, V> previous = null;
      for (Entry<K, V> e = buckets.get(index); e != null; previous = e, e = e.next) {
        if (e.hash == hash && e.get() == key) {
          unlinkAfter(previous, e, index);
          return e;
        }
      }
      return null;
    }

    boolean unlinkEntry(Entry<K, V> target) {
      int index = target.hash & (buckets.length() - 1);
      Entry<K, V> previous = null;
      for (Entry<K, V> e = buckets.get(index); e != null; previous = e, e = e.next) {
        if (e == target) {
          unlinkAfter(previous, e, index);
          return true;
        }
      }
      return false;
    }

    private void unlinkAfter(Entry<K, V> previous, Entry<K, V> e, int index) {
      if (previous == null) {
        buckets.set(index, e.next);
      } else {
        previous.next = e.next;
      }
      size--;
    }

    /**
     * Copies the live entries into a table twice as large and publishes it. Readers still on the
     * old table find every entry there, unchanged. The old entries of live keys are dropped, and
     * if their keys die later they are not found in the table: only the copies are reported. The
     * values of keys found already collected are returned, to be reported as collected.
     */
    List<V> grow(ReferenceQueue<K> queue) {
      AtomicReferenceArray<Entry<K, V>> old = buckets;
      AtomicReferenceArray<Entry<K, V>> grown = new AtomicReferenceArray<>(old.length() * 2);
      List<V> dropped = List.of();
      int live = 0;
      for (int i = 0; i < old.length(); i++) {
        for (Entry<K, V> e = old.get(i); e != null; e = e.next) {
          K key = e.get();
          if (key == null) {
            if (dropped.isEmpty()) {
              dropped = new ArrayList<>();
            }
            dropped.add(e.value);
            continue;
          }
          int index = e.hash & (grown.length() - 1);
          grown.set(index, new Entry<>(key, e.hash, e.value, grown.get(index), queue));
          live++;
        }
      }
      size = live;
      buckets = grown;
      return dropped;
    }
  }
}
