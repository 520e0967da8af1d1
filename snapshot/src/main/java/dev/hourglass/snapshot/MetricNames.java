package dev.hourglass.snapshot;

/**
 * The names of the metrics that are read back by name once recorded: by the dashboard, the alert
 * rules, health or the exporters. The recorder that creates a metric and every reader of it use the
 * same constant. Semantic-convention names where one exists, {@code hourglass.*} otherwise.
 */
public final class MetricNames {
  public static final String HTTP_SERVER_REQUEST_DURATION = "http.server.request.duration";
  public static final String DB_CLIENT_OPERATION_DURATION = "db.client.operation.duration";
  public static final String HTTP_CLIENT_REQUEST_DURATION = "http.client.request.duration";
  public static final String HTTP_CLIENT_RATELIMIT_UTILIZATION =
      "hourglass.http.client.ratelimit.utilization";
  public static final String CACHE_REQUESTS = "hourglass.cache.requests";
  public static final String CACHE_LOAD_DURATION = "hourglass.cache.load.duration";
  public static final String CACHE_EVICTIONS = "hourglass.cache.evictions";
  public static final String CACHE_SIZE = "hourglass.cache.size";
  public static final String HTTP_ROUTE_CACHE_REQUESTS = "hourglass.http.route.cache.requests";

  /** Errors per error-inbox group (fingerprint), read by the error alert rules. */
  public static final String ERRORS = "hourglass.errors";

  public static final String JVM_MEMORY_USED = "jvm.memory.used";
  public static final String JVM_MEMORY_LIMIT = "jvm.memory.limit";
  public static final String JVM_CPU_RECENT_UTILIZATION = "jvm.cpu.recent_utilization";

  public static final String SERIES_OVERFLOW = "hourglass.agent.series.overflow";

  /** Appended to a latency metric's name for its summary of exact interval quantiles. */
  public static final String QUANTILES_SUFFIX = ".quantiles";

  private MetricNames() {}
}
