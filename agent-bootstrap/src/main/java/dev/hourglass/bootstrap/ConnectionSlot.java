package dev.hourglass.bootstrap;

/**
 * Woven into {@code java.sql.Connection} implementation classes as they load, as {@link
 * StatementSlot} is into statements: where the agent keeps the database a connection talks to.
 */
public interface ConnectionSlot {
  Object hourglass$connectionState();

  void hourglass$connectionState(Object state);
}
