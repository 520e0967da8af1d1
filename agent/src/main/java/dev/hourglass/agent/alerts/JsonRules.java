package dev.hourglass.agent.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hourglass.agent.util.Json;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a rules file: {@code {"rules": [ {"name": "...", "metric": "...", ...}, ... ]}} or just the
 * array. Field values may be strings, numbers or booleans; {@code by} may be an array of attribute
 * names and {@code where} an object of attribute → pattern. Each rule comes back as text fields for
 * {@link RuleParser}; a rule without a name is reported and skipped. Stateless.
 */
final class JsonRules {

  private JsonRules() {}

  /** Rules by name, in file order; problems with single rules are added to {@code problems}. */
  static Map<String, Map<String, String>> read(Reader reader, String source, List<String> problems)
      throws IOException {
    Object root;
    try (JsonParser parser = Json.factory().createParser(reader)) {
      parser.nextToken();
      root = value(parser);
    }
    Object rules = root instanceof Map<?, ?> map ? map.get("rules") : root;
    if (!(rules instanceof List<?> list)) {
      throw new IOException("expected {\"rules\": [...]} or an array of rules");
    }
    Map<String, Map<String, String>> byName = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String where = source + " rule #" + (i + 1);
      if (!(list.get(i) instanceof Map<?, ?> fields)) {
        problems.add(where + " is ignored: expected an object");
        continue;
      }
      Map<String, String> text = new LinkedHashMap<>();
      fields.forEach((field, value) -> text.put((String) field, text(value)));
      String name = text.remove("name");
      if (name == null || name.isBlank()) {
        problems.add(where + " is ignored: field 'name': missing");
        continue;
      }
      byName.put(name.trim(), text);
    }
    return byName;
  }

  /** Lists become comma-separated, objects {@code key=value,key=value}. */
  private static String text(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(text(item)));
      return String.join(",", items);
    }
    if (value instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      map.forEach((key, item) -> entries.add(key + "=" + text(item)));
      return String.join(",", entries);
    }
    return value == null ? null : value.toString();
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("the file is empty");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          object.put(field, value(parser));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getBooleanValue();
      default:
        return parser.getText(); // strings and numbers as written: "0.05", "3"
    }
  }
}
