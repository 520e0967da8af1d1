package dev.hourglass.it.harness;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension giving each test a fresh {@link OtlpReceiver}, closed after it:
 *
 * <pre>{@code
 * @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();
 * ... otlp.receiver().httpEndpoint() ...
 * }</pre>
 */
public final class OtlpReceivers implements BeforeEachCallback, AfterEachCallback {
  private OtlpReceiver receiver;

  public OtlpReceiver receiver() {
    if (receiver == null) {
      throw new IllegalStateException("the receiver exists only while a test runs");
    }
    return receiver;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    receiver = OtlpReceiver.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (receiver != null) {
      receiver.close();
      receiver = null;
    }
  }
}
