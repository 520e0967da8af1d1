package dev.hourglass.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The agent jar hides everything it bundles: the application's class loader sees only the
 * launcher, third-party code is relocated under dev.hourglass.shaded, and nothing at the root
 * (classes or service files) can be found by the application's class-path scanning.
 */
class AgentJarLayoutIT {

  @Test
  void onlyTheLauncherIsVisibleAndEveryBundledClassIsRelocated() throws Exception {
    try (JarFile jar = new JarFile(AgentJar.require().toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();

      assertThat(names.stream().filter(name -> name.endsWith(".class")))
          .as("classes the application class loader can load")
          .isNotEmpty()
          .allMatch(name -> name.startsWith("dev/hourglass/agent/launcher/"));
      assertThat(names.stream().filter(name -> name.endsWith(".classdata")))
          .as("classes of the isolated and bootstrap loaders")
          .hasSizeGreaterThan(1000)
          .allMatch(
              name -> name.startsWith("inst/dev/hourglass/") || name.startsWith("boot/dev/hourglass/bootstrap/"));
      assertThat(names.stream().filter(name -> name.startsWith("boot/") && name.endsWith(".classdata")))
          .as("the bootstrap loader gets agent-bootstrap alone")
          .allMatch(name -> name.startsWith("boot/dev/hourglass/bootstrap/"));
      assertThat(names.stream().filter(name -> name.contains("/shaded/")))
          .as("third-party code is relocated")
          .anyMatch(name -> name.startsWith("inst/dev/hourglass/shaded/net/bytebuddy/"))
          .anyMatch(name -> name.startsWith("inst/dev/hourglass/shaded/io/opentelemetry/sdk/"))
          .anyMatch(name -> name.startsWith("inst/dev/hourglass/shaded/org/HdrHistogram/"))
          .anyMatch(name -> name.startsWith("inst/dev/hourglass/shaded/com/fasterxml/jackson/core/"))
          .anyMatch(name -> name.startsWith("inst/dev/hourglass/shaded/jakarta/mail/"))
          .anyMatch(name -> name.startsWith("inst/dev/hourglass/shaded/org/eclipse/angus/mail/smtp/"));
      assertThat(names)
          .as("the mail library's service files name the relocated types")
          .contains("inst/META-INF/services/dev.hourglass.shaded.jakarta.mail.util.StreamProvider")
          .noneMatch(name -> name.startsWith("inst/jakarta/") || name.startsWith("inst/org/eclipse/"));
      assertThat(names)
          .as("no service files where the application's ServiceLoader would find them")
          .noneMatch(name -> name.startsWith("META-INF/services/"));

      Attributes manifest = jar.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Premain-Class")).isEqualTo("dev.hourglass.agent.launcher.HourglassAgent");
      assertThat(manifest.getValue("Agent-Class")).isEqualTo("dev.hourglass.agent.launcher.HourglassAgent");
      assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
    }
  }
}
