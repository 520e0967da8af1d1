package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.MetricNames;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The error rules' signals: {@code new} and {@code baseline_ratio} over {@code hourglass.errors}. */
class ErrorSignalsTest {
  private static final InstrumentDescriptor ERRORS =
      SnapshotBuilder.instrument(
          Kind.COUNTER, MetricNames.ERRORS, "error.type", "hourglass.error.group");
  private static final List<String> BOOM = List.of("java.lang.IllegalStateException", "a1");
  private static final List<String> OTHER = List.of("java.io.IOException", "b2");

  private final SignalReader reader = new SignalReader();

  private static Rule defaultRule(String name) throws InvalidRuleException {
    return new RuleParser(Duration.ofSeconds(10), Duration.ZERO)
        .parse(name, DefaultRules.all().get(name));
  }

  private Map<List<String>, Measurement> read(Rule rule, long sequence, long boom, long other) {
    SnapshotBuilder snapshot = SnapshotBuilder.interval(sequence).counter(ERRORS, BOOM, boom, 0);
    if (other >= 0) {
      snapshot.counter(ERRORS, OTHER, other, 0);
    }
    return reader.read(rule, snapshot.build());
  }

  @Test
  void newIsOneInTheFirstIntervalOfAGroupOnly() throws InvalidRuleException {
    Rule rule = defaultRule("errors.new");

    assertThat(read(rule, 1, 3, -1)).isEqualTo(Map.of(BOOM, new Measurement(1, 1)));
    assertThat(read(rule, 2, 5, 1))
        .isEqualTo(Map.of(BOOM, new Measurement(0, 1), OTHER, new Measurement(1, 1)));
    assertThat(read(rule, 3, 0, 0))
        .isEqualTo(Map.of(BOOM, new Measurement(0, 1), OTHER, new Measurement(0, 1)));
  }

  @Test
  void baselineRatioComparesTheIntervalWithTheMeanOfTheGroupsPreviousIntervals()
      throws InvalidRuleException {
    Rule rule = defaultRule("errors.spike");

    assertThat(read(rule, 1, 4, -1)).as("no baseline in a group's first interval").isEmpty();
    assertThat(read(rule, 2, 2, -1)).isEqualTo(Map.of(BOOM, new Measurement(2 / 4.0, 1)));
    assertThat(read(rule, 3, 30, -1)).isEqualTo(Map.of(BOOM, new Measurement(30 / 3.0, 1)));
  }

  @Test
  void baselineRatioCountsAQuietBaselineAsOnePerInterval() throws InvalidRuleException {
    Rule rule = defaultRule("errors.spike");

    read(rule, 1, 0, -1);
    read(rule, 2, 0, -1);
    assertThat(read(rule, 3, 6, -1)).isEqualTo(Map.of(BOOM, new Measurement(6, 1)));
  }
}
