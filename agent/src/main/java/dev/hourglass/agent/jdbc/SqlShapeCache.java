package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.jdbc.sql.SqlSanitizer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sanitized shapes by SQL text, so each distinct text is sanitized once. Bounded two ways: SQL
 * longer than the sanitizer's limit is sanitized on every call and never cached (so one entry never
 * holds more than that many characters), and when {@code capacity} entries are reached the cache is
 * cleared and refills with what is in use now (cheaper than LRU bookkeeping on the hot path, and
 * an application whose texts never repeat gains nothing from a cache anyway).
 *
 * <p>Thread-safe and lock-free for hits. A hit allocates nothing; a miss sanitizes (allocates).
 */
public final class SqlShapeCache {
  private final SqlSanitizer sanitizer;
  private final int capacity;
  private final ConcurrentHashMap<String, QueryShape> shapes;
  private final LongAdder clears = new LongAdder();

  SqlShapeCache(SqlSanitizer sanitizer, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.sanitizer = sanitizer;
    this.capacity = capacity;
    this.shapes = new ConcurrentHashMap<>(Math.min(capacity, 1024));
  }

  QueryShape shapeOf(String sql) {
    QueryShape known = shapes.get(sql);
    if (known != null) {
      return known;
    }
    QueryShape created = new QueryShape(sanitizer.sanitize(sql));
    if (sql.length() > sanitizer.maxLength()) {
      return created;
    }
    if (shapes.size() >= capacity) {
      shapes.clear();
      clears.increment();
    }
    QueryShape raced = shapes.putIfAbsent(sql, created);
    return raced != null ? raced : created;
  }

  int size() {
    return shapes.size();
  }

  long clears() {
    return clears.sum();
  }
}
