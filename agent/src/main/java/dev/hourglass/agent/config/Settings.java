package dev.hourglass.agent.config;

import dev.hourglass.instrumentation.Family;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting the agent reads, with its default. The README's configuration table lists these;
 * keep the two in step. Keys use dots only (no dashes) so each maps one-to-one to an environment
 * variable: {@code hourglass.export.interval} is {@code HOURGLASS_EXPORT_INTERVAL}.
 */
public final class Settings {
  private Settings() {}

  // --- agent ---
  public static final Setting<Boolean> ENABLED =
      Setting.bool("hourglass.enabled", true, "false turns the agent into a no-op");
  public static final Setting<String> LOG_LEVEL =
      Setting.oneOf("hourglass.log.level", "info", "The agent's own log level", "debug", "info", "warn");
  public static final Setting<Integer> SERIES_CAP =
      Setting.integer(
          "hourglass.series.cap",
          1000,
          1,
          100_000,
          "Series per metric; further attribute combinations go to one _other series");
  public static final Setting<Integer> SERIES_IDLE_INTERVALS =
      Setting.integer(
          "hourglass.series.idle.intervals",
          30,
          1,
          100_000,
          "Intervals without data after which a series is evicted and its memory reclaimed");
  public static final Setting<Duration> SHUTDOWN_TIMEOUT =
      Setting.duration(
          "hourglass.shutdown.timeout",
          Duration.ofSeconds(5),
          Duration.ZERO,
          Duration.ofMinutes(1),
          "How long JVM shutdown waits for the final export");

  // --- instrumentation families ---
  public static final Setting<Boolean> SERVLET_ENABLED =
      familySwitch(Family.SERVLET, "Time servlet requests");
  public static final Setting<Boolean> JDBC_ENABLED =
      familySwitch(Family.JDBC, "Time JDBC statements");
  public static final Setting<Boolean> HTTPCLIENT_ENABLED =
      familySwitch(Family.HTTP_CLIENT, "Time outgoing HTTP client calls");
  public static final Setting<Boolean> CACHE_ENABLED =
      familySwitch(Family.CACHE, "Count cache hits and misses (Caffeine, JCache, Spring, Ehcache)");

  // --- database (JDBC) ---
  public static final Setting<String> JDBC_QUERY_ATTRIBUTE =
      Setting.oneOf(
          "hourglass.jdbc.query.attribute",
          "text",
          "What names a statement in metrics: the sanitized text (db.query.text) or only"
              + " operation and table (db.query.summary)",
          "text",
          "summary");
  public static final Setting<Integer> JDBC_SQL_MAX_LENGTH =
      Setting.integer(
          "hourglass.jdbc.sql.max.length",
          4096,
          64,
          1_000_000,
          "SQL characters sanitized; longer statements are cut (marked ...) and not cached");
  public static final Setting<Integer> JDBC_SQL_CACHE_SIZE =
      Setting.integer(
          "hourglass.jdbc.sql.cache.size",
          2000,
          1,
          1_000_000,
          "Sanitized statements cached by SQL text; when full, the cache starts over");
  public static final Setting<Duration> JDBC_SLOW_THRESHOLD =
      Setting.duration(
          "hourglass.jdbc.slow.threshold",
          Duration.ofMillis(500),
          Duration.ofMillis(1),
          Duration.ofHours(1),
          "Executions at least this long are slow: counted, kept and logged");
  public static final Setting<Integer> JDBC_NPLUSONE_THRESHOLD =
      Setting.integer(
          "hourglass.jdbc.nplusone.threshold",
          10,
          2,
          1_000_000,
          "Executions of one SELECT shape within one request that make an N+1 finding");
  public static final Setting<Boolean> JDBC_LEAK_DETECTION =
      Setting.bool(
          "hourglass.jdbc.leak.detection",
          true,
          "Track connections obtained from DataSources and report those not closed in time");
  public static final Setting<Duration> JDBC_LEAK_THRESHOLD =
      Setting.duration(
          "hourglass.jdbc.leak.threshold",
          Duration.ofSeconds(60),
          Duration.ofMillis(100),
          Duration.ofDays(1),
          "How long a connection may stay open before it is reported as leaked");
  public static final Setting<String> JDBC_LEAK_FRAMES =
      Setting.oneOf(
          "hourglass.jdbc.leak.frames",
          "after-first-leak",
          "Which borrows keep the frames that obtained them, for leak reports: every borrow"
              + " (a stack walk of a few microseconds each), or those of a pool that has leaked",
          "after-first-leak",
          "always");
  public static final Setting<Integer> JDBC_FINDINGS_KEEP =
      Setting.integer(
          "hourglass.jdbc.findings.keep",
          100,
          1,
          100_000,
          "Slow queries, N+1 patterns and leaks kept in memory for the local endpoints (each)");
  // --- outgoing HTTP calls ---
  public static final Setting<Integer> HTTPCLIENT_HOSTS_CAP =
      Setting.integer(
          "hourglass.httpclient.hosts.cap",
          256,
          1,
          100_000,
          "Downstream hosts whose call counts and rate-limit state are kept for the dashboard");

