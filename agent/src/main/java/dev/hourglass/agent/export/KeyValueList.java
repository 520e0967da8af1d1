package dev.hourglass.agent.export;

import dev.hourglass.bootstrap.AgentLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the W3C-baggage-like lists of OpenTelemetry's environment variables ({@code
 * OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_EXPORTER_OTLP_HEADERS}): {@code key=value,key=value},
 * values percent-encoded. A malformed entry is skipped with one warning (however often the list is
 * read) that names the setting and the entry's position or key, never its value (header values
 * are often credentials).
 */
final class KeyValueList {
  private KeyValueList() {}

  /** @param setting the key the list came from, for warnings */
  static Map<String, String> parse(String setting, String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return values;
    }
    String[] entries = text.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i];
      int eq = entry.indexOf('=');
      String key = eq > 0 ? entry.substring(0, eq).trim() : "";
      if (key.isEmpty()) {
        AgentLog.warnOnce(
            setting + "#" + i,
            "ignoring entry " + (i + 1) + " of " + setting
                + ": expected key=value,key=value (values percent-encoded)");
        continue;
      }
      try {
        values.put(key, URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEncoding) {
        AgentLog.warnOnce(
            setting + "#" + i,
            "ignoring the entry for '" + key + "' in " + setting
                + ": its value is not valid percent-encoding (%XX)");
      }
    }
    return values;
  }
}
