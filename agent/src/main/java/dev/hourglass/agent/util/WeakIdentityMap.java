package dev.hourglass.agent.util;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A map from application objects (statements, connections) to the agent's state about them that
 * neither keeps the objects alive nor relies on their {@code equals}/{@code hashCode}: keys are
 * weakly referenced and compared by identity. Entries whose key was collected are expunged on the
 * next {@link #put} or {@link #forEach}, and their values handed to the {@code onCollected}
 * callback (the leak detector uses it to report connections dropped without {@code close}).
 *
 * <p>Thread-safe: the table is split into segments, each guarded by its own lock, held only for a
 * short probe. {@link #get} and {@link #remove} allocate nothing; {@link #put} allocates one entry.
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
    Segment<K, V> segment = segmentFor(hash);
    synchronized (segment) {
      for (Entry<K, V> e = segment.buckets[hash & (segment.buckets.length - 1)]; e != null; e = e.next) {
        if (e.hash == hash && e.get() == key) {
          return e.value;
        }
      }
    }
    return null;
  }

  public void put(K key, V value) {
    expungeCollected();
    int hash = hash(key);
    Segment<K, V> segment = segmentFor(hash);
    synchronized (segment) {
      int index = hash & (segment.buckets.length - 1);
      for (Entry<K, V> e = segment.buckets[index]; e != null; e = e.next) {
        if (e.hash == hash && e.get() == key) {
          e.value = value;
          return;
        }
      }
      segment.buckets[index] = new Entry<>(key, hash, value, segment.buckets[index], collected);
      if (++segment.size > segment.buckets.length * 3 / 4) {
        segment.grow();
      }
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
        for (Entry<K, V> head : segment.buckets) {
          for (Entry<K, V> e = head; e != null; e = e.next) {
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
    V value;
    Entry<K, V> next;

    Entry(K key, int hash, V value, Entry<K, V> next, ReferenceQueue<K> queue) {
      super(key, queue);
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  /** Buckets of one segment; every access holds the segment's monitor. */
  private static final class Segment<K, V> {
    @SuppressWarnings("unchecked")
    Entry<K, V>[] buckets = new Entry[INITIAL_BUCKETS];

    int size;

    Entry<K, V> unlink(int hash, Object key) {
      int index = hash & (buckets.length - 1);
      Entry<K, V> previous = null;
      for (Entry<K, V> e = buckets[index]; e != null; previous = e, e = e.next) {
        if (e.hash == hash && e.get() == key) {
          unlinkAfter(previous, e, index);
          return e;
        }
      }
      return null;
    }

    boolean unlinkEntry(Entry<K, V> target) {
      int index = target.hash & (buckets.length - 1);
      Entry<K, V> previous = null;
      for (Entry<K, V> e = buckets[index]; e != null; previous = e, e = e.next) {
        if (e == target) {
          unlinkAfter(previous, e, index);
          return true;
        }
      }
      return false;
    }

    private void unlinkAfter(Entry<K, V> previous, Entry<K, V> e, int index) {
      if (previous == null) {
        buckets[index] = e.next;
      } else {
        previous.next = e.next;
      }
      size--;
    }

    @SuppressWarnings("unchecked")
    void grow() {
      Entry<K, V>[] old = buckets;
      Entry<K, V>[] grown = new Entry[old.length * 2];
      for (Entry<K, V> head : old) {
        Entry<K, V> e = head;
        while (e != null) {
          Entry<K, V> next = e.next;
          int index = e.hash & (grown.length - 1);
          e.next = grown[index];
          grown[index] = e;
          e = next;
        }
      }
      buckets = grown;
    }
  }
}
