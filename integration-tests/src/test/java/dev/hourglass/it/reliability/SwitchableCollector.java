package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.FaultMode;
import dev.hourglass.it.harness.OtlpReceiver;
import java.net.URI;

/**
 * A collector at a fixed endpoint that can fail and come back while an agent keeps exporting to it:
 * an {@link OtlpReceiver} switched into a {@link FaultMode}, or shut down so that nothing listens
 * on its port (connection refused) until {@link #recover()} starts a new receiver there.
 */
final class SwitchableCollector implements AutoCloseable {
  private final String httpEndpoint;
  private final String grpcEndpoint;
  private final int httpPort;
  private OtlpReceiver receiver; // null while down
  private int callsToEarlierReceivers;

  private SwitchableCollector(OtlpReceiver receiver) {
    this.receiver = receiver;
    this.httpEndpoint = receiver.httpEndpoint();
    this.grpcEndpoint = receiver.grpcEndpoint();
    this.httpPort = URI.create(httpEndpoint).getPort();
  }

  static SwitchableCollector start() {
    return new SwitchableCollector(OtlpReceiver.start());
  }

  /** What {@code otel.exporter.otlp(.metrics).endpoint} says for {@code protocol}; fixed for good. */
  String endpoint(String protocol) {
    return protocol.equals("grpc") ? grpcEndpoint : httpEndpoint;
  }

  /** Answers every export from now on as {@code mode} says. */
  void fail(FaultMode mode) {
    receiver().faultMode(mode);
  }

  /**
   * Stops listening: connections are refused until {@link #recover()}. Only the http/protobuf port
   * comes back at the same place.
   */
  void goDown() {
    callsToEarlierReceivers += receiver().exports().size();
    receiver().close();
    receiver = null;
  }

  /** Answers normally again, at the same endpoint. */
  void recover() {
    if (receiver == null) {
      receiver = OtlpReceiver.start(httpPort);
    } else {
      receiver.faultMode(FaultMode.NORMAL);
    }
  }

  /** Export calls whose body arrived, accepted or not, since the start; none arrive while down. */
  int exportCalls() {
    return callsToEarlierReceivers + (receiver == null ? 0 : receiver.exports().size());
  }

  OtlpReceiver receiver() {
    if (receiver == null) {
      throw new IllegalStateException("the collector is down");
    }
    return receiver;
  }

  @Override
  public void close() {
    if (receiver != null) {
      receiver.close();
    }
  }
}
