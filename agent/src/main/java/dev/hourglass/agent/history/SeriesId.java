package dev.hourglass.agent.history;

import dev.hourglass.snapshot.AttributeKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What history calls one series: a metric and its attributes except the outcome of each call
 * (status code, error type), so a route's 200s and 500s are one series whose errors are counted.
 * Its id reads {@code metric{key=value,…}}, e.g. {@code
 * http.server.request.duration{http.request.method=GET,http.route=/owners/*}}.
 */
final class SeriesId {
  private SeriesId() {}

  static Map<String, String> attributes(SeriesTag tag) {
    Map<String, String> attributes = new LinkedHashMap<>(tag.attributes());
    attributes.remove(AttributeKeys.HTTP_RESPONSE_STATUS_CODE.name());
    attributes.remove(AttributeKeys.ERROR_TYPE.name());
    return attributes;
  }

  static String of(String metric, Map<String, String> attributes) {
    StringBuilder id = new StringBuilder(metric).append('{');
    boolean first = true;
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (!first) {
        id.append(',');
      }
      id.append(attribute.getKey()).append('=').append(attribute.getValue());
      first = false;
    }
    return id.append('}').toString();
  }

  /** True when the tag's series failed: it carries an error type. */
  static boolean isError(SeriesTag tag) {
    String error = tag.attributes().get(AttributeKeys.ERROR_TYPE.name());
    return error != null && !error.isEmpty();
  }
}
