package dev.hourglass.agent.export;

import dev.hourglass.bootstrap.AgentLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the W3C-baggage-like lists of OpenTelemetry's environment variables ({@code
 * OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_EXPORTER_OTLP_HEADERS}): {@code key=value,key=value},
 * values percent-encoded. A malformed entry is skipped with a warning that names it without its
 * value (header values are often credentials).
 */
final class KeyValueList {
  private KeyValueList() {}

  static Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return values;
    }
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      String key = eq > 0 ? entry.substring(0, eq).trim() : "";
      if (key.isEmpty()) {
        AgentLog.warn("ignoring a malformed key=value entry (no key) in an OTEL_* list");
        continue;
      }
      try {
        values.put(key, URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEncoding) {
        AgentLog.warn("ignoring the entry for '" + key + "': its value is not valid percent-encoding");
      }
    }
    return values;
  }
}
