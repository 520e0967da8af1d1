package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalReaderTest {
  private final SignalReader reader = new SignalReader();

  private static Rule rule(Map<String, String> fields) throws InvalidRuleException {
    return new RuleParser(Duration.ofSeconds(10), Duration.ZERO).parse("r", fields);
  }

  @Test
  void p95ByRoute_mergesTheSeriesOfEachRoute() throws InvalidRuleException {
    Rule rule =
        rule(Map.of("metric", "http.server.request.duration", "signal", "p95", "by", "http.route", "above", "1s"));

    Map<List<String>, Measurement> measured =
        reader.read(
            rule,
            SnapshotBuilder.interval(1)
                .requests("/a", 200, 90, 10)
                .requests("/a", 500, 10, 2000)
                .requests("/b", 200, 5, 40)
                .build());

    assertThat(measured.keySet()).containsExactly(List.of("/a"), List.of("/b"));
    assertThat(measured.get(List.of("/a")).samples()).isEqualTo(100);
    assertThat(measured.get(List.of("/a")).value())
        .isEqualTo(new org.HdrHistogram.Histogram(3).highestEquivalentValue(2_000_000) / 1e6);
    assertThat(measured.get(List.of("/b")))
        .isEqualTo(new Measurement(new org.HdrHistogram.Histogram(3).highestEquivalentValue(40_000) / 1e6, 5));
  }

  @Test
  void countOver_countsMeasurementsSlowerThanItsDuration() throws InvalidRuleException {
    Rule rule = rule(DefaultRules.all().get("db.slow.queries"));
    List<String> select = List.of("h2", "SELECT", "select * from t where id = ?", "");

    Map<List<String>, Measurement> measured =
        reader.read(
            rule,
            SnapshotBuilder.interval(1)
                .repeated(SnapshotBuilder.DB, select, 100, 3)
                .repeated(SnapshotBuilder.DB, select, 4, 700)
                .repeated(SnapshotBuilder.DB, select, 2, 500)
                .build());

    assertThat(measured).isEqualTo(Map.of(List.of(), new Measurement(4, 106)));
  }

  @Test
  void where_selectsSeriesByGlob() throws InvalidRuleException {
    Rule rule =
        rule(
            Map.of(
                "metric", "http.server.request.duration",
                "signal", "count",
                "where", "http.route=/api/*,http.request.method=GET",
                "above", "0"));

    Map<List<String>, Measurement> measured =
        reader.read(
            rule,
            SnapshotBuilder.interval(1)
                .requests("/api/orders", 200, 7, 10)
                .requests("/api/users/{id}", 200, 3, 10)
                .requests("/health", 200, 50, 1)
                .build());

    assertThat(measured).isEqualTo(Map.of(List.of(), new Measurement(10, 10)));
  }

  @Test
  void heapRatio_dividesUsedByTheLimitOfTheSameMemoryType() throws InvalidRuleException {
    Rule rule = rule(DefaultRules.all().get("jvm.heap"));
    InstrumentDescriptor used = SnapshotBuilder.instrument(Kind.GAUGE, "jvm.memory.used", "jvm.memory.type");
    InstrumentDescriptor limit = SnapshotBuilder.instrument(Kind.GAUGE, "jvm.memory.limit", "jvm.memory.type");

    Map<List<String>, Measurement> measured =
        reader.read(
            rule,
            SnapshotBuilder.interval(1)
                .gauge(used, List.of("heap"), 960)
                .gauge(used, List.of("non_heap"), 90)
                .gauge(limit, List.of("heap"), 1000)
                .build());

    assertThat(measured).isEqualTo(Map.of(List.of(), new Measurement(0.96, 1)));
  }

  @Test
  void counterRate_isPerSecondOfTheInterval() throws InvalidRuleException {
    Rule rule = rule(Map.of("metric", "hourglass.db.leaks", "signal", "rate", "above", "0"));

    Map<List<String>, Measurement> measured =
        reader.read(rule, SnapshotBuilder.interval(1).counter(SnapshotBuilder.instrument(Kind.COUNTER, "hourglass.db.leaks"), List.of(), 5, 12).build());

    assertThat(measured).isEqualTo(Map.of(List.of(), new Measurement(0.5, 1)));
  }

  @Test
  void cacheHitRatio_isTheShareOfHitsPerCache_withTheLookupsAsSamples() throws InvalidRuleException {
    Rule rule = rule(DefaultRules.all().get("cache.hit.ratio"));
    InstrumentDescriptor requests =
        SnapshotBuilder.instrument(Kind.COUNTER, "hourglass.cache.requests", "cache.name", "result");

    Map<List<String>, Measurement> measured =
        reader.read(
            rule,
            SnapshotBuilder.interval(1)
                .counter(requests, List.of("owners", "hit"), 30, 30)
                .counter(requests, List.of("owners", "miss"), 90, 90)
                .counter(requests, List.of("pets", "miss"), 5, 5)
                .build());

    assertThat(measured)
        .isEqualTo(
            Map.of(
                List.of("owners"), new Measurement(0.25, 120),
                List.of("pets"), new Measurement(0.0, 5)));
    assertThat(rule.minSamples()).as("a hit ratio counts from 100 lookups an interval").isEqualTo(100);
  }

  @Test
  void metricWithoutData_givesNoGroups() throws InvalidRuleException {
    Rule rule = rule(DefaultRules.all().get("http.client.ratelimit"));

    assertThat(reader.read(rule, SnapshotBuilder.interval(1).requests("/a", 200, 5, 5).build())).isEmpty();
  }
}
