package dev.hourglass.it.harness;

/** The two OTLP transports an exporter can use to reach {@link OtlpReceiver}. */
public enum OtlpTransport {
  HTTP_PROTOBUF,
  GRPC
}
