package dev.hourglass.agent.history;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.metrics.IntervalClock;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Builds the history from configuration and subscribes its writer to the interval clock. */
public final class History {
  private History() {}

  /**
   * Claims the history folder and attaches the writer to the clock. Returns the view for the web
   * server, or null when turned off; without a usable folder the history stands down with one line
   * and a health problem, and the agent runs on.
   */
  public static HistoryView install(Config config, IntervalClock clock, String service) {
    if (!config.get(Settings.HISTORY_ENABLED)) {
      return null;
    }
    HistoryHealth health = new HistoryHealth();
    String configured = config.get(Settings.HISTORY_DIR);
    HistoryDirectory directory;
    try {
      Path base = configured == null || configured.isBlank() ? defaultDir(service) : Path.of(configured.trim());
      directory = HistoryDirectory.claim(base);
    } catch (IOException | InvalidPathException | SecurityException e) {
      health.standDown(
          "history off: no usable folder (" + HistoryWriter.reason(e) + ");"
              + " set hourglass.history.dir");
      return view((HistoryReader) null, health, System::currentTimeMillis);
    }
    List<Resolution> resolutions = resolutions(config.get(Settings.HISTORY_RETENTION));
    HistoryWriter writer =
        new HistoryWriter(
            new HistoryFiles(directory.path()),
            resolutions,
            config.get(Settings.HISTORY_MAX_SIZE),
            health);
    clock.addConsumer(new HistoryRecorder(writer, directory, health));
    return view(
        new HistoryReader(directory.path(), resolutions, health, System::currentTimeMillis),
        health,
        System::currentTimeMillis);
  }

  /** A view of the history in {@code dir} at the default resolutions, as of {@code clock}. */
  public static HistoryView view(Path dir, HistoryHealth health, LongSupplier clock) {
    return view(new HistoryReader(dir, Resolution.DEFAULTS, health, clock), health, clock);
  }

  static HistoryView view(HistoryReader reader, HistoryHealth health, LongSupplier clock) {
    return new HistoryView() {
      @Override
      public HistoryReader.Answer read(HistoryQuery query, Consumer<HistoryRow> rows)
          throws IOException {
        if (reader == null) {
          return new HistoryReader.Answer(Resolution.DEFAULTS.get(0), query.stepMillis(), List.of());
        }
        return reader.read(query, rows);
      }

      @Override
      public boolean available() {
        return reader != null;
      }

      @Override
      public HistoryHealth health() {
        return health;
      }

      @Override
      public Path folder() {
        return reader == null ? null : reader.dir();
      }

      @Override
      public long nowMillis() {
        return clock.getAsLong();
      }
    };
  }

  static List<Resolution> resolutions(Duration retention) {
    List<Resolution> resolutions = new ArrayList<>();
    for (Resolution resolution : Resolution.DEFAULTS) {
      resolutions.add(resolution.keptAtMost(retention));
    }
    return resolutions;
  }

  /** {@code ~/.hourglass/history/<service>}: outlives restarts and temp-folder cleaners. */
  static Path defaultDir(String service) {
    String folder = service.replaceAll("[^A-Za-z0-9._-]", "_");
    if (folder.isEmpty() || folder.startsWith(".")) {
      folder = "_" + folder;
    }
    return Path.of(System.getProperty("user.home"), ".hourglass", "history", folder);
  }
}
