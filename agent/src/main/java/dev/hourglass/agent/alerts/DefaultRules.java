package dev.hourglass.agent.alerts;

import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in rules, as fields like any configured rule, so configuration can override any field
 * of one ({@code hourglass.alerts.rule.http.p95.warning.above=500ms}) or turn it off ({@code
 * ...enabled=false}). Thresholds come from the budgets the project was asked for: HTTP p95 300 ms
 * warning / 1 s critical, error rate 1 % / 5 %, database p95 100 ms, slow queries over 500 ms,
 * rate-limit utilization 90 %, heap 90 %, CPU 80 %; a cache hit ratio under 50 % (of at
 * least 100 lookups an interval) for three intervals. Rules whose metric has no data are simply not
 * evaluated.
 */
final class DefaultRules {
  private DefaultRules() {}

  static Map<String, Map<String, String>> all() {
    Map<String, Map<String, String>> rules = new LinkedHashMap<>();
    rules.put(
        "http.p95.warning",
        Map.of(
            "metric", MetricNames.HTTP_SERVER_REQUEST_DURATION, "signal", "p95", "by", AttributeKeys.HTTP_ROUTE.name(),
            "above", "300ms", "severity", "warning",
            "description", "A route's 95th percentile latency is over its 300 ms budget"));
    rules.put(
        "http.p95.critical",
        Map.of(
            "metric", MetricNames.HTTP_SERVER_REQUEST_DURATION, "signal", "p95", "by", AttributeKeys.HTTP_ROUTE.name(),
            "above", "1s", "severity", "critical",
            "description", "A route's 95th percentile latency is over 1 s"));
    rules.put(
        "http.errors.warning",
        Map.of(
            "metric", MetricNames.HTTP_SERVER_REQUEST_DURATION, "signal", "error_ratio", "above", "1%",
            "samples", "20", "severity", "warning",
            "description", "More than 1 % of HTTP requests fail"));
    rules.put(
        "http.errors.critical",
        Map.of(
            "metric", MetricNames.HTTP_SERVER_REQUEST_DURATION, "signal", "error_ratio", "above", "5%",
            "samples", "20", "severity", "critical",
            "description", "More than 5 % of HTTP requests fail"));
    rules.put(
        "db.p95.warning",
        Map.of(
            "metric", MetricNames.DB_CLIENT_OPERATION_DURATION, "signal", "p95", "above", "100ms",
            "severity", "warning",
            "description", "The database's 95th percentile operation time is over 100 ms"));
    rules.put(
        "db.slow.queries",
        Map.of(
            "metric", MetricNames.DB_CLIENT_OPERATION_DURATION, "signal", "count_over(500ms)",
            "above", "0", "for", "1", "severity", "warning",
            "description", "Database operations slower than 500 ms"));
    rules.put(
        "http.client.ratelimit",
        Map.of(
            "metric", MetricNames.HTTP_CLIENT_RATELIMIT_UTILIZATION, "signal", "value",
            "by", AttributeKeys.SERVER_ADDRESS.name(), "above", "90%", "for", "1", "severity", "warning",
            "description", "A downstream API's rate limit is more than 90 % used"));
    String errorGroup = AttributeKeys.ERROR_TYPE.name() + "," + AttributeKeys.ERROR_GROUP.name();
    rules.put(
        "errors.new",
        Map.of(
            "metric", MetricNames.ERRORS, "signal", "new", "by", errorGroup,
            "above", "0", "for", "1", "severity", "warning",
            "description", "A new kind of error appeared (a new error-inbox group)"));
    rules.put(
        "errors.spike",
        Map.of(
            "metric", MetricNames.ERRORS, "signal", "baseline_ratio", "by", errorGroup,
            "above", "5", "for", "1", "severity", "warning",
            "description", "An error group occurs more than 5 times as often as in its recent intervals"));
    rules.put(
        "cache.hit.ratio",
        Map.of(
            "metric", MetricNames.CACHE_REQUESTS, "signal", "share(result=hit)",
            "by", AttributeKeys.CACHE_NAME.name(), "below", "50%", "samples", "100", "for", "3",
            "severity", "warning",
            "description", "A cache answers fewer than half of its lookups (at least 100 an interval)"));
    rules.put(
        "jvm.heap",
        Map.of(
            "metric", MetricNames.JVM_MEMORY_USED, "signal", "ratio(" + MetricNames.JVM_MEMORY_LIMIT + ")",
            "where", "jvm.memory.type=heap", "above", "90%", "for", "3", "severity", "warning",
            "description", "The heap is more than 90 % full"));
    rules.put(
        "jvm.cpu",
        Map.of(
            "metric", MetricNames.JVM_CPU_RECENT_UTILIZATION, "signal", "value", "above", "80%",
            "for", "3", "severity", "warning",
            "description", "The process uses more than 80 % of the machine's CPU"));
    return rules;
  }
}
