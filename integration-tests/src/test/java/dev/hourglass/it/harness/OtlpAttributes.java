package dev.hourglass.it.harness;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Turns OTLP attribute lists into plain string maps, which is what tests want to compare against. */
final class OtlpAttributes {

  private OtlpAttributes() {}

  /** Sorted by key so that assertion messages read the same on every run. */
  static Map<String, String> flatten(List<KeyValue> attributes) {
    Map<String, String> flat = new TreeMap<>();
    for (KeyValue attribute : attributes) {
      flat.put(attribute.getKey(), asString(attribute.getValue()));
    }
    return Collections.unmodifiableMap(flat);
  }

  static String asString(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream()
          .map(OtlpAttributes::asString)
          .collect(Collectors.joining(", ", "[", "]"));
      case KVLIST_VALUE -> flatten(value.getKvlistValue().getValuesList()).toString();
      // Only profiles use string-table indexes; a metrics exporter sending one is a bug worth seeing.
      case STRING_VALUE_STRINDEX -> "strindex:" + value.getStringValueStrindex();
      case VALUE_NOT_SET -> "";
    };
  }
}
