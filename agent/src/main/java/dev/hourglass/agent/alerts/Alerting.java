package dev.hourglass.agent.alerts;

import dev.hourglass.agent.alerts.notify.DiscordPayload;
import dev.hourglass.agent.alerts.notify.EmailNotifier;
import dev.hourglass.agent.alerts.notify.PagerDutyPayload;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the alert engine and its notifiers from configuration and attaches them to the clock. */
public final class Alerting {
  static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");

  private Alerting() {}

  /** What the web server needs: the engine (view and control) and where the rules come from. */
  public record Installed(AlertEngine engine, RuleStore rules) {}

  /**
   * Loads the rules (reporting each bad one by name and field), starts the notification thread and
   * subscribes the engine to the clock, after a check each interval for a rules file edited
   * outside the agent. Returns what the web server needs, or null when alerting is turned off.
   *
   * @param stateFolder where the rules' response times are kept across restarts (the history
   *     folder); null keeps them in memory only
   */
  public static Installed install(
      Config config, IntervalClock clock, MetricRegistry registry, String service, Path stateFolder) {
    if (!config.get(Settings.ALERTS_ENABLED)) {
      return null;
    }
    List<Notifier> notifiers = notifiers(config);
    Set<String> notifierNames = new LinkedHashSet<>();
    notifiers.forEach(notifier -> notifierNames.add(notifier.name()));
    RuleStore store =
        RuleStore.open(
            config,
            new RuleParser(clock.interval(), config.get(Settings.ALERTS_RENOTIFY), notifierNames));
    RuleSet rules = store.current();
    rules.problems().forEach(AgentLog::warn);
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            notifiers,
            config.get(Settings.ALERTS_NOTIFY_QUEUE),
            config.get(Settings.ALERTS_NOTIFY_RETRIES),
            Duration.ofSeconds(1),
            registry);
    AlertEngine engine =
        new AlertEngine(
            rules,
            dispatcher,
            dispatcher::stats,
            registry,
            service,
            System::currentTimeMillis,
            new ResponseTimesFile(
                stateFolder == null ? null : stateFolder.resolve(ResponseTimesFile.NAME)));
    clock.addConsumer(
        new SnapshotConsumer() {
          @Override
          public void accept(IntervalSnapshot snapshot) {
            RuleSet edited = store.refreshIfChanged();
            if (edited != null) {
              edited.problems().forEach(AgentLog::warn);
              engine.replaceRules(edited);
            }
          }

          @Override
          public void shutdown(long timeoutMillis) {
            dispatcher.shutdown(timeoutMillis);
          }
        });
    clock.addConsumer(engine);
    List<String> names = new ArrayList<>(notifierNames);
    AgentLog.info(
        "alerts: "
            + rules.rules().size()
            + " rules"
            + (rules.problems().isEmpty() ? "" : " (" + rules.problems().size() + " left out)")
            + ", notifying "
            + (names.isEmpty() ? "nobody" : String.join(", ", names)));
    return new Installed(engine, store);
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
    String routingKey = config.get(Settings.ALERTS_PAGERDUTY_ROUTING_KEY);
    if (routingKey != null && !routingKey.isBlank()) {
      URI pagerDuty = config.get(Settings.ALERTS_PAGERDUTY_URL);
      notifiers.add(
          new HttpNotifier(
              "pagerduty",
              pagerDuty == null ? PAGERDUTY_EVENTS : pagerDuty,
              new PagerDutyPayload(routingKey.trim()),
              timeout));
    }
    Notifier email = email(config, timeout);
    if (email != null) {
      notifiers.add(email);
    }
    return notifiers;
  }

  /** The email notifier, or null when no SMTP host is set or the settings are incomplete (logged). */
  static Notifier email(Config config, Duration timeout) {
    String host = config.get(Settings.ALERTS_EMAIL_HOST);
    if (host == null || host.isBlank()) {
      return null;
    }
    String from = config.get(Settings.ALERTS_EMAIL_FROM);
    List<String> to = RuleParser.list(config.get(Settings.ALERTS_EMAIL_TO));
    if (from == null || from.isBlank() || to.isEmpty()) {
      AgentLog.warn(
          "alert emails off: hourglass.alerts.email.host is set but "
              + (from == null || from.isBlank() ? Settings.ALERTS_EMAIL_FROM.key() : Settings.ALERTS_EMAIL_TO.key())
              + " is not (expected an email address"
              + (to.isEmpty() ? "es, comma-separated)" : ")"));
      return null;
    }
    String username = config.get(Settings.ALERTS_EMAIL_USERNAME);
    EmailNotifier.Server server =
        new EmailNotifier.Server(
            host.trim(),
            config.get(Settings.ALERTS_EMAIL_PORT),
            EmailNotifier.Security.valueOf(config.get(Settings.ALERTS_EMAIL_SECURITY).toUpperCase(Locale.ROOT)),
            username == null || username.isBlank() ? null : username.trim(),
            config.get(Settings.ALERTS_EMAIL_PASSWORD));
    try {
      return new EmailNotifier(server, from.trim(), to, timeout);
    } catch (IllegalArgumentException e) {
      AgentLog.warn(
          "alert emails off: " + e.getMessage() + " in " + Settings.ALERTS_EMAIL_FROM.key()
              + " or " + Settings.ALERTS_EMAIL_TO.key());
      return null;
    }
  }
}
