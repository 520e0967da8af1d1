package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.Rule;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends each event as a plain-text email through an SMTP server with Jakarta Mail (Eclipse Angus
 * Mail), one connection per event: subject the one-line summary, body every fact a person needs
 * (condition, value, labels, times, alert id). Connecting, reading and writing each time out
 * after the notifier timeout; a refused connection, a rejected login or a rejected recipient is a
 * failure for the dispatcher to retry and report. Not thread-safe: dispatcher only.
 *
 * <p>Shading: the library is relocated inside the agent jar, so its provider and content-handler
 * look-ups by class name in resource files would miss. This class therefore builds the SMTP
 * transport itself and hands the body over as bytes (no content handler needed), and it runs the
 * library with the agent's class loader as context loader, where the relocated service files are.
 */
public final class EmailNotifier implements Notifier {
  /** How the connection is protected; {@code STARTTLS} is required, never opportunistic. */
  public enum Security {
    STARTTLS(587),
    SSL(465),
    NONE(25);

    final int defaultPort;

    Security(int defaultPort) {
      this.defaultPort = defaultPort;
    }
  }

  /** Where and how to send; {@code username} null for no authentication. */
  public record Server(
      String host, int port, Security security, String username, String password) {
    public int effectivePort() {
      return port > 0 ? port : security.defaultPort;
    }
  }

  private final Server server;
  private final InternetAddress from;
  private final InternetAddress[] to;
  private final Session session;

  /**
   * @throws IllegalArgumentException naming the bad address when {@code from} or {@code to} is not
   *     an email address
   */
  public EmailNotifier(Server server, String from, List<String> to, Duration timeout) {
    this.server = server;
    try {
      this.from = new InternetAddress(from, true);
      this.to = new InternetAddress[to.size()];
      for (int i = 0; i < to.size(); i++) {
        this.to[i] = new InternetAddress(to.get(i), true);
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException("not an email address: '" + e.getRef() + "'");
    }
    this.session = withAgentLoader(() -> Session.getInstance(properties(server, timeout)));
  }

  static Properties properties(Server server, Duration timeout) {
    Properties properties = new Properties();
    String millis = Long.toString(timeout.toMillis());
    properties.setProperty("mail.smtp.host", server.host());
    properties.setProperty("mail.smtp.port", Integer.toString(server.effectivePort()));
    properties.setProperty("mail.smtp.connectiontimeout", millis);
    properties.setProperty("mail.smtp.timeout", millis);
    properties.setProperty("mail.smtp.writetimeout", millis);
    properties.setProperty("mail.smtp.auth", Boolean.toString(server.username() != null));
    if (server.security() == Security.STARTTLS) {
      properties.setProperty("mail.smtp.starttls.enable", "true");
      properties.setProperty("mail.smtp.starttls.required", "true");
    } else if (server.security() == Security.SSL) {
      properties.setProperty("mail.smtp.ssl.enable", "true");
    }
    if (server.security() != Security.NONE) {
      properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    }
    return properties;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void send(AlertEvent event) throws IOException {
    try {
      withAgentLoader(
          () -> {
            deliver(message(event));
            return null;
          });
    } catch (MailFailure failure) {
      Throwable cause = failure.getCause();
      // The simple name: the relocated package would only be noise in a log line.
      throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }

  private MimeMessage message(AlertEvent event) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipients(MimeMessage.RecipientType.TO, to);
    message.setSubject(event.summary(), "UTF-8");
    message.setSentDate(new Date(event.atEpochMillis()));
    message.setHeader("X-Hourglass-Alert", event.id());
    byte[] body = body(event).getBytes(StandardCharsets.UTF_8);
    message.setDataHandler(
        new DataHandler(new ByteArrayDataSource(body, "text/plain; charset=UTF-8")));
    message.setHeader("Content-Transfer-Encoding", "quoted-printable");
    message.saveChanges();
    return message;
  }

  private void deliver(MimeMessage message) throws MessagingException {
    SMTPTransport transport =
        new SMTPTransport(session, new URLName("smtp", server.host(), server.effectivePort(), null, null, null));
    try {
      transport.connect(server.host(), server.effectivePort(), server.username(), server.password());
      transport.sendMessage(message, to);
    } finally {
      transport.close();
    }
  }

  /** The text part: what fired, where, how much, since when, and the id to acknowledge it by. */
  static String body(AlertEvent event) {
    Rule rule = event.rule();
    StringBuilder text = new StringBuilder();
    text.append(event.summary()).append("\n\n");
    if (!rule.description().isEmpty()) {
      text.append(rule.description()).append("\n\n");
    }
    text.append("Status:     ").append(event.statusText()).append(event.reminder() ? " (reminder)" : "")
        .append(event.escalation() ? " (escalated: not acknowledged in time)" : "").append('\n');
    text.append("Rule:       ").append(rule.name()).append(" (").append(rule.severity().label()).append(")\n");
    text.append("Condition:  ").append(rule.condition()).append('\n');
    text.append("Value:      ").append(rule.format(event.value())).append('\n');
    event.labels().forEach((name, value) -> text.append("  ").append(name).append(": ").append(value).append('\n'));
    text.append("Service:    ").append(event.service()).append('\n');
    text.append("Firing since: ").append(JsonText.time(event.startsAtEpochMillis())).append('\n');
    text.append("At:         ").append(JsonText.time(event.atEpochMillis())).append('\n');
    if (event.acknowledgedBy() != null) {
      text.append("Acknowledged by: ").append(event.acknowledgedBy()).append('\n');
    }
    text.append("Alert id:   ").append(event.id()).append('\n');
    return text.toString();
  }

  /** A mail-library call that may fail with a checked {@link MessagingException}. */
  private interface MailCall<T> {
    T call() throws MessagingException;
  }

  /** Carries a {@link MessagingException} out of {@link #withAgentLoader}. */
  private static final class MailFailure extends RuntimeException {
    MailFailure(MessagingException cause) {
      super(cause);
    }
  }

  private static <T> T withAgentLoader(MailCall<T> call) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EmailNotifier.class.getClassLoader());
    try {
      return call.call();
    } catch (MessagingException e) {
      throw new MailFailure(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
