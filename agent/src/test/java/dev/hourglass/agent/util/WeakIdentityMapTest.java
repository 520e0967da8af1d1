package dev.hourglass.agent.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  /** Equal to every other instance: the map must still tell them apart. */
  private static final class AlwaysEqual {
    @Override
    public boolean equals(Object other) {
      return other instanceof AlwaysEqual;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void comparesKeysByIdentity() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>(null);
    AlwaysEqual a = new AlwaysEqual();
    AlwaysEqual b = new AlwaysEqual();
    map.put(a, "a");
    map.put(b, "b");
    assertThat(map.get(a)).isEqualTo("a");
    assertThat(map.get(b)).isEqualTo("b");
    assertThat(map.remove(a)).isEqualTo("a");
    assertThat(map.get(a)).isNull();
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void growsPastItsInitialBuckets() {
    WeakIdentityMap<Object, Integer> map = new WeakIdentityMap<>(null);
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      Object key = new Object();
      keys.add(key);
      map.put(key, i);
    }
    for (int i = 0; i < keys.size(); i++) {
      assertThat(map.get(keys.get(i))).isEqualTo(i);
    }
    assertThat(map.size()).isEqualTo(5_000);
  }

  @Test
  void entriesOfCollectedKeysAreExpungedAndHandedToTheCallback() throws InterruptedException {
    List<String> collected = new ArrayList<>();
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>(collected::add);
    Object kept = new Object();
    map.put(kept, "kept");
    map.put(new Object(), "dropped");
    for (int attempt = 0; attempt < 50 && collected.isEmpty(); attempt++) {
      System.gc();
      Thread.sleep(20);
      map.forEach((key, value) -> {});
    }
    assertThat(collected).containsExactly("dropped");
    assertThat(map.size()).isEqualTo(1);
    assertThat(map.get(kept)).isEqualTo("kept");
  }

  @Test
  void readersNeverMissAMappedKeyWhileWritersGrowAndShrinkTheTable() throws Exception {
    WeakIdentityMap<Object, Integer> map = new WeakIdentityMap<>(null);
    Object[] kept = new Object[64];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = new Object();
      map.put(kept[i], i);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong misses = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get()) {
                for (int i = 0; i < kept.length; i++) {
                  Integer value = map.get(kept[i]);
                  if (value == null || value != i) {
                    misses.incrementAndGet();
                  }
                }
                reads.addAndGet(kept.length);
              }
            });
    reader.start();
    // Every round grows each segment's table several times, then empties it again.
    for (int round = 0; round < 20; round++) {
      List<Object> churn = new ArrayList<>();
      for (int i = 0; i < 4_000; i++) {
        Object key = new Object();
        churn.add(key);
        map.put(key, -1);
      }
      churn.forEach(map::remove);
    }
    writing.set(false);
    reader.join();

    assertThat(reads.get()).isPositive();
    assertThat(misses.get()).as("reads that missed a mapped key").isZero();
    assertThat(map.size()).isEqualTo(kept.length);
  }
}
