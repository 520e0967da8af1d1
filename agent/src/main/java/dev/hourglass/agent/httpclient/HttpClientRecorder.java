package dev.hourglass.agent.httpclient;

import dev.hourglass.agent.errors.ErrorReporter;
import dev.hourglass.agent.http.HttpMethods;
import dev.hourglass.agent.http.StatusCodes;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.HeaderLookup;
import dev.hourglass.bootstrap.HttpClientCalls;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;

/**
 * Records finished outgoing HTTP calls into {@code http.client.request.duration} by method, {@code
 * server.address}, {@code server.port}, status and error type, and keeps each host's rate-limit
 * state ({@link DownstreamHosts}, {@link RateLimitMetrics}).
 *
 * <p>Runs on application threads (and, for async calls, the client library's threads); thread-safe.
 * Allocation-free for a call to a known host and series whose response carries no rate-limit
 * headers. Never throws: a fault is counted as an advice error.
 */
public final class HttpClientRecorder implements HttpClientCalls.Listener {
  private static final ThreadLocal<RateLimitReading> READING =
      ThreadLocal.withInitial(RateLimitReading::new);

  private final LatencyInstrument duration;
  private final RateLimitMetrics rateLimits;
  private final DownstreamHosts hosts;
  private final ErrorReporter errors;

  public HttpClientRecorder(MetricRegistry registry, DownstreamHosts hosts) {
    this(registry, hosts, ErrorReporter.NONE);
  }

  /** @param errors where failed calls go, for the error inbox */
  public HttpClientRecorder(MetricRegistry registry, DownstreamHosts hosts, ErrorReporter errors) {
    this.errors = errors;
    this.duration =
        registry.latency(
            MetricNames.HTTP_CLIENT_REQUEST_DURATION,
            "Duration of outgoing HTTP calls, until the response headers are in",
            AttributeKeys.HTTP_REQUEST_METHOD,
            AttributeKeys.SERVER_ADDRESS,
            AttributeKeys.SERVER_PORT,
            AttributeKeys.HTTP_RESPONSE_STATUS_CODE,
            AttributeKeys.ERROR_TYPE);
    this.rateLimits = new RateLimitMetrics(registry);
    this.hosts = hosts;
  }

  public DownstreamHosts hosts() {
    return hosts;
  }

  @Override
  public <R> void onCall(
      String method,
      String host,
      int port,
      int status,
      Throwable error,
      long durationNanos,
      R response,
      HeaderLookup<R> headers) {
    try {
      record(method, host, port, status, error, durationNanos, response, headers);
    } catch (RuntimeException | LinkageError fault) {
      AdviceErrors.record(fault);
    }
  }

  private <R> void record(
      String method,
      String host,
      int port,
      int status,
      Throwable error,
      long durationNanos,
      R response,
      HeaderLookup<R> headers) {
    DownstreamHost downstream = hosts.get(host);
    String portText =
        downstream != null ? downstream.portText(port) : port < 0 ? "" : Integer.toString(port);
    String errorType = errorType(status, error);
    duration
        .series(
            HttpMethods.canonical(method),
            host,
            portText,
            status > 0 ? StatusCodes.text(status) : "",
            errorType)
        .recordNanos(durationNanos);
    if (status >= 500) {
      errors.status(ErrorReporter.HTTP_CLIENT, status, host + ":" + portText, null);
    } else if (status == 0 && error != null) {
      errors.thrown(ErrorReporter.HTTP_CLIENT, error, null);
    }
    boolean throttled = status == 429;
    if (throttled && host != null) {
      rateLimits.countThrottled(host);
    }
    if (downstream == null) {
      return;
    }
    downstream.countCall(!errorType.isEmpty(), throttled);
    if (status > 0 && response != null && headers != null) {
      RateLimitReading reading = READING.get();
      long now = hosts.now();
      if (RateLimitHeaders.read(response, headers, status, now, reading)) {
        downstream.update(reading, now);
        rateLimits.track(downstream);
      }
    }
  }

  /**
   * A response decides by its status: a 5xx is an error named by its code (as for server
   * requests), anything else is not. Without a response, the class of what the application saw
   * thrown ({@code java.net.ConnectException}, {@code java.net.SocketTimeoutException}...).
   */
  static String errorType(int status, Throwable error) {
    if (status > 0) {
      return status >= 500 ? StatusCodes.text(status) : "";
    }
    return error != null ? error.getClass().getName() : "_OTHER";
  }
}
