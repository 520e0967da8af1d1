package dev.hourglass.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The small helpers: free ports and the agent jar lookup. */
class SupportIT {

  @Test
  void freePortCanBeBoundOnLoopback() throws Exception {
    int port = Ports.free();

    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void buildPassesTheAgentJarLocationInsideTheAgentModule() {
    assertThat(System.getProperty("agent.jar"))
        .as("failsafe sets system property agent.jar")
        .isNotNull()
        .endsWith("agent/target/hourglass-agent.jar");
  }

  @Test
  void missingAgentJarFailsSayingWhereItWasExpected() {
    assertThatThrownBy(() -> AgentJar.require(Path.of("target/not-built/hourglass-agent.jar")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not-built/hourglass-agent.jar does not exist")
        .hasMessageContaining("build it first");
  }
}
