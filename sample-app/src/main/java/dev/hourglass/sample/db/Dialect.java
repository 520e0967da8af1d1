package dev.hourglass.sample.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The little SQL that differs between the two databases the app supports. Everything else the app runs is
 * portable between H2 and PostgreSQL, so it lives in plain strings next to the code that uses it.
 */
public enum Dialect {

    H2 {
        @Override
        void installHelpers(Connection connection) throws SQLException {
            // H2 has no sleep function of its own; it calls a static Java method registered as an alias.
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ALIAS IF NOT EXISTS SAMPLE_SLEEP FOR '" + H2Sleep.class.getName() + ".sleep'");
            }
        }

        @Override
        PreparedStatement prepareSleep(Connection connection, int millis) throws SQLException {
            PreparedStatement statement = connection.prepareStatement("SELECT SAMPLE_SLEEP(?)");
            statement.setInt(1, millis);
            return statement;
        }
    },

    POSTGRESQL {
        @Override
        void installHelpers(Connection connection) {
            // pg_sleep is built in.
        }

        @Override
        PreparedStatement prepareSleep(Connection connection, int millis) throws SQLException {
            PreparedStatement statement = connection.prepareStatement("SELECT pg_sleep(?)");
            statement.setDouble(1, millis / 1000.0);
            return statement;
        }
    };

    /** Creates whatever the database needs before {@link #prepareSleep} works. Safe to call on every start. */
    abstract void installHelpers(Connection connection) throws SQLException;

    /** A single query that keeps the database busy for about {@code millis} milliseconds. */
    abstract PreparedStatement prepareSleep(Connection connection, int millis) throws SQLException;

    /** Picks the dialect from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. */
    public static Dialect forProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return H2;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "Unsupported database '" + productName + "': the sample app speaks H2 and PostgreSQL");
    }
}
