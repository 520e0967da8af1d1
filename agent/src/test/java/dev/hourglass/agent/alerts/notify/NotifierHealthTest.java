package dev.hourglass.agent.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import dev.hourglass.agent.metrics.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A notifier that goes down and comes back costs one log line each way and is reported failing in
 * between; events go only to the notifiers they are for.
 */
class NotifierHealthTest {
  /** Fails while {@code down} is set; counts what it delivered. */
  static final class Switchable implements Notifier {
    final AtomicBoolean down = new AtomicBoolean();
    final java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
    private final String name;

    Switchable(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(AlertEvent event) throws IOException {
      if (down.get()) {
        throw new IOException("connection refused");
      }
      delivered.incrementAndGet();
    }
  }

  private final MetricRegistry registry = new MetricRegistry(100, 30);

  @Test
  void notifierDownThenUp_logsOneLineEachWay_andIsFailingInBetween() throws Exception {
    Switchable email = new Switchable("email");
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(List.of(email), 100, 1, Duration.ofMillis(10), registry);
    AlertEvent event = PayloadFormatTest.event("warning", AlertState.FIRING, 0.452);
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Map<String, String> failingWhileDown;
    try {
      email.down.set(true);
      for (int i = 0; i < 4; i++) {
        dispatcher.accept(event);
      }
      WebhookDeliveryTest.await(() -> dispatcher.stats().failed() == 4);
      failingWhileDown = dispatcher.stats().failing();
      email.down.set(false);
      dispatcher.accept(event);
      dispatcher.accept(event);
      WebhookDeliveryTest.await(() -> email.delivered.get() == 2);
    } finally {
      System.setErr(original);
      dispatcher.shutdown(1000);
    }

    assertThat(failingWhileDown).isEqualTo(Map.of("email", "java.io.IOException: connection refused"));
    assertThat(dispatcher.stats().failing()).isEmpty();
    assertThat(Arrays.asList(captured.toString(StandardCharsets.UTF_8).split(System.lineSeparator())))
        .containsExactly(
            "[hourglass] WARN alert notifier email is failing (java.io.IOException: connection refused);"
                + " deliveries are retried and counted in hourglass.alerts.notifications{outcome=failed}",
            "[hourglass] INFO alert notifier email is delivering again");
  }

  @Test
  void eventForOneNotifier_reachesThatOneOnly() throws Exception {
    Switchable slack = new Switchable("slack");
    Switchable pagerDuty = new Switchable("pagerduty");
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(List.of(slack, pagerDuty), 100, 0, Duration.ofMillis(10), registry);
    AlertEvent firing = PayloadFormatTest.event("warning", AlertState.FIRING, 0.452);
    AlertEvent escalation =
        new AlertEvent(
            firing.id(), firing.rule(), firing.labels(), AlertState.FIRING, false, firing.value(),
            firing.startsAtEpochMillis(), firing.atEpochMillis(), firing.service(),
            List.of("pagerduty"), true, null);

    dispatcher.accept(firing);
    dispatcher.accept(escalation);
    WebhookDeliveryTest.await(() -> dispatcher.stats().sent() == 3);
    dispatcher.shutdown(1000);

    assertThat(slack.delivered.get()).isEqualTo(1);
    assertThat(pagerDuty.delivered.get()).isEqualTo(2);
  }
}
