package dev.hourglass.agent.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.HeaderLookup;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpClientRecorderTest {
  private static final HeaderLookup<Map<String, String>> LOOKUP = Map::get;
  private static final long MS = 1_000_000L;

  private final AtomicLong wallClock = new AtomicLong(1_700_000_000_000L);
  private final MetricRegistry registry = new MetricRegistry(100, 30);
  private final DownstreamHosts hosts = new DownstreamHosts(10, wallClock::get);
  private final HttpClientRecorder recorder = new HttpClientRecorder(registry, hosts);
  private long sequence;

  private static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  private void call(String host, int status, long millis, String... responseHeaders) {
    recorder.onCall("GET", host, 443, status, null, millis * MS, headers(responseHeaders), LOOKUP);
  }

  private IntervalSnapshot collect() {
    sequence++;
    return registry.collect(sequence, sequence * 1_000_000_000L, (sequence + 1) * 1_000_000_000L);
  }

  private static long count(IntervalSnapshot snapshot, String... attributeValues) {
    return snapshot.latencies().stream()
        .filter(point -> point.instrument().name().equals(MetricNames.HTTP_CLIENT_REQUEST_DURATION))
        .filter(point -> point.attributeValues().equals(List.of(attributeValues)))
        .mapToLong(point -> point.interval().getTotalCount())
        .sum();
  }

  private static double gauge(IntervalSnapshot snapshot, String name, String host) {
    return snapshot.gauges().stream()
        .filter(point -> point.instrument().name().equals(name))
        .filter(point -> point.attributeValues().equals(List.of(host)))
        .mapToDouble(GaugePoint::value)
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void calls_areCountedExactlyPerMethodHostPortAndStatus() {
    for (int i = 0; i < 3; i++) {
      call("api.example", 200, 10);
    }
    call("api.example", 404, 10);
    recorder.onCall("POST", "other.example", 8080, 201, null, 5 * MS, null, LOOKUP);

    IntervalSnapshot snapshot = collect();

    assertThat(count(snapshot, "GET", "api.example", "443", "200", "")).isEqualTo(3);
    assertThat(count(snapshot, "GET", "api.example", "443", "404", "")).isEqualTo(1);
    assertThat(count(snapshot, "POST", "other.example", "8080", "201", "")).isEqualTo(1);
  }

  @Test
  void durations_areRecordedAsGiven() {
    call("api.example", 200, 100);
    call("api.example", 200, 300);

    LatencyPoint point = collect().latencies().stream()
        .filter(p -> p.instrument().name().equals(MetricNames.HTTP_CLIENT_REQUEST_DURATION))
        .findFirst()
        .orElseThrow();

    assertThat(point.interval().getMinValue()).isCloseTo(100_000L, within(100L));
    assertThat(point.interval().getMaxValue()).isCloseTo(300_000L, within(300L));
  }

  @Test
  void errorType_isTheExceptionWithoutAResponse_andTheStatusFor5xx() {
    recorder.onCall("GET", "down.example", 80, 0, new ConnectException("refused"), MS, null, LOOKUP);
    recorder.onCall("GET", "slow.example", 80, 0, new SocketTimeoutException(), MS, null, LOOKUP);
    call("api.example", 503, 1);

    IntervalSnapshot snapshot = collect();

    assertThat(count(snapshot, "GET", "down.example", "80", "", "java.net.ConnectException"))
        .isEqualTo(1);
    assertThat(count(snapshot, "GET", "slow.example", "80", "", "java.net.SocketTimeoutException"))
        .isEqualTo(1);
    assertThat(count(snapshot, "GET", "api.example", "443", "503", "503")).isEqualTo(1);
  }

  @Test
  void unknownMethods_becomeOther() {
    recorder.onCall("BREW", "api.example", 443, 200, null, MS, null, LOOKUP);

    assertThat(count(collect(), "_OTHER", "api.example", "443", "200", "")).isEqualTo(1);
  }

  @Test
  void rateLimitGauges_followASequenceOfResponses() {
    call("api.github.example", 200, 1, "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "4",
        "X-RateLimit-Reset", "1700000060");
    IntervalSnapshot first = collect();
    assertThat(gauge(first, RateLimitMetrics.LIMIT, "api.github.example")).isEqualTo(5.0);
    assertThat(gauge(first, RateLimitMetrics.REMAINING, "api.github.example")).isEqualTo(4.0);
    assertThat(gauge(first, MetricNames.HTTP_CLIENT_RATELIMIT_UTILIZATION, "api.github.example")).isEqualTo(0.2);
    assertThat(gauge(first, RateLimitMetrics.RESET, "api.github.example")).isEqualTo(60.0);

    call("api.github.example", 200, 1, "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "1",
        "X-RateLimit-Reset", "1700000060");
    wallClock.addAndGet(15_000);
    IntervalSnapshot second = collect();
    assertThat(gauge(second, RateLimitMetrics.REMAINING, "api.github.example")).isEqualTo(1.0);
    assertThat(gauge(second, MetricNames.HTTP_CLIENT_RATELIMIT_UTILIZATION, "api.github.example")).isEqualTo(0.8);
    assertThat(gauge(second, RateLimitMetrics.RESET, "api.github.example")).isEqualTo(45.0);

    // The window reset: a full allowance again, and a new reset time.
    call("api.github.example", 200, 1, "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "5",
        "X-RateLimit-Reset", "1700000120");
    IntervalSnapshot third = collect();
    assertThat(gauge(third, RateLimitMetrics.REMAINING, "api.github.example")).isEqualTo(5.0);
    assertThat(gauge(third, MetricNames.HTTP_CLIENT_RATELIMIT_UTILIZATION, "api.github.example")).isEqualTo(0.0);
    assertThat(gauge(third, RateLimitMetrics.RESET, "api.github.example")).isEqualTo(105.0);
  }

  @Test
  void malformedRateLimitHeaders_leaveTheLastGoodValues() {
    call("api.example", 200, 1, "X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "3");
    call("api.example", 200, 1, "X-RateLimit-Limit", "ten", "X-RateLimit-Remaining", "-1");

    IntervalSnapshot snapshot = collect();

    assertThat(gauge(snapshot, RateLimitMetrics.LIMIT, "api.example")).isEqualTo(10.0);
    assertThat(gauge(snapshot, RateLimitMetrics.REMAINING, "api.example")).isEqualTo(3.0);
    assertThat(count(snapshot, "GET", "api.example", "443", "200", "")).isEqualTo(2);
  }

  @Test
  void throttledResponses_areCountedPerHost_andRetryAfterSetsTheReset() {
    call("api.example", 429, 1, "Retry-After", "30");
    call("api.example", 429, 1);
    call("api.example", 200, 1);

    IntervalSnapshot snapshot = collect();

    long throttled = snapshot.counters().stream()
        .filter(point -> point.instrument().name().equals(RateLimitMetrics.THROTTLED))
        .filter(point -> point.attributeValues().equals(List.of("api.example")))
        .mapToLong(CounterPoint::delta)
        .sum();
    assertThat(throttled).isEqualTo(2);
    assertThat(gauge(snapshot, RateLimitMetrics.RESET, "api.example")).isEqualTo(30.0);
    assertThat(hosts.views()).singleElement().satisfies(view -> {
      assertThat(view.calls()).isEqualTo(3);
      assertThat(view.throttled()).isEqualTo(2);
      assertThat(view.errors()).isZero();
      assertThat(view.secondsToReset()).isEqualTo(30.0);
    });
  }

  @Test
  void downstreamHosts_listEveryHostWithItsLatestRateLimitState() {
    call("b.example", 200, 1, "RateLimit-Limit", "100", "RateLimit-Remaining", "40");
    call("a.example", 500, 1);

    List<DownstreamHostView> views = hosts.views();

    assertThat(views).extracting(DownstreamHostView::address).containsExactly("a.example", "b.example");
    assertThat(views.get(0).errors()).isEqualTo(1);
    assertThat(views.get(0).limit()).isNaN();
    assertThat(views.get(1).limit()).isEqualTo(100.0);
    assertThat(views.get(1).remaining()).isEqualTo(40.0);
    assertThat(views.get(1).utilization()).isEqualTo(0.6);
    assertThat(views.get(1).rateLimitSeenEpochMillis()).isEqualTo(wallClock.get());
  }

  @Test
  void aHeaderLookupThatThrows_isCountedNotPropagated() {
    HeaderLookup<Object> broken = (response, name) -> {
      throw new IllegalStateException("library bug");
    };

    recorder.onCall("GET", "api.example", 443, 200, null, MS, new Object(), broken);

    assertThat(count(collect(), "GET", "api.example", "443", "200", "")).isEqualTo(1);
  }
}
