package dev.hourglass.agent.history;

import dev.hourglass.snapshot.Point;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series' identity as the tag of an HdrHistogram interval-log line: {@code
 * metric;key=value;key=value}, each part URL-encoded. HdrHistogram's log format splits a line at
 * commas and ends the tag at whitespace; encoded parts contain neither, nor the separators {@code ;}
 * and {@code =}, so any route or SQL text survives the round trip.
 */
public record SeriesTag(String metric, Map<String, String> attributes) {

  public SeriesTag {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The tag of a snapshot point. */
  static String of(Point point) {
    StringBuilder tag = new StringBuilder(encode(point.instrument().name()));
    List<String> names = point.instrument().attributeNames();
    List<String> values = point.attributeValues();
    for (int i = 0; i < names.size(); i++) {
      tag.append(';').append(encode(names.get(i))).append('=').append(encode(values.get(i)));
    }
    return tag.toString();
  }

  /** The series a tag names; throws {@link IllegalArgumentException} if it is not a tag. */
  static SeriesTag parse(String tag) {
    String[] parts = tag.split(";", -1);
    if (parts[0].isEmpty()) {
      throw new IllegalArgumentException("empty metric in tag");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("attribute without name in tag");
      }
      attributes.put(decode(parts[i].substring(0, eq)), decode(parts[i].substring(eq + 1)));
    }
    return new SeriesTag(decode(parts[0]), attributes);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
