package dev.hourglass.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs test classes that forget to stop their children, and checks that no child survives them. */
class ChildJvmsExtensionIT {

  private static final List<Long> STARTED_PIDS = new CopyOnWriteArrayList<>();

  @Test
  void childrenATestForgotToStopAreStoppedWhenTheTestEnds() {
    STARTED_PIDS.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ForgetfulTest.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(1));

    assertThat(STARTED_PIDS).hasSize(2);
    assertThat(STARTED_PIDS).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
  }

  @Test
  void childrenStartedBeforeAllTestsAreStoppedAfterAllTests() {
    STARTED_PIDS.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ForgetfulClassLevelTest.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    assertThat(STARTED_PIDS).hasSize(1);
    assertThat(STARTED_PIDS).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
  }

  /** Only run through EngineTestKit above: failsafe ignores nested classes. */
  static class ForgetfulTest {

    @RegisterExtension
    final ChildJvms jvms = new ChildJvms();

    @Test
    void passesWithoutStoppingItsChild() {
      startAndForget(jvms);
    }

    @Test
    void failsWithoutStoppingItsChild() {
      startAndForget(jvms);
      throw new AssertionError("deliberate failure: cleanup must happen anyway");
    }
  }

  static class ForgetfulClassLevelTest {

    @RegisterExtension
    static final ChildJvms JVMS = new ChildJvms();

    @BeforeAll
    static void startSharedChild() {
      startAndForget(JVMS);
    }

    @Test
    void sharedChildIsRunningDuringTheTest() {
      assertThat(ProcessHandle.of(STARTED_PIDS.get(0))).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    }
  }

  private static void startAndForget(ChildJvms jvms) {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).start();
    child.awaitLine(Pattern.compile("^ready$"), Duration.ofSeconds(30));
    STARTED_PIDS.add(child.pid());
  }
}
