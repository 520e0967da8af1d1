package dev.hourglass.agent.alerts;

import dev.hourglass.agent.alerts.notify.DiscordPayload;
import dev.hourglass.agent.alerts.notify.GenericPayload;
import dev.hourglass.agent.alerts.notify.HttpNotifier;
import dev.hourglass.agent.alerts.notify.LogNotifier;
import dev.hourglass.agent.alerts.notify.NotificationDispatcher;
import dev.hourglass.agent.alerts.notify.Notifier;
import dev.hourglass.agent.alerts.notify.SlackPayload;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the alert engine and its notifiers from configuration and attaches them to the clock. */
public final class Alerting {
  private Alerting() {}

  /**
   * Loads the rules (reporting each bad one by name and field), starts the notification thread and
   * subscribes the engine to the clock. Returns the view for the web server, or null when alerting
   * is turned off.
   */
  public static AlertsView install(
      Config config, IntervalClock clock, MetricRegistry registry, String service) {
    if (!config.get(Settings.ALERTS_ENABLED)) {
      return null;
    }
    RuleSet rules =
        RuleSet.load(config, new RuleParser(clock.interval(), config.get(Settings.ALERTS_RENOTIFY)));
    rules.problems().forEach(AgentLog::warn);
    List<Notifier> notifiers = notifiers(config);
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            notifiers,
            config.get(Settings.ALERTS_NOTIFY_QUEUE),
            config.get(Settings.ALERTS_NOTIFY_RETRIES),
            Duration.ofSeconds(1),
            registry);
    AlertEngine engine = new AlertEngine(rules, dispatcher, dispatcher::stats, registry, service);
    clock.addConsumer(engine);
    clock.addConsumer(
        new SnapshotConsumer() {
          @Override
          public void accept(IntervalSnapshot snapshot) {}

          @Override
          public void shutdown(long timeoutMillis) {
            dispatcher.shutdown(timeoutMillis);
          }
        });
    List<String> names = new ArrayList<>();
    notifiers.forEach(notifier -> names.add(notifier.name()));
    AgentLog.info(
        "alerts: "
            + rules.rules().size()
            + " rules"
            + (rules.problems().isEmpty() ? "" : " (" + rules.problems().size() + " left out)")
            + ", notifying "
            + (names.isEmpty() ? "nobody" : String.join(", ", names)));
    return engine;
  }

  static List<Notifier> notifiers(Config config) {
    List<Notifier> notifiers = new ArrayList<>();
    if (config.get(Settings.ALERTS_LOG_ENABLED)) {
      notifiers.add(new LogNotifier());
    }
    Duration timeout = config.get(Settings.ALERTS_NOTIFY_TIMEOUT);
    URI webhook = config.get(Settings.ALERTS_WEBHOOK_URL);
    if (webhook != null) {
      notifiers.add(new HttpNotifier("webhook", webhook, new GenericPayload(), timeout));
    }
    URI slack = config.get(Settings.ALERTS_SLACK_URL);
    if (slack != null) {
      notifiers.add(new HttpNotifier("slack", slack, new SlackPayload(), timeout));
    }
    URI discord = config.get(Settings.ALERTS_DISCORD_URL);
    if (discord != null) {
      notifiers.add(new HttpNotifier("discord", discord, new DiscordPayload(), timeout));
    }
    return notifiers;
  }
}
