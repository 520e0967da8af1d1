package dev.hourglass.benchmarks.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of running the sample app: which agent, if any, and its settings. Every configuration
 * gets the same heap limit; agents keep their defaults except for where they send data (the local
 * {@link TelemetrySink}) and the service name.
 *
 * @param key short name for logs and file names
 * @param label column header in the report
 * @param jvmArgs JVM arguments before {@code -jar}
 * @param agentJar the agent jar, or null without an agent
 */
public record Configuration(String key, String label, List<String> jvmArgs, Path agentJar) {
  /** Same for every configuration, so heap figures compare. */
  public static final List<String> COMMON_JVM_ARGS = List.of("-Xmx512m");

  public static Configuration noAgent() {
    return new Configuration("none", "no agent", COMMON_JVM_ARGS, null);
  }

  /** Hourglass exporting OTLP http/protobuf to the sink every 10 s (its default interval). */
  public static Configuration hourglass(Path jar, String sinkEndpoint, String... extraArgs) {
    List<String> args = new ArrayList<>(COMMON_JVM_ARGS);
    args.add("-javaagent:" + jar);
    args.add("-Dotel.service.name=sample-app");
    args.add("-Dotel.metrics.exporter=otlp");
    args.add("-Dotel.exporter.otlp.endpoint=" + sinkEndpoint);
    args.addAll(List.of(extraArgs));
    return new Configuration("hourglass", "Hourglass", args, jar);
  }

  /**
   * The OpenTelemetry Java agent with its default instrumentation and exporters (traces, metrics
   * and logs over OTLP http/protobuf; every request traced, metrics every 60 s) sent to the sink.
   */
  public static Configuration openTelemetry(Path jar, String version, String sinkEndpoint) {
    List<String> args = new ArrayList<>(COMMON_JVM_ARGS);
    args.add("-javaagent:" + jar);
    args.add("-Dotel.service.name=sample-app");
    args.add("-Dotel.exporter.otlp.endpoint=" + sinkEndpoint);
    return new Configuration("otel", "OpenTelemetry agent " + version, args, jar);
  }

  /** The OpenTelemetry Java agent instrumenting as by default, with every exporter off. */
  public static Configuration openTelemetryExportersOff(Path jar, String version) {
    List<String> args = new ArrayList<>(COMMON_JVM_ARGS);
    args.add("-javaagent:" + jar);
    args.add("-Dotel.service.name=sample-app");
    args.add("-Dotel.traces.exporter=none");
    args.add("-Dotel.metrics.exporter=none");
    args.add("-Dotel.logs.exporter=none");
    return new Configuration("otel-off", "OpenTelemetry agent " + version + ", exporters off", args, jar);
  }

  /** The same configuration with more JVM arguments, under another key and label. */
  public Configuration with(String newKey, String newLabel, String... moreJvmArgs) {
    List<String> args = new ArrayList<>(jvmArgs);
    args.addAll(List.of(moreJvmArgs));
    return new Configuration(newKey, newLabel, args, agentJar);
  }

  /**
   * The Elastic APM agent with its defaults (every transaction sampled and reported), sending to
   * the sink, which answers as an APM server would. Its reporter really runs: the comparison
   * includes serializing and sending events, as the OpenTelemetry agent's does.
   */
  public static Configuration elastic(Path jar, String version, String sinkEndpoint) {
    List<String> args = new ArrayList<>(COMMON_JVM_ARGS);
    args.add("-javaagent:" + jar);
    args.add("-Delastic.apm.service_name=sample-app");
    args.add("-Delastic.apm.server_url=" + sinkEndpoint);
    return new Configuration("elastic", "Elastic APM agent " + version, args, jar);
  }

  /** The same configuration under another key and label (variants of Hourglass's settings). */
  public Configuration named(String newKey, String newLabel) {
    return new Configuration(newKey, newLabel, jvmArgs, agentJar);
  }
}
