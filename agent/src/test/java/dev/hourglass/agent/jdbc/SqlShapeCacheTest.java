package dev.hourglass.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.jdbc.sql.SqlSanitizer;
import org.junit.jupiter.api.Test;

class SqlShapeCacheTest {
  private final SqlShapeCache cache = new SqlShapeCache(new SqlSanitizer(false, 100), 3);

  @Test
  void sameTextReturnsTheSameShapeObject() {
    QueryShape first = cache.shapeOf("SELECT a FROM t WHERE b = 1");
    assertThat(cache.shapeOf("SELECT a FROM t WHERE b = 1")).isSameAs(first);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void neverHoldsMoreThanItsCapacityAndStartsOverWhenFull() {
    for (int i = 0; i < 10; i++) {
      cache.shapeOf("SELECT a FROM t WHERE b = " + i);
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    // 10 texts into 3 slots: full after 3, cleared before the 4th, 7th and 10th.
    assertThat(cache.clears()).isEqualTo(3);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void textsLongerThanTheLimitAreSanitizedButNeverCached() {
    String huge = "SELECT a FROM t WHERE b IN (" + "1, ".repeat(100) + "2)";
    QueryShape shape = cache.shapeOf(huge);
    assertThat(shape.sql.truncated()).isTrue();
    assertThat(cache.size()).isZero();
    assertThat(cache.shapeOf(huge)).isNotSameAs(shape);
  }
}
