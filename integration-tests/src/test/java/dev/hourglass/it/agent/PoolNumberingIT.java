package dev.hourglass.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent's threads take nothing from the application's view of the JVM: the JDK numbers
 * default thread pools JVM-wide ({@code pool-N-thread-M}), and an agent whose export stack used a
 * default thread factory would turn the application's first pool into {@code pool-2}, visible in
 * its logs, thread dumps and any test that names its threads.
 */
class PoolNumberingIT {
  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @ParameterizedTest
  @ValueSource(strings = {"http/protobuf", "grpc"})
  void afterTheAgentHasExported_theApplicationsFirstDefaultPoolIsStillPoolOne(String protocol)
      throws Exception {
    ChildJvm bare =
        jvms.builder()
            .mainClass(PoolNumberingApp.class)
            .args("--port", String.valueOf(Ports.free()))
            .start();
    String bareUrl =
        bare.awaitLine(Pattern.compile(PoolNumberingApp.READY), InstrumentedApp.START_TIMEOUT)
            .group(1);
    String withoutAgent = Http.get(bareUrl + "/first-pool-thread").body();
    bare.stop();

    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app =
        InstrumentedApp.start(
            InstrumentedApp.exportingTo(
                jvms.builder().mainClass(PoolNumberingApp.class),
                protocol,
                protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint(),
                "200ms"),
            PoolNumberingApp.READY);
    // The SDK's sender threads exist once an export went out.
    receiver.awaitMetric("hourglass.agent.export.queue", Duration.ofSeconds(60));
    String withAgent = Http.get(app.url("/first-pool-thread")).body();

    assertThat(withoutAgent).isEqualTo("pool-1-thread-1");
    assertThat(withAgent).isEqualTo(withoutAgent);
  }
}