  // --- slow-request breakdowns and the error inbox ---
  public static final Setting<Boolean> TRACES_ENABLED =
      Setting.bool(
          "hourglass.traces.enabled", true, "Keep breakdowns (waterfalls) of slow server requests");
  public static final Setting<Duration> TRACES_THRESHOLD =
      Setting.duration(
          "hourglass.traces.threshold",
          Duration.ofSeconds(1),
          Duration.ofMillis(1),
          Duration.ofHours(1),
          "Server requests at least this long keep their breakdown");
  public static final Setting<Integer> TRACES_ENTRIES =
      Setting.integer(
          "hourglass.traces.entries",
          100,
          1,
          10_000,
          "JDBC executions and outgoing calls kept per request breakdown; later ones are counted");
  public static final Setting<Integer> TRACES_KEEP =
      Setting.integer(
          "hourglass.traces.keep",
          100,
          1,
          10_000,
          "Slow-request breakdowns kept in memory, and as many of the routes' slowest requests");
  public static final Setting<Integer> TRACES_ROUTE_SLOWEST =
      Setting.integer(
          "hourglass.traces.route.slowest",
          3,
          0,
          100,
          "Slowest requests per route per interval kept (when above the route's previous p99)");
  public static final Setting<Boolean> ERRORS_ENABLED =
      Setting.bool("hourglass.errors.enabled", true, "Group errors by fingerprint (error inbox)");
  public static final Setting<Boolean> ERRORS_MESSAGES =
      Setting.bool(
          "hourglass.errors.messages",
          false,
          "Keep exception messages (cut to 200 characters) in the error inbox; they may carry user"
              + " data");
  public static final Setting<Integer> ERRORS_GROUPS_CAP =
      Setting.integer(
          "hourglass.errors.groups.cap",
          500,
          1,
          100_000,
          "Distinct error groups kept; errors of further fingerprints are counted in one overflow");

  /** The setting that switches an instrumentation family on and off. */
  public static Setting<Boolean> enabled(Family family) {
    return switch (family) {
      case SERVLET -> SERVLET_ENABLED;
      case JDBC -> JDBC_ENABLED;
      case HTTP_CLIENT -> HTTPCLIENT_ENABLED;
      case CACHE -> CACHE_ENABLED;
    };
  }

  private static Setting<Boolean> familySwitch(Family family, String description) {
    return Setting.bool("hourglass.instrumentation." + family.key() + ".enabled", true, description);
  }

  // --- local HTTP server: dashboard, JSON API, Prometheus /metrics ---
  public static final Setting<Integer> HTTP_PORT =
      Setting.integer(
          "hourglass.http.port",
          9464,
          0,
          65535,
          "Port of the dashboard, /api/* and /metrics (9464 is the usual Prometheus exporter port);"
              + " 0 turns the server off");
  public static final Setting<String> HTTP_HOST =
      Setting.string(
          "hourglass.http.host",
          "127.0.0.1",
          "Address the server binds to; any non-loopback address requires hourglass.http.token");
  public static final Setting<String> HTTP_TOKEN =
      Setting.string(
          "hourglass.http.token",
          null,
          "Access token with write authority (edit rules, acknowledge alerts): Authorization: Bearer"
              + " <token>, or open /?token=<token> once (sets a cookie); without it the UI is"
              + " read-only");
  public static final Setting<String> HTTP_READ_TOKEN =
      Setting.string(
          "hourglass.http.read.token",
          null,
          "Read-only access token: sees the dashboard and /api/*, changes nothing");
  public static final Setting<Duration> HTTP_HISTORY =
      Setting.duration(
          "hourglass.http.history",
          Duration.ofHours(1),
          Duration.ofMinutes(1),
          Duration.ofHours(24),
          "How far back the dashboard's charts and /api/history reach (at most 720 intervals)");

