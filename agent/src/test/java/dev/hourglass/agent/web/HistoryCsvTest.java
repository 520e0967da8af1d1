package dev.hourglass.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.history.HistoryRow;
import dev.hourglass.agent.history.HistoryRow.Kind;
import dev.hourglass.agent.history.HistoryRow.StepValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryCsvTest {
  @Test
  void eachKindFillsItsOwnColumns_theOthersStayEmpty() {
    List<HistoryRow> rows =
        List.of(
            new HistoryRow(0, 60_000, "h", "http.server.request.duration", Map.of("http.route", "=cmd()"),
                Kind.HISTOGRAM, 3, 1, new long[] {5000, 6000, 7000, 8000, 9000}, null),
            new HistoryRow(0, 60_000, "c", "hourglass.agent.series.overflow", Map.of("instrument", "x"),
                Kind.COUNTER, 42, 0, null, new StepValues(6, 42, 1, 12, 3)),
            new HistoryRow(0, 60_000, "g", "jvm.memory.used", Map.of("jvm.memory.type", "heap"),
                Kind.GAUGE, 6, 0, null, new StepValues(6, 21_000, 1000, 6000, 6000)));

    assertThat(new String(HistoryCsv.of(rows), StandardCharsets.UTF_8))
        .isEqualTo(
            HistoryCsv.HEADER
                + "0,60.0,histogram,\"http.server.request.duration\",\"http.route==cmd()\",3,1,5.0,6.0,7.0,8.0,9.0,,,,\n"
                + "0,60.0,counter,\"hourglass.agent.series.overflow\",\"instrument=x\",42,,,,,,,,,,\n"
                + "0,60.0,gauge,\"jvm.memory.used\",\"jvm.memory.type=heap\",6,,,,,,,1000.0,3500.0,6000.0,6000.0\n");
  }
}
