package dev.hourglass.bootstrap;

/**
 * Woven into {@code javax.sql.DataSource} implementation classes as they load, as {@link
 * StatementSlot} is into statements: where the agent keeps a data source's pool name and series.
 */
public interface DataSourceSlot {
  Object hourglass$dataSourceState();

  void hourglass$dataSourceState(Object state);
}
