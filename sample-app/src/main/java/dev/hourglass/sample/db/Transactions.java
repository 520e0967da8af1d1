package dev.hourglass.sample.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a unit of work on one connection and commits it, or rolls it back if anything is thrown. */
final class Transactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackKeepingCause(connection, e);
                throw e;
            } finally {
                // The pool would reset it too; doing it here keeps this class correct without a pool.
                connection.setAutoCommit(true);
            }
        }
    }

    private static void rollbackKeepingCause(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
