package dev.hourglass.bootstrap;

/**
 * Woven into {@code java.sql.Statement} implementation classes as they load: a field of each
 * statement object where the agent keeps what it knows about that statement, so an execution
 * finds it with a field read instead of a weak-map probe. Classes loaded before the agent, or
 * serializable ones, are not given the field (the agent then falls back to its map).
 *
 * <p>The value is the agent's, typed {@code Object} because this interface lives in the bootstrap
 * class loader, which cannot see the agent's classes. Not for application code.
 */
public interface StatementSlot {
  Object hourglass$statementState();

  void hourglass$statementState(Object state);
}
