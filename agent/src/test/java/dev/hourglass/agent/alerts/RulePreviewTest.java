package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.history.HistoryRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preview replays a rule over one-minute rollups of the history. */
class RulePreviewTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_700_000_000_000L;

  private static Rule rule(String... fields) throws InvalidRuleException {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      map.put(fields[i], fields[i + 1]);
    }
    return new RuleParser(Duration.ofSeconds(10), Duration.ZERO).parse("preview", map);
  }

  /** One minute of one route: {@code count} requests whose p95 is {@code p95Millis}. */
  private static HistoryRow minute(int index, String route, long count, long p95Millis) {
    long p95 = p95Millis * 1000;
    return new HistoryRow(
        T0 + index * MINUTE, MINUTE, "s", "http.server.request.duration",
        Map.of("http.route", route, "http.request.method", "GET"), HistoryRow.Kind.HISTOGRAM,
        count, 0, new long[] {p95 / 2, p95, p95, p95, p95}, null);
  }

  @Test
  void p95Rule_firesOncePerBreachingStretch_perRoute_andReportsTheRange() throws Exception {
    List<HistoryRow> rows = new ArrayList<>();
    long[] slow = {100, 450, 500, 100, 100, 600};
    for (int i = 0; i < slow.length; i++) {
      rows.add(minute(i, "/slow", 50, slow[i]));
      rows.add(minute(i, "/fast", 50, 5));
    }
    // for 2 and recover 2 intervals of 10 s: one one-minute step each.
    RulePreview.Result result =
        RulePreview.run(rule("metric", "http.server.request.duration", "signal", "p95", "by", "http.route", "above", "300ms"),
            rows, Duration.ofSeconds(10));

    assertThat(result.firings()).isEqualTo(2);
    assertThat(result.firedAt()).containsExactly(T0 + MINUTE, T0 + 5 * MINUTE);
    assertThat(result.steps()).isEqualTo(6);
    assertThat(result.stepMillis()).isEqualTo(MINUTE);
    assertThat(result.min()).isEqualTo(0.005);
    assertThat(result.max()).isEqualTo(0.6);
    assertThat(result.unsupported()).isNull();
  }

  @Test
  void forLongerThanAStep_needsThatManyBreachingSteps_andWhereNarrowsTheSeries() throws Exception {
    List<HistoryRow> rows = new ArrayList<>();
    long[] slow = {450, 100, 450, 450, 450};
    for (int i = 0; i < slow.length; i++) {
      rows.add(minute(i, "/slow", 50, slow[i]));
      rows.add(minute(i, "/other", 50, 900));
    }
    RulePreview.Result result =
        RulePreview.run(
            rule("metric", "http.server.request.duration", "signal", "p95", "where", "http.route=/sl*",
                "above", "300ms", "for", "2m"),
            rows, Duration.ofSeconds(10));

    assertThat(result.firings()).isEqualTo(1);
    assertThat(result.firedAt()).containsExactly(T0 + 3 * MINUTE);
    assertThat(result.max()).isEqualTo(0.45);
  }

  @Test
  void signalTheRollupsLack_isReportedUnsupported() throws Exception {
    RulePreview.Result result =
        RulePreview.run(rule("metric", "http.server.request.duration", "signal", "mean", "above", "1s"),
            List.of(minute(0, "/a", 10, 100)), Duration.ofSeconds(10));

    assertThat(result.unsupported()).isEqualTo("the history keeps latency rollups; mean cannot be previewed");
  }
}
