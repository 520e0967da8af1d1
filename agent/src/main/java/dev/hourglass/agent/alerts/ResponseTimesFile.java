package dev.hourglass.agent.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hourglass.agent.util.Json;
import dev.hourglass.bootstrap.AgentLog;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps each rule's {@link ResponseTimes} in one small JSON file ({@value #NAME} in the history
 * folder), so MTTR figures survive restarts: {@code {"rules": {"<rule>": {"fired": 3, ...}}}}.
 * Written whole to a temporary file and moved over the old one, so a crash leaves the old or the
 * new figures, never half of either. A file that cannot be read or written costs the figures'
 * persistence only, with one log line per kind of failure. Called under the engine's lock only.
 */
final class ResponseTimesFile {
  static final String NAME = "alerts-response-times.json";

  private final Path file;

  /** @param file where the figures live, or null to keep them in memory only */
  ResponseTimesFile(Path file) {
    this.file = file;
  }

  Map<String, ResponseTimes> load() {
    Map<String, ResponseTimes> times = new LinkedHashMap<>();
    if (file == null) {
      return times;
    }
    // The file is opened first: before the first incident there is none, and no Jackson to load.
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser json = Json.factory().createParser(in)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        if (!field.equals("rules")) {
          json.skipChildren();
          continue;
        }
        expect(json.currentToken(), JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String rule = json.currentName();
          json.nextToken();
          times.put(rule, figures(json));
        }
      }
    } catch (NoSuchFileException first) {
      // no incidents yet
    } catch (IOException | RuntimeException e) {
      AgentLog.warn(
          "alert response times in " + file + " are unreadable and start again from zero ("
              + AgentLog.describe(e) + ")");
      times.clear();
    }
    return times;
  }

  void save(Map<String, ResponseTimes> times) {
    if (file == null) {
      return;
    }
    Path temporary = file.resolveSibling(NAME + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
          JsonGenerator json = Json.factory().createGenerator(out)) {
        json.writeStartObject();
        json.writeObjectFieldStart("rules");
        for (Map.Entry<String, ResponseTimes> rule : times.entrySet()) {
          ResponseTimes figures = rule.getValue();
          json.writeObjectFieldStart(rule.getKey());
          json.writeNumberField("fired", figures.fired());
          json.writeNumberField("acknowledged", figures.acknowledged());
          json.writeNumberField("ackMillis", figures.ackMillis());
          json.writeNumberField("resolved", figures.resolved());
          json.writeNumberField("resolveMillis", figures.resolveMillis());
          json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      AgentLog.warnOnce(
          "alerts-response-times-write",
          "cannot keep alert response times in " + file + " (" + AgentLog.describe(e)
              + "); they are kept in memory until the agent stops");
    }
  }

  private static ResponseTimes figures(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    Map<String, Long> numbers = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      numbers.put(field, json.getValueAsLong());
    }
    return new ResponseTimes(
        numbers.getOrDefault("fired", 0L),
        numbers.getOrDefault("acknowledged", 0L),
        numbers.getOrDefault("ackMillis", 0L),
        numbers.getOrDefault("resolved", 0L),
        numbers.getOrDefault("resolveMillis", 0L));
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + ", found " + actual);
    }
  }
}
