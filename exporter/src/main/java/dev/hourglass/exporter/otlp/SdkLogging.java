package dev.hourglass.exporter.otlp;

import dev.hourglass.bootstrap.AgentLog;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the bundled OpenTelemetry SDK (and its HTTP client) out of the application's logs. They log
 * through {@code java.util.logging}, whose root handlers belong to the application: left alone, a
 * collector outage prints a SEVERE line with a stack trace into the application's output on every
 * failed export. The agent already reports export failures itself (once, and in {@code
 * hourglass.agent.export.*}), so these records go to the agent's debug log only.
 *
 * <p>Called on the exporter thread right before the SDK exporter is built, which touches {@code
 * java.util.logging} anyway; doing it at agent start would initialize the LogManager before the
 * application can choose its own.
 */
final class SdkLogging {
  // java.util.logging holds loggers weakly: a configured logger must be kept, or it and its settings go.
  private static Logger bundled;

  private SdkLogging() {}

  static synchronized void divertToAgentLog() {
    if (bundled != null) {
      return;
    }
    bundled = Logger.getLogger(bundledLibrariesRoot());
    bundled.setUseParentHandlers(false);
    bundled.setLevel(Level.WARNING);
    bundled.addHandler(new ToAgentDebugLog());
  }

  /**
   * {@code dev.hourglass.shaded} in the agent jar, where the SDK and OkHttp are relocated beneath
   * it; {@code io.opentelemetry} when running unshaded (unit tests).
   */
  static String bundledLibrariesRoot() {
    // Worked out from a class name, not written as text: the shade plugin rewrites string constants
    // that start with a relocated package. io.opentelemetry.sdk.metrics.export.MetricExporter has 6
    // segments; whatever precedes them is the relocation prefix.
    String[] segments = MetricExporter.class.getName().split("\\.");
    int prefix = segments.length - 6;
    return String.join(".", java.util.Arrays.copyOfRange(segments, 0, prefix > 0 ? prefix : 2));
  }

  private static final class ToAgentDebugLog extends Handler {
    @Override
    public void publish(LogRecord record) {
      if (AgentLog.isDebug()) {
        Throwable thrown = record.getThrown();
        AgentLog.debug(
            record.getLoggerName() + ": " + record.getMessage()
                + (thrown == null ? "" : " (" + AgentLog.describe(thrown) + ")"));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
