package dev.hourglass.agent.family;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.errors.ErrorReporter;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;

/**
 * What every family installer gets: the configuration, the registry its recorders create their
 * instruments in, the interval clock, the server-request recorder that families hook their
 * per-request findings into ({@link ServerRequestRecorder#addListener}), and where they report
 * failed calls for the error inbox.
 */
public record FamilySetup(
    Config config,
    MetricRegistry registry,
    IntervalClock clock,
    ServerRequestRecorder serverRequests,
    ErrorReporter errors) {

  /** A setup whose errors go nowhere (the error inbox off). */
  public FamilySetup(
      Config config, MetricRegistry registry, IntervalClock clock, ServerRequestRecorder serverRequests) {
    this(config, registry, clock, serverRequests, ErrorReporter.NONE);
  }
}
