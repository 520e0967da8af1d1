package dev.hourglass.agent.web.views;

import dev.hourglass.agent.alerts.AlertsView;
import java.util.Objects;

/**
 * The sections other features fill in. Each starts empty, so {@code /api/queries}, {@code
 * /api/clients} and {@code /api/alerts} answer with empty lists until the agent's wiring installs
 * the database, HTTP-client and alert features. Setters may be called at any time (volatile).
 */
public final class DashboardViews {
  private volatile QueriesView queries = QueriesView.NONE;
  private volatile ClientsView clients = ClientsView.NONE;
  private volatile AlertsView alerts; // null: alerting is off
  private volatile ErrorsView errors;

  public DashboardViews(ErrorsView errors) {
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  public QueriesView queries() {
    return queries;
  }

  public void setQueries(QueriesView queries) {
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  public ClientsView clients() {
    return clients;
  }

  public void setClients(ClientsView clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /** The alert engine, or null when alerting is off. */
  public AlertsView alerts() {
    return alerts;
  }

  public void setAlerts(AlertsView alerts) {
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  public ErrorsView errors() {
    return errors;
  }

  public void setErrors(ErrorsView errors) {
    this.errors = Objects.requireNonNull(errors, "errors");
  }
}
