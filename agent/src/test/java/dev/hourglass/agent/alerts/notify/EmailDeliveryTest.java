package dev.hourglass.agent.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert emails through a real SMTP server (GreenMail) in this JVM, with authentication. */
class EmailDeliveryTest {
  private GreenMail smtp;
  private int port;

  @BeforeEach
  void startSmtp() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.setUser("oncall@example.com", "hourglass", "s3cret");
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  private EmailNotifier notifier(String password) {
    return new EmailNotifier(
        new EmailNotifier.Server("127.0.0.1", port, EmailNotifier.Security.NONE, "hourglass", password),
        "hourglass@example.com",
        List.of("oncall@example.com", "lead@example.com"),
        Duration.ofSeconds(5));
  }

  @Test
  void firingAlert_arrivesWithTheSummaryAsSubject_andRouteAndValueInTheBody() throws Exception {
    AlertEvent event = PayloadFormatTest.event("warning", AlertState.FIRING, 0.452);

    notifier("s3cret").send(event);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one per recipient mailbox
    MimeMessage mail = received[0];
    assertThat(mail.getSubject())
        .isEqualTo(
            "[FIRING] http.p95.warning (warning) on shop: p95 of http.server.request.duration is"
                + " 452 ms, threshold > 300 ms [http.route=/slow]");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("hourglass@example.com");
    assertThat(mail.getHeader("X-Hourglass-Alert")).containsExactly(event.id());
    assertThat(GreenMailUtil.getBody(mail).replace("=\r\n", ""))
        .contains("Value:      452 ms")
        .contains("  http.route: /slow")
        .contains("Condition:  p95(http.server.request.duration) by http.route > 300 ms")
        .contains("Alert id:   " + event.id());
  }

  @Test
  void rejectedLogin_failsTheDelivery_sayingWhy() {
    AlertEvent event = PayloadFormatTest.event("warning", AlertState.FIRING, 0.452);

    assertThatThrownBy(() -> notifier("wrong").send(event))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("AuthenticationFailedException: ");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void serverDown_failsTheDeliveryWithinTheTimeout() {
    smtp.stop();
    AlertEvent event = PayloadFormatTest.event("warning", AlertState.FIRING, 0.452);

    assertThatThrownBy(() -> notifier("s3cret").send(event))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Couldn't connect to host");
  }

  @Test
  void badAddress_isRefusedWhenConfigured() {
    assertThatThrownBy(
            () ->
                new EmailNotifier(
                    new EmailNotifier.Server("127.0.0.1", port, EmailNotifier.Security.NONE, null, null),
                    "not an address",
                    List.of("oncall@example.com"),
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an email address: 'not an address'");
  }
}
