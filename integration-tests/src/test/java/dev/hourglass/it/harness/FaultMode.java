package dev.hourglass.it.harness;

/**
 * How {@link OtlpReceiver} answers exports, so reliability tests can watch the agent deal with a collector
 * that misbehaves. Each mode has an HTTP and a gRPC form chosen to mean the same thing to an OTLP exporter.
 */
public enum FaultMode {

  /** Store the export and answer success. */
  NORMAL,

  /** HTTP 500 / gRPC INTERNAL: a server error, which the OTLP specification says not to retry. */
  SERVER_ERROR,

  /**
   * HTTP 429 / gRPC RESOURCE_EXHAUSTED: throttling. OTLP exporters treat both as retryable (the OpenTelemetry
   * Java SDK retries RESOURCE_EXHAUSTED even without RetryInfo).
   */
  TOO_MANY_REQUESTS,

  /** Take the request and never answer; only the exporter's own timeout ends the call. */
  HANG,

  /** Drop the TCP connection once the request arrives, without any answer at all. */
  CLOSE_CONNECTION,

  /**
   * Answer with bytes that mean nothing to the exporter: over HTTP a 200 whose body is not a protobuf message
   * (a misrouted proxy's HTML page), over gRPC bytes that are not HTTP/2 at all, then the connection closes.
   */
  GARBAGE
}
