package dev.hourglass.it.harness;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One export call whose body reached {@link OtlpReceiver}, kept whether or not the receiver accepted it, so that
 * reliability tests can count attempts and leak tests can scan everything the agent ever sent.
 *
 * @param transport how it arrived
 * @param headers HTTP request headers or gRPC metadata, names in lower case
 * @param body the protobuf payload after any gzip was undone, byte for byte as the exporter encoded it
 * @param request the decoded payload, empty when the body was not a valid {@code ExportMetricsServiceRequest}
 * @param accepted whether the receiver answered success (false under a {@link FaultMode} or for a bad body)
 */
public record ReceivedExport(
    OtlpTransport transport,
    Map<String, List<String>> headers,
    byte[] body,
    Optional<ExportMetricsServiceRequest> request,
    boolean accepted) {

  public ReceivedExport {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** All values of one header, looked up case-insensitively; empty when absent. */
  public List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
  }
}
