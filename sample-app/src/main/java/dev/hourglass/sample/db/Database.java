package dev.hourglass.sample.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The HikariCP pool plus the dialect of the database behind it. Closing it closes the pool. */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /**
     * Opens the pool and asks the database what it is. HikariCP connects eagerly, so a wrong URL or password
     * fails here, at start-up, rather than on the first request.
     */
    public static Database open(JdbcSettings settings) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sample-app");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection()) {
            Dialect dialect = Dialect.forProductName(connection.getMetaData().getDatabaseProductName());
            return new Database(pool, dialect);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        pool.close();
    }
}
