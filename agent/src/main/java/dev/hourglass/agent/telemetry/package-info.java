/**
 * What the agent sends to the outside world and how it presents itself there: the exporters that
 * {@code otel.metrics.exporter} selects, their {@code hourglass.agent.export.*} self-metrics, the
 * OTLP settings and the OpenTelemetry resource. The exporters themselves live in the {@code
 * exporter} module.
 */
package dev.hourglass.agent.telemetry;
