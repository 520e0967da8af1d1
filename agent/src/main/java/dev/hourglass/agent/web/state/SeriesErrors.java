package dev.hourglass.agent.web.state;

import dev.hourglass.agent.web.views.ErrorsView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The default {@link ErrorsView}: one entry per failing series of the latest interval (exception
 * class or 5xx status, where it happened, how often since the series started), most recent first.
 * Messages are not captured, so they are empty.
 */
public final class SeriesErrors implements ErrorsView {
  static final int LIMIT = 100;
  private final DashboardState state;

  public SeriesErrors(DashboardState state) {
    this.state = state;
  }

  @Override
  public List<RecentError> recent() {
    IntervalSummary summary = state.latest();
    if (summary == null) {
      return List.of();
    }
    List<RecentError> errors = new ArrayList<>();
    for (ErrorRow row : summary.errors()) {
      errors.add(
          new RecentError(
              row.metric(),
              row.type(),
              "",
              where(row.attributes()),
              row.totalCount(),
              row.lastSeenEpochMillis()));
    }
    errors.sort(
        Comparator.comparingLong(RecentError::lastSeenEpochMillis)
            .thenComparingLong(RecentError::count)
            .reversed());
    return errors.size() > LIMIT ? errors.subList(0, LIMIT) : errors;
  }

  private static String where(Map<String, String> attributes) {
    String route = attributes.get("http.route");
    if (route != null) {
      String method = attributes.get("http.request.method");
      return method == null ? route : method + " " + route;
    }
    StringBuilder where = new StringBuilder();
    attributes.forEach(
        (name, value) -> {
          if (!name.equals("error.type")) {
            where.append(where.length() == 0 ? "" : " ").append(name).append('=').append(value);
          }
        });
    return where.toString();
  }
}
