package dev.hourglass.snapshot;

import static dev.hourglass.snapshot.AttributeKey.integer;
import static dev.hourglass.snapshot.AttributeKey.string;

/**
 * Every attribute the agent exports, typed once here: the recorders build series with them, the
 * exporters, the dashboard and the alert rules read them back by name. Names follow the
 * OpenTelemetry semantic conventions where one exists.
 */
public final class AttributeKeys {
  // --- HTTP, server and client ---
  public static final AttributeKey HTTP_REQUEST_METHOD = string("http.request.method");
  public static final AttributeKey HTTP_ROUTE = string("http.route");
  public static final AttributeKey HTTP_RESPONSE_STATUS_CODE = integer("http.response.status_code");
  public static final AttributeKey ERROR_TYPE = string("error.type");
  public static final AttributeKey SERVER_ADDRESS = string("server.address");
  public static final AttributeKey SERVER_PORT = integer("server.port");

  /** The error inbox's group: a stable hash of exception class and top application frames. */
  public static final AttributeKey ERROR_GROUP = string("hourglass.error.group");

  // --- database ---
  public static final AttributeKey DB_SYSTEM_NAME = string("db.system.name");
  public static final AttributeKey DB_OPERATION_NAME = string("db.operation.name");
  public static final AttributeKey DB_QUERY_TEXT = string("db.query.text");
  public static final AttributeKey DB_QUERY_SUMMARY = string("db.query.summary");
  public static final AttributeKey DB_COLLECTION_NAME = string("db.collection.name");
  public static final AttributeKey DB_CONNECTION_POOL_NAME = string("db.client.connection.pool.name");
  public static final AttributeKey DB_CONNECTION_STATE = string("db.client.connection.state");

  // --- caches ---
  /** The cache's name as the application gave it (Spring, JCache, Ehcache alias) or as derived. */
  public static final AttributeKey CACHE_NAME = string("cache.name");
  /** {@code hit} or {@code miss}. */
  public static final AttributeKey CACHE_RESULT = string("result");

  // --- JVM ---
  public static final AttributeKey JVM_MEMORY_TYPE = string("jvm.memory.type");
  public static final AttributeKey JVM_GC_NAME = string("jvm.gc.name");

  // --- the agent itself ---
  /** The instrument whose series cap overflowed, or whose duration was clamped. */
  public static final AttributeKey INSTRUMENT = string("instrument");

  public static final AttributeKey EXPORTER = string("exporter");
  public static final AttributeKey ALERT_RULE = string("rule");
  public static final AttributeKey ALERT_SEVERITY = string("severity");
  public static final AttributeKey NOTIFIER = string("notifier");
  public static final AttributeKey OUTCOME = string("outcome");

  private AttributeKeys() {}
}
