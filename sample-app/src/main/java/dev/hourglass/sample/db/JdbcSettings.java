package dev.hourglass.sample.db;

import java.util.Map;

/** JDBC URL and credentials. The password is kept out of {@link #toString()} so it never reaches a log. */
public record JdbcSettings(String url, String user, String password) {

    /**
     * DB_CLOSE_DELAY=-1 keeps the in-memory database alive while the pool has no open connection;
     * without it H2 would drop every table the moment the last connection closes.
     */
    public static final String DEFAULT_URL = "jdbc:h2:mem:sample;DB_CLOSE_DELAY=-1";
    public static final String DEFAULT_USER = "sa";

    public JdbcSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("JDBC URL must not be blank");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** A private in-memory H2 database with the given name, e.g. one per test class. */
    public static JdbcSettings h2InMemory(String databaseName) {
        return new JdbcSettings("jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1", DEFAULT_USER, "");
    }

    /** SAMPLE_JDBC_URL / SAMPLE_JDBC_USER / SAMPLE_JDBC_PASSWORD, falling back to in-memory H2. */
    public static JdbcSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("SAMPLE_JDBC_URL");
        if (url == null || url.isBlank()) {
            return new JdbcSettings(DEFAULT_URL, env.getOrDefault("SAMPLE_JDBC_USER", DEFAULT_USER),
                    env.get("SAMPLE_JDBC_PASSWORD"));
        }
        return new JdbcSettings(url, env.get("SAMPLE_JDBC_USER"), env.get("SAMPLE_JDBC_PASSWORD"));
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
