package dev.hourglass.agent.web.views;

import dev.hourglass.agent.alerts.AlertControl;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.alerts.RuleStore;
import dev.hourglass.agent.errors.ErrorGroupsView;
import dev.hourglass.agent.family.Views;
import dev.hourglass.agent.history.HistoryView;
import dev.hourglass.agent.cache.CachesView;
import dev.hourglass.agent.httpclient.ClientsView;
import dev.hourglass.agent.jdbc.findings.QueriesView;
import dev.hourglass.agent.traces.TracesView;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sections other features fill in, each with the view type the feature owns. Each starts
 * empty, so {@code /api/queries}, {@code /api/clients} and {@code /api/alerts} answer with empty
 * lists until the agent's wiring installs the database, HTTP-client and alert features. Offers may
 * come at any time (thread-safe).
 */
public final class DashboardViews implements Views {
  private final Map<Class<?>, Object> offered = new ConcurrentHashMap<>();
  private final ErrorsView errors;

  public DashboardViews(ErrorsView errors) {
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  @Override
  public <V> void offer(Class<V> type, V view) {
    offered.put(type, type.cast(Objects.requireNonNull(view, "view")));
  }

  public QueriesView queries() {
    return viewOr(QueriesView.class, QueriesView.NONE);
  }

  public CachesView caches() {
    return viewOr(CachesView.class, CachesView.NONE);
  }

  public ClientsView clients() {
    return viewOr(ClientsView.class, ClientsView.NONE);
  }

  /** The error inbox, or null when it is off. */
  public ErrorGroupsView errorGroups() {
    return viewOr(ErrorGroupsView.class, null);
  }

  public TracesView traces() {
    return viewOr(TracesView.class, TracesView.NONE);
  }

  /** The alert engine, or null when alerting is off. */
  public AlertsView alerts() {
    return viewOr(AlertsView.class, null);
  }

  /** Acknowledging alerts and running edited rules, or null when alerting is off. */
  public AlertControl alertControl() {
    return viewOr(AlertControl.class, null);
  }

  /** Where the rules come from, to list and edit them; null when alerting is off. */
  public RuleStore ruleStore() {
    return viewOr(RuleStore.class, null);
  }

  /** The history on disk, or null when it is off. */
  public HistoryView history() {
    return viewOr(HistoryView.class, null);
  }

  public ErrorsView errors() {
    return errors;
  }

  private <V> V viewOr(Class<V> type, V none) {
    Object view = offered.get(type);
    return view == null ? none : type.cast(view);
  }
}
