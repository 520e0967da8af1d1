package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import java.time.Duration;

/** Reads {@link JdbcSettings} from the agent's configuration. */
public final class JdbcConfig {
  private JdbcConfig() {}

  /** @param logInterval the export interval: slow shapes and N+1 patterns log once per interval */
  public static JdbcSettings read(Config config, Duration logInterval) {
    return new JdbcSettings(
        config.get(Settings.JDBC_QUERY_ATTRIBUTE).equals("summary"),
        config.get(Settings.JDBC_SQL_MAX_LENGTH),
        config.get(Settings.JDBC_SQL_CACHE_SIZE),
        config.get(Settings.JDBC_SLOW_THRESHOLD).toNanos(),
        config.get(Settings.JDBC_NPLUSONE_THRESHOLD),
        config.get(Settings.JDBC_LEAK_DETECTION),
        config.get(Settings.JDBC_LEAK_THRESHOLD).toNanos(),
        config.get(Settings.JDBC_LEAK_FRAMES).equals("always"),
        config.get(Settings.JDBC_FINDINGS_KEEP),
        logInterval.toNanos());
  }
}