  // --- history on local disk ---
  public static final Setting<Boolean> HISTORY_ENABLED =
      Setting.bool(
          "hourglass.history.enabled",
          true,
          "Keep every interval's histograms, counters and gauges on local disk, rolled up");
  public static final Setting<String> HISTORY_DIR =
      Setting.string(
              "hourglass.history.dir",
              null,
              "Folder of the history files; default ~/.hourglass/history/<service name>")
          .withDefaultText("~/.hourglass/history/<service>");
  public static final Setting<Duration> HISTORY_RETENTION =
      Setting.duration(
          "hourglass.history.retention",
          Duration.ofDays(90),
          Duration.ofHours(1),
          Duration.ofDays(3650),
          "How long history is kept at most (each resolution keeps less, see History)");
  public static final Setting<Long> HISTORY_MAX_SIZE =
      Setting.bytes(
          "hourglass.history.max.size",
          512L << 20,
          1L << 20,
          1L << 40,
          "Disk the history may use; beyond it the oldest files are dropped first, counted");

  // --- export (OpenTelemetry's standard keys) ---
  public static final Setting<List<String>> EXPORTERS =
      Setting.listOf(
          "otel.metrics.exporter",
          List.of("otlp"),
          "Where snapshots go; several at once are allowed",
          "otlp",
          "console",
          "none");
  public static final Setting<Duration> EXPORT_INTERVAL =
      Setting.duration(
          "otel.metric.export.interval",
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofHours(1),
          "The interval clock: one snapshot, one export per interval");
  public static final Setting<String> OTLP_PROTOCOL =
      Setting.oneOf(
          "otel.exporter.otlp.protocol",
          "http/protobuf",
          "OTLP transport",
          "http/protobuf",
          "grpc");
  public static final Setting<String> OTLP_METRICS_PROTOCOL =
      Setting.oneOf(
          "otel.exporter.otlp.metrics.protocol",
          null,
          "OTLP transport for metrics (overrides otel.exporter.otlp.protocol)",
          "http/protobuf",
          "grpc");
  public static final Setting<java.net.URI> OTLP_ENDPOINT =
      Setting.url(
              "otel.exporter.otlp.endpoint",
              "Collector base URL; default http://localhost:4318 (http/protobuf) or :4317 (grpc)")
          .withDefaultText("http://localhost:4318, or :4317 for grpc");
  public static final Setting<java.net.URI> OTLP_METRICS_ENDPOINT =
      Setting.url(
              "otel.exporter.otlp.metrics.endpoint",
              "Full metrics URL (overrides otel.exporter.otlp.endpoint; used as is)")
          .withDefaultText("derived from otel.exporter.otlp.endpoint");
  public static final Setting<String> OTLP_HEADERS =
      Setting.string(
          "otel.exporter.otlp.headers", "", "Request headers: key=value,key=value (URL-encoded)");
  public static final Setting<String> OTLP_METRICS_HEADERS =
      Setting.string("otel.exporter.otlp.metrics.headers", "", "Extra headers for metrics");
  public static final Setting<Duration> OTLP_TIMEOUT =
      Setting.duration(
          "otel.exporter.otlp.timeout",
          Duration.ofSeconds(10),
          Duration.ofMillis(1),
          Duration.ofMinutes(5),
          "Timeout of one export request");
  public static final Setting<String> OTLP_COMPRESSION =
      Setting.oneOf(
          "otel.exporter.otlp.compression", "gzip", "Request compression", "gzip", "none");
  public static final Setting<String> TEMPORALITY =
      Setting.oneOf(
          "otel.exporter.otlp.metrics.temporality.preference",
          "cumulative",
          "Aggregation temporality of exported histograms and counters",
          "cumulative",
          "delta",
          "lowmemory");
  public static final Setting<String> HISTOGRAM_AGGREGATION =
      Setting.oneOf(
          "otel.exporter.otlp.metrics.default.histogram.aggregation",
          "explicit_bucket_histogram",
          "Histogram encoding on the wire",
          "explicit_bucket_histogram",
          "base2_exponential_bucket_histogram");
  public static final Setting<Integer> EXPORT_QUEUE =
      Setting.integer(
          "hourglass.export.queue",
          6,
          1,
          1000,
          "Snapshots kept for export while the collector is slow or down (oldest dropped first)");
  public static final Setting<String> SERVICE_NAME =
      Setting.string(
          "otel.service.name", null, "service.name; default: derived from the main class or jar");
  public static final Setting<String> RESOURCE_ATTRIBUTES =
      Setting.string(
          "otel.resource.attributes", "", "Resource attributes: key=value,key=value");

