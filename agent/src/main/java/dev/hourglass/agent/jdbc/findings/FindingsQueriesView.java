package dev.hourglass.agent.jdbc.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's view of the database findings: slow executions grouped by statement shape (how
 * many, how slow), and the N+1 patterns. Reads {@link QueryFindings}, which is bounded.
 */
public final class FindingsQueriesView implements QueriesView {
  private final QueryFindings findings;

  public FindingsQueriesView(QueryFindings findings) {
    this.findings = findings;
  }

  @Override
  public List<SlowQuery> slowQueries() {
    Map<List<String>, List<QueryFindings.SlowQuery>> byShape = new LinkedHashMap<>();
    for (QueryFindings.SlowQuery slow : findings.slowQueries()) {
      byShape
          .computeIfAbsent(List.of(slow.system(), slow.operation(), slow.query()), k -> new ArrayList<>())
          .add(slow);
    }
    List<SlowQuery> rows = new ArrayList<>();
    for (List<QueryFindings.SlowQuery> shape : byShape.values()) {
      List<Double> millis = new ArrayList<>();
      QueryFindings.SlowQuery latest = shape.get(0);
      for (QueryFindings.SlowQuery slow : shape) {
        millis.add(slow.durationNanos() / 1e6);
        if (slow.epochMillis() >= latest.epochMillis()) {
          latest = slow;
        }
      }
      millis.sort(Comparator.naturalOrder());
      rows.add(
          new SlowQuery(
              latest.system(),
              latest.operation(),
              latest.query(),
              shape.size(),
              shape.size(),
              valueAt(millis, 0.5),
              valueAt(millis, 0.95),
              millis.get(millis.size() - 1),
              latest.route(),
              latest.epochMillis()));
    }
    rows.sort(Comparator.comparingDouble(SlowQuery::maxMillis).reversed());
    return rows;
  }

  @Override
  public List<NPlusOneFinding> nPlusOneFindings() {
    List<NPlusOneFinding> rows = new ArrayList<>();
    for (QueryFindings.NPlusOne finding : findings.nPlusOne()) {
      rows.add(
          new NPlusOneFinding(
              finding.route(),
              finding.query(),
              finding.requests(),
              finding.lastExecutions(),
              finding.lastEpochMillis()));
    }
    rows.sort(Comparator.comparingLong(NPlusOneFinding::occurrences).reversed());
    return rows;
  }

  private static double valueAt(List<Double> sorted, double quantile) {
    int rank = Math.max(1, (int) Math.ceil(quantile * sorted.size()));
    return sorted.get(rank - 1);
  }
}
