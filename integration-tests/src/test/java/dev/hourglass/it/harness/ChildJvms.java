package dev.hourglass.it.harness;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that names child JVMs after the running test and stops every child a test started once the
 * test is over, whether it passed, failed or forgot. Register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension final ChildJvms jvms = new ChildJvms();
 *
 * @Test void servesRequests() {
 *   ChildJvm app = jvms.builder().mainClass(SampleApp.class).start();
 *   ...
 * }
 * }</pre>
 *
 * A static field also works: children started in {@code @BeforeAll} are then stopped after all tests.
 */
public final class ChildJvms implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private final List<ChildJvm> perTest = new ArrayList<>();
  private final List<ChildJvm> perClass = new ArrayList<>();
  private String testName = "unnamed";
  private boolean inTest;

  /** A builder whose child is named {@code <TestClass>.<testMethod>} and stopped after the test. */
  public synchronized ChildJvm.Builder builder() {
    List<ChildJvm> owner = inTest ? perTest : perClass;
    return ChildJvm.builder().name(testName).onStart(child -> track(owner, child));
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    testName = context.getRequiredTestClass().getSimpleName();
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    testName = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    inTest = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopAll(perTest);
    synchronized (this) {
      inTest = false;
      testName = context.getRequiredTestClass().getSimpleName();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopAll(perClass);
  }

  private synchronized void track(List<ChildJvm> owner, ChildJvm child) {
    owner.add(child);
  }

  private void stopAll(List<ChildJvm> children) {
    List<ChildJvm> toStop;
    synchronized (this) {
      toStop = List.copyOf(children);
      children.clear();
    }
    // stop() on a child the test already stopped just returns its exit code.
    toStop.forEach(ChildJvm::stop);
  }
}
