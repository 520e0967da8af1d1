package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.util.Json;
import dev.hourglass.agent.web.state.LatencyStats;
import dev.hourglass.agent.web.state.RuntimeSample;
import dev.hourglass.agent.web.state.TotalStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Streams JSON with jackson-core (no object mapper, no reflection) and the field layouts shared by
 * the endpoints. Durations are milliseconds ({@code …Ms}), times epoch milliseconds. Thread-safe.
 */
public final class JsonOutput {
  /** A body writer: writes one JSON value. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }


  private JsonOutput() {}

  /** The UTF-8 bytes of the value {@code body} writes. */
  public static byte[] bytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = Json.factory().createGenerator(out, JsonEncoding.UTF8)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  static void latency(JsonGenerator json, LatencyStats stats) throws IOException {
    json.writeStartObject();
    json.writeNumberField("count", stats.count());
    json.writeNumberField("errors", stats.errors());
    json.writeNumberField("errorPercent", round(stats.errorPercent(), 2));
    json.writeNumberField("ratePerSec", round(stats.ratePerSecond(), 3));
    json.writeNumberField("p50Ms", stats.p50Millis());
    json.writeNumberField("p95Ms", stats.p95Millis());
    json.writeNumberField("p99Ms", stats.p99Millis());
    json.writeNumberField("p999Ms", stats.p999Millis());
    json.writeNumberField("maxMs", stats.maxMillis());
    json.writeEndObject();
  }

  static void total(JsonGenerator json, TotalStats total) throws IOException {
    json.writeStartObject();
    json.writeNumberField("count", total.count());
    json.writeNumberField("errors", total.errors());
    json.writeNumberField("errorPercent", round(total.errorPercent(), 2));
    json.writeNumberField("meanMs", total.meanMillis());
    json.writeEndObject();
  }

  static void runtime(JsonGenerator json, RuntimeSample runtime) throws IOException {
    json.writeStartObject();
    json.writeNumberField("cpuPercent", runtime.processCpuPercent());
    json.writeNumberField("heapUsedBytes", runtime.heapUsedBytes());
    json.writeNumberField("heapMaxBytes", runtime.heapMaxBytes());
    json.writeNumberField("gcMs", runtime.gcMillis());
    json.writeNumberField("gcPercent", round(runtime.gcPercent(), 2));
    json.writeNumberField("threads", runtime.threads());
    json.writeEndObject();
  }

  static void strings(JsonGenerator json, Map<String, String> map) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      json.writeStringField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
