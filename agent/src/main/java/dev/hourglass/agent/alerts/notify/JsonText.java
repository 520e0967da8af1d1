package dev.hourglass.agent.alerts.notify;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.util.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Writes one JSON document to a string with Jackson's streaming generator, fields in call order. */
final class JsonText {

  /** Writes fields into the generator; may throw the generator's IOException. */
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonText() {}

  static String of(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.factory().createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string", e); // cannot happen
    }
    return out.toString();
  }

  /** {@code 2025-03-01T12:00:10Z}: ISO-8601 in UTC, millisecond precision when needed. */
  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** A finite number, or null (JSON has no NaN). */
  static void number(JsonGenerator json, String field, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumberField(field, value);
    } else {
      json.writeNullField(field);
    }
  }
}
