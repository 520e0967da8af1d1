package dev.hourglass.agent.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import dev.hourglass.agent.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a write request's body: a flat JSON object whose values are strings, numbers, booleans or
 * null, as text by field name. At most {@value #MAX_BYTES} bytes; an empty body is an empty object.
 */
final class RequestBody {
  static final int MAX_BYTES = 64 * 1024;

  /** What is wrong with a body, for a 400 answer. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private RequestBody() {}

  static Map<String, String> fields(HttpExchange exchange) throws IOException, Invalid {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new Invalid("the body is over " + MAX_BYTES + " bytes");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (bytes.length == 0) {
      return fields;
    }
    try (JsonParser json = Json.factory().createParser(bytes)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new Invalid("expected a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          throw new Invalid("field '" + field + "': expected a string, number or boolean");
        }
        fields.put(field, value == JsonToken.VALUE_NULL ? null : json.getText());
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Invalid("not valid JSON: " + e.getOriginalMessage());
    }
    return fields;
  }
}