  // --- alerts ---
  public static final Setting<Boolean> ALERTS_ENABLED =
      Setting.bool("hourglass.alerts.enabled", true, "false evaluates no alert rules");
  public static final Setting<Boolean> ALERTS_DEFAULTS_ENABLED =
      Setting.bool(
          "hourglass.alerts.defaults.enabled",
          true,
          "false drops the built-in rules; only configured rules run");
  public static final Setting<String> ALERTS_FILE =
      Setting.string("hourglass.alerts.file", null, "A JSON file of alert rules");
  public static final Setting<Duration> ALERTS_RENOTIFY =
      Setting.duration(
          "hourglass.alerts.renotify",
          Duration.ofHours(1),
          Duration.ZERO,
          Duration.ofDays(7),
          "Repeat a firing alert's notification this often (0 = never); per rule: renotify");
  public static final Setting<Boolean> ALERTS_LOG_ENABLED =
      Setting.bool(
          "hourglass.alerts.log.enabled", true, "Log each alert transition as a JSON line");
  public static final Setting<java.net.URI> ALERTS_WEBHOOK_URL =
      Setting.url("hourglass.alerts.webhook.url", "POST each alert transition as JSON here");
  public static final Setting<java.net.URI> ALERTS_SLACK_URL =
      Setting.url("hourglass.alerts.slack.url", "A Slack incoming-webhook URL");
  public static final Setting<java.net.URI> ALERTS_DISCORD_URL =
      Setting.url("hourglass.alerts.discord.url", "A Discord webhook URL");
  public static final Setting<String> ALERTS_PAGERDUTY_ROUTING_KEY =
      Setting.string(
          "hourglass.alerts.pagerduty.routing.key",
          null,
          "A PagerDuty Events API v2 integration key: alerts trigger, acknowledge and resolve incidents");
  public static final Setting<java.net.URI> ALERTS_PAGERDUTY_URL =
      Setting.url(
              "hourglass.alerts.pagerduty.url",
              "The PagerDuty Events API v2 endpoint (for a proxy or EU account)")
          .withDefaultText("https://events.pagerduty.com/v2/enqueue");
  public static final Setting<String> ALERTS_EMAIL_HOST =
      Setting.string("hourglass.alerts.email.host", null, "SMTP server for alert emails; unset: no email");
  public static final Setting<Integer> ALERTS_EMAIL_PORT =
      Setting.integer(
          "hourglass.alerts.email.port",
          0,
          0,
          65535,
          "SMTP port; 0: 587 with starttls, 465 with ssl, 25 with none");
  public static final Setting<String> ALERTS_EMAIL_SECURITY =
      Setting.oneOf(
          "hourglass.alerts.email.security",
          "starttls",
          "starttls (required, not opportunistic), ssl (TLS from the start) or none",
          "starttls",
          "ssl",
          "none");
  public static final Setting<String> ALERTS_EMAIL_USERNAME =
      Setting.string("hourglass.alerts.email.username", null, "SMTP user name; unset: no authentication");
  public static final Setting<String> ALERTS_EMAIL_PASSWORD =
      Setting.string("hourglass.alerts.email.password", null, "SMTP password");
  public static final Setting<String> ALERTS_EMAIL_FROM =
      Setting.string("hourglass.alerts.email.from", null, "Sender address of alert emails");
  public static final Setting<String> ALERTS_EMAIL_TO =
      Setting.string(
          "hourglass.alerts.email.to", null, "Recipients of alert emails, comma-separated");
  public static final Setting<Duration> ALERTS_NOTIFY_TIMEOUT =
      Setting.duration(
          "hourglass.alerts.notify.timeout",
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          Duration.ofMinutes(1),
          "Connect and read timeout of one notification request");
  public static final Setting<Integer> ALERTS_NOTIFY_RETRIES =
      Setting.integer(
          "hourglass.alerts.notify.retries",
          3,
          0,
          10,
          "Retries of a failed notification (backoff 1 s, doubling, at most 30 s)");
  public static final Setting<Integer> ALERTS_NOTIFY_QUEUE =
      Setting.integer(
          "hourglass.alerts.notify.queue",
          100,
          1,
          10_000,
          "Notifications waiting to be sent, retries included; beyond it new ones are dropped");

  /** Key prefixes whose keys are open-ended and validated by their owner, not by a Setting. */
  public static final List<String> OPEN_PREFIXES = List.of("hourglass.alerts.rule.");

  /** Every setting, for unknown-key warnings and the README table. */
  public static List<Setting<?>> all() {
    return ALL;
  }

  /** The settings declared above, in declaration order, read once instead of listed by hand. */
  private static final List<Setting<?>> ALL = declared();

  private static List<Setting<?>> declared() {
    List<Setting<?>> settings = new ArrayList<>();
    for (Field field : Settings.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers)
          && Modifier.isPublic(modifiers)
          && field.getType() == Setting.class) {
        try {
          settings.add((Setting<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read setting " + field.getName(), e);
        }
      }
    }
    return List.copyOf(settings);
  }
}
