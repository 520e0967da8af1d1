package dev.hourglass.agent.telemetry;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Setting;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the W3C-baggage-like lists of OpenTelemetry's environment variables ({@code
 * OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_EXPORTER_OTLP_HEADERS}): {@code key=value,key=value},
 * values percent-encoded. A malformed entry is skipped and reported as a configuration problem (one
 * warning however often the list is read, and listed on {@code /api/health}) that names the
 * setting and the entry's position or key, never its value (header values are often credentials).
 */
final class KeyValueList {
  private KeyValueList() {}

  static Map<String, String> parse(Config config, Setting<String> listSetting) {
    String setting = config.named(listSetting.key());
    String text = config.get(listSetting);
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
        config.report(
            "ignoring entry " + (i + 1) + " of " + setting
                + ": expected key=value,key=value (values percent-encoded)");
        continue;
      }
      try {
        values.put(key, URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEncoding) {
        config.report(
            "ignoring the entry for '" + key + "' in " + setting
                + ": its value is not valid percent-encoding (%XX)");
      }
    }
    return values;
  }
}
