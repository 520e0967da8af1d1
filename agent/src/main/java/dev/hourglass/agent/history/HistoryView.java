package dev.hourglass.agent.history;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The history on disk, read-only, for {@code /api/history?from=…}, {@code /api/export} and {@code
 * /api/health}. Thread-safe; a read costs file I/O, so it runs on the web server's thread, never on
 * the clock's.
 */
public interface HistoryView {
  /** Streams a window's rows in time order; see {@link HistoryReader#read}. */
  HistoryReader.Answer read(HistoryQuery query, Consumer<HistoryRow> rows) throws IOException;

  /** False when the history stood down (no usable folder): reads answer nothing. */
  boolean available();

  HistoryHealth health();

  /** The folder this JVM writes its history into, for small state files beside it; null if none. */
  default java.nio.file.Path folder() {
    return null;
  }

  /** The history's clock, epoch ms: where a window without an end ends. */
  long nowMillis();
}
