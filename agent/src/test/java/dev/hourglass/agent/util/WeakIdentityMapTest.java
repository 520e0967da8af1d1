package dev.hourglass.agent.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
