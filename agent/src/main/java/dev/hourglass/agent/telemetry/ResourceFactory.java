package dev.hourglass.agent.telemetry;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The resource describing this process: {@code service.name} (from {@code OTEL_SERVICE_NAME}, else
 * {@code OTEL_RESOURCE_ATTRIBUTES}, else derived from the jar or main class), host, process and
 * {@code telemetry.distro.*}. Nothing here resolves DNS, so building it never blocks.
 */
public final class ResourceFactory {
  private ResourceFactory() {}

  public static Resource create(Config config) {
    Map<String, String> configured = KeyValueList.parse(config, Settings.RESOURCE_ATTRIBUTES);
    AttributesBuilder attributes = Attributes.builder();
    attributes.put("telemetry.distro.name", "hourglass");
    attributes.put("telemetry.distro.version", AgentVersion.get());
    attributes.put("process.pid", ProcessHandle.current().pid());
    attributes.put("process.runtime.name", System.getProperty("java.runtime.name", "java"));
    attributes.put("process.runtime.version", System.getProperty("java.runtime.version", ""));
    attributes.put("process.runtime.description", System.getProperty("java.vm.name", ""));
    String host = hostName();
    if (host != null) {
      attributes.put("host.name", host);
    }
    attributes.put("host.arch", System.getProperty("os.arch", ""));
    attributes.put("os.type", System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT));
    configured.forEach(attributes::put);
    attributes.put(AttributeKey.stringKey("service.name"), serviceName(config));
    return Resource.getDefault().merge(Resource.create(attributes.build()));
  }

  /** {@code service.name}: {@code otel.service.name}, else the resource attribute, else derived. */
  public static String serviceName(Config config) {
    String serviceName = config.get(Settings.SERVICE_NAME);
    if (serviceName != null) {
      return serviceName;
    }
    Map<String, String> configured = KeyValueList.parse(config, Settings.RESOURCE_ATTRIBUTES);
    return configured.getOrDefault("service.name", derivedServiceName());
  }

  /** {@code my-app} for {@code java -jar my-app.jar}, {@code SampleApp} for a main class. */
  static String derivedServiceName() {
    String command = System.getProperty("sun.java.command", "").trim();
    if (command.isEmpty()) {
      return "unknown_service:java";
    }
    String first = command.split("\\s+")[0];
    if (first.endsWith(".jar")) {
      String file = Path.of(first).getFileName().toString();
      return file.substring(0, file.length() - 4);
    }
    int dot = first.lastIndexOf('.');
    return dot >= 0 ? first.substring(dot + 1) : first;
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      return Files.readString(Path.of("/etc/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
