package dev.hourglass.agent.jdbc.sql;

import java.sql.SQLException;

/** The {@code error.type} of a failed JDBC call. Stateless. */
public final class SqlStates {
  private SqlStates() {}

  /**
   * The SQLState class (its first two characters, e.g. {@code 42} for syntax errors and {@code 23}
   * for constraint violations) when the driver gave one: low-cardinality and comparable across
   * drivers. Otherwise the exception's class name. Never the message: it can quote the data.
   */
  public static String errorType(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null && state.length() >= 2) {
          return state.substring(0, 2);
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return thrown.getClass().getName();
  }
}
