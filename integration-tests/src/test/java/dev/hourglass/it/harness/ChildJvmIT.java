package dev.hourglass.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmIT {

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Pattern HISTORY_DIR_LINE = Pattern.compile("^property hourglass.history.dir=(.+)$");

  @RegisterExtension
  final ChildJvms jvms = new ChildJvms();

  @Test
  void childRunsOnTheConfiguredJavaHome() throws IOException {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).start();

    Matcher home = child.awaitLine(Pattern.compile("^java.home=(.+)$"), STARTUP);
    Matcher version = child.awaitLine(Pattern.compile("^java.specification.version=(.+)$"), STARTUP);

    Path expectedHome = ChildJvm.defaultJavaHome();
    assertThat(Path.of(home.group(1)).toRealPath()).isEqualTo(expectedHome.toRealPath());
    assertThat(version.group(1)).isEqualTo(specificationVersionOf(expectedHome));
  }

  @Test
  void systemPropertiesEnvironmentAndArgumentsReachTheChild() {
    ChildJvm child = jvms.builder()
        .mainClass(EchoApp.class)
        .systemProperty("echo.value", "from-builder")
        .env("ECHO_ENV", "from-env")
        .jvmArgs("-Xmx64m")
        .args("wait", "second-arg")
        .start();

    assertThat(child.awaitLine(Pattern.compile("property echo.value=(.*)"), STARTUP).group(1)).isEqualTo("from-builder");
    assertThat(child.awaitLine(Pattern.compile("env ECHO_ENV=(.*)"), STARTUP).group(1)).isEqualTo("from-env");
    assertThat(child.awaitLine(Pattern.compile("args=(.*)"), STARTUP).group(1)).isEqualTo("wait,second-arg");
    assertThat(child.command()).contains("-Xmx64m", "-Decho.value=from-builder");
  }

  @Test
  void stdoutAndStderrAreCapturedInMemoryAndInTheNamedLogFile() throws IOException {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).start();
    child.awaitLine(Pattern.compile("^ready$"), STARTUP);

    assertThat(child.outputLines()).contains("this line went to stderr", "ready");
    assertThat(child.logFile().getFileName().toString())
        .matches("ChildJvmIT\\.stdoutAndStderrAreCapturedInMemoryAndInTheNamedLogFile-\\d+\\.log");
    assertThat(Files.readAllLines(child.logFile())).contains("this line went to stderr", "ready");
  }

  @Test
  void stopSendsSigtermSoShutdownHooksRun() {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).start();
    child.awaitLine(Pattern.compile("^ready$"), STARTUP);

    int exitCode = child.stop();

    assertThat(exitCode).isEqualTo(128 + 15);
    assertThat(child.isAlive()).isFalse();
    assertThat(child.exitCode()).hasValue(143);
    assertThat(child.outputLines()).contains("shutdown hook ran");
  }

  @Test
  void stopKillsAChildWhoseShutdownOutlastsTheGracePeriod() {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).args("stubborn").start();
    child.awaitLine(Pattern.compile("^ready$"), STARTUP);

    long start = System.nanoTime();
    int exitCode = child.stop(Duration.ofMillis(500));

    assertThat(exitCode).isEqualTo(128 + 9);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(ProcessHandle.of(child.pid())).isEmpty();
  }

  @Test
  void awaitExitReturnsTheChildsOwnExitCode() {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).args("exit", "7").start();

    assertThat(child.awaitExit(STARTUP)).isEqualTo(7);
    assertThat(child.outputLines()).contains("args=exit,7");
  }

  @Test
  void awaitLineFailsWithTheChildsLastLinesWhenItExitsFirst() {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).args("exit", "3").start();

    assertThatThrownBy(() -> child.awaitLine(Pattern.compile("never printed"), STARTUP))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ended its output")
        .hasMessageContaining("args=exit,3")
        .hasMessageContaining(child.logFile().toAbsolutePath().toString());
  }

  @Test
  void awaitLineFailsAfterTheTimeoutWhileTheChildKeepsRunning() {
    ChildJvm child = jvms.builder().mainClass(EchoApp.class).start();
    child.awaitLine(Pattern.compile("^ready$"), STARTUP);

    assertThatThrownBy(() -> child.awaitLine(Pattern.compile("never printed"), Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("within PT0.2S")
        .hasMessageContaining("ready");
    assertThat(child.isAlive()).isTrue();
  }

  @Test
  void eachChildGetsAHistoryFolderOfItsOwn_removedWithWhatItHoldsWhenTheChildStops() throws IOException {
    ChildJvm first = jvms.builder().mainClass(EchoApp.class).start();
    ChildJvm second = jvms.builder().mainClass(EchoApp.class).start();
    Path firstDir = Path.of(first.awaitLine(HISTORY_DIR_LINE, STARTUP).group(1));
    Path secondDir = Path.of(second.awaitLine(HISTORY_DIR_LINE, STARTUP).group(1));
    // what an agent leaves there: a folder per service with its files
    Files.writeString(Files.createDirectories(firstDir.resolve("shop")).resolve("raw.hgh"), "written");

    assertThat(firstDir).isNotEqualTo(secondDir).isDirectory();
    assertThat(secondDir).isDirectory();
    assertThat(first.historyDir()).contains(firstDir);
    assertThat(second.historyDir()).contains(secondDir);

    first.stop();

    assertThat(firstDir).doesNotExist();
    assertThat(secondDir).as("the running child's").isDirectory();

    second.stop();

    assertThat(secondDir).doesNotExist();
  }

  @Test
  void aHistoryFolderTheTestNamesReachesTheChildAndIsKept(@TempDir Path dir) {
    ChildJvm child = jvms.builder()
        .mainClass(EchoApp.class)
        .systemProperty("hourglass.history.dir", dir.toString())
        .start();

    assertThat(child.awaitLine(HISTORY_DIR_LINE, STARTUP).group(1)).isEqualTo(dir.toString());
    assertThat(child.historyDir()).isEmpty();
    assertThat(child.command()).containsOnlyOnce("-Dhourglass.history.dir=" + dir);

    child.stop();

    assertThat(dir).isDirectory();
  }

  @Test
  void missingAgentJarIsRejectedBeforeAnythingStarts() {
    Path missing = Path.of("target/no-such-agent.jar");

    assertThatThrownBy(() -> jvms.builder().javaAgent(missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-agent.jar");
  }

  @Test
  void missingJavaExecutableFailsNamingThePath() {
    assertThatThrownBy(() -> jvms.builder().javaHome(Path.of("/nonexistent-jdk")).mainClass(EchoApp.class).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent-jdk/bin/java");
  }

  /** Reads the JDK's own release file, independent of anything the child reports. */
  private static String specificationVersionOf(Path javaHome) throws IOException {
    String release = Files.readString(javaHome.resolve("release"));
    Matcher matcher = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
    assertThat(matcher.find()).as("JAVA_VERSION in %s/release", javaHome).isTrue();
    return matcher.group(1);
  }
}
