package dev.hourglass.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started as a child process, typically an application with the agent attached. Its stdout and stderr go,
 * merged, to {@code <child.logs.dir>/<name>-<n>.log} (default {@code target/child-logs}) and are followed into
 * memory for {@link #awaitLine}.
 *
 * <p>Unless the test names its own {@code hourglass.history.dir}, each child gets a new empty one, removed when the
 * child stops ({@link #historyDir()}): an agent's history would otherwise go to the user's home, shared by every
 * child of that service name and left behind after the build.
 *
 * <p>Close it (try-with-resources), or start it through the {@link ChildJvms} extension, which stops whatever the
 * test started. As a last resort a shutdown hook of the test JVM kills children that are still running.
 */
public final class ChildJvm implements AutoCloseable {

  /** How long {@link #stop()} lets shutdown hooks run before killing the process. */
  /** Long enough for an agent's final export on a loaded machine; a prompt exit never waits it out. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(60);

  // Log files are numbered per name, so repeated starts in one test (or one parameterized test) don't overwrite.
  private static final Map<String, AtomicInteger> STARTS_PER_NAME = new ConcurrentHashMap<>();
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
  private static final String HISTORY_DIR = "hourglass.history.dir";

  private final String name;
  private final List<String> command;
  private final Process process;
  private final OutputCapture output;
  private final Path historyDir; // null when the test named its own

  private ChildJvm(String name, List<String> command, Process process, OutputCapture output, Path historyDir) {
    this.name = name;
    this.command = command;
    this.process = process;
    this.output = output;
    this.historyDir = historyDir;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JDK child JVMs run on: system property {@code test.java.home}, else the JDK running the tests. */
  public static Path defaultJavaHome() {
    return Path.of(System.getProperty("test.java.home", System.getProperty("java.home")));
  }

  /** The log file name without its extension, e.g. {@code MyIT.exportsHistogram-1}. */
  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** The full command line, for failure messages and for checking what the child was given. */
  public List<String> command() {
    return command;
  }

  public Path logFile() {
    return output.logFile();
  }

  /** The history folder the harness made for this child; empty when the test named its own. */
  public Optional<Path> historyDir() {
    return Optional.ofNullable(historyDir);
  }

  /** Everything the child printed so far, stdout and stderr interleaved as they arrived. */
  public List<String> outputLines() {
    return output.lines();
  }

  /**
   * Waits for an output line in which {@code pattern} is found (lines printed earlier count too) and returns the
   * matcher, so groups can be read.
   *
   * @throws AssertionError if the child ends or {@code timeout} passes first; the message shows its last lines
   */
  public Matcher awaitLine(Pattern pattern, Duration timeout) {
    return output.awaitLine(pattern, timeout, this::describe);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Empty while the child runs. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /**
   * Waits for the child to exit by itself.
   *
   * @throws AssertionError if it is still running after {@code timeout} (it is left running; close it)
   */
  public int awaitExit(Duration timeout) {
    if (!waitFor(timeout)) {
      throw new AssertionError(describe() + " still running after " + timeout + "; log: " + logFile());
    }
    output.awaitEnd(OUTPUT_DRAIN);
    return process.exitValue();
  }

  /** {@link #stop(Duration)} with {@link #DEFAULT_STOP_GRACE}. */
  public int stop() {
    return stop(DEFAULT_STOP_GRACE);
  }

  /**
   * Sends SIGTERM, so shutdown hooks (the agent's final export among them) run, waits up to {@code grace}, then
   * kills the child and anything it started, and removes the history folder the harness made for it. Returns the
   * exit code: 143 after SIGTERM, 137 after the kill.
   */
  public int stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(grace)) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
      }
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    output.awaitEnd(OUTPUT_DRAIN);
    if (historyDir != null) {
      TemporaryFolders.delete(historyDir);
    }
    LastResortCleanup.unregister(this);
    return process.exitValue();
  }

  /** Stops the child if it is still running. */
  @Override
  public void close() {
    stop();
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + describe(), e);
    }
  }

  private String describe() {
    String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
    return "child JVM " + name + " (pid " + process.pid() + ", " + state + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Collects the child's command line; {@link #start()} launches it. Only the main class is required. */
  public static final class Builder {

    private String name;
    private Path javaHome = defaultJavaHome();
    private String javaAgent;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String classpath = System.getProperty("java.class.path");
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private Consumer<ChildJvm> onStart = child -> { };

    private Builder() {}

    /** Names the log file; defaults to the main class's simple name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder javaHome(Path javaHome) {
      this.javaHome = javaHome;
      return this;
    }

    /** Attaches an agent; the jar must exist when {@link #start()} runs. */
    public Builder javaAgent(Path agentJar) {
      return javaAgent(agentJar, null);
    }

    /** Attaches an agent with an options string ({@code -javaagent:jar=options}); null means none. */
    public Builder javaAgent(Path agentJar, String options) {
      if (!Files.isRegularFile(agentJar)) {
        throw new IllegalStateException("agent jar " + agentJar.toAbsolutePath() + " does not exist");
      }
      this.javaAgent = "-javaagent:" + agentJar.toAbsolutePath() + (options == null ? "" : "=" + options);
      return this;
    }

    /** Raw JVM options such as {@code -Xmx64m}, placed before the system properties. */
    public Builder jvmArgs(String... jvmArgs) {
      this.jvmArgs.addAll(List.of(jvmArgs));
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    /** Added to the environment the child inherits from the test JVM. */
    public Builder env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** Replaces the default, which is the test JVM's own class path. */
    public Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    public Builder mainClass(Class<?> mainClass) {
      return mainClass(mainClass.getName());
    }

    public boolean hasSystemProperty(String key) {
      return systemProperties.containsKey(key);
    }

    public boolean hasMainClass() {
      return mainClass != null;
    }

    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    public Builder args(String... args) {
      this.args.addAll(List.of(args));
      return this;
    }

    /** Lets {@link ChildJvms} track what a test starts. */
    Builder onStart(Consumer<ChildJvm> onStart) {
      this.onStart = onStart;
      return this;
    }

    public ChildJvm start() {
      Objects.requireNonNull(mainClass, "mainClass");
      Path java = javaHome.resolve("bin").resolve("java");
      if (!Files.isExecutable(java)) {
        throw new IllegalStateException("no java executable at " + java
            + " (java home comes from system property test.java.home, else java.home)");
      }
      String baseName = sanitize(name != null ? name : simpleName(mainClass));
      String numbered = baseName + "-" + STARTS_PER_NAME.computeIfAbsent(baseName, n -> new AtomicInteger()).incrementAndGet();
      Path logFile = logDirectory().resolve(numbered + ".log");
      Path historyDir = systemProperties.containsKey(HISTORY_DIR) ? null : TemporaryFolders.create("hourglass-history-");
      List<String> command = command(java, historyDir);

      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          // No test types into a child: it gets end-of-input at once, as if run with </dev/null.
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        if (historyDir != null) {
          TemporaryFolders.delete(historyDir);
        }
        throw new UncheckedIOException("could not start " + command, e);
      }
      ChildJvm child = new ChildJvm(numbered, List.copyOf(command), process,
          OutputCapture.follow(logFile, process, "child-output-" + numbered), historyDir);
      LastResortCleanup.register(child);
      onStart.accept(child);
      return child;
    }

    /** @param historyDir the folder made for this child, or null when the test named its own */
    private List<String> command(Path java, Path historyDir) {
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      if (javaAgent != null) {
        command.add(javaAgent);
      }
      command.addAll(jvmArgs);
      systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      if (historyDir != null) {
        command.add("-D" + HISTORY_DIR + "=" + historyDir);
      }
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
      command.addAll(args);
      return command;
    }

    private static Path logDirectory() {
      Path directory = Path.of(System.getProperty("child.logs.dir", "target/child-logs"));
      try {
        return Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create child log directory " + directory, e);
      }
    }

    private static String simpleName(String className) {
      return className.substring(className.lastIndexOf('.') + 1);
    }

    // Parameterized test names carry brackets, spaces and commas; keep file names shell-friendly.
    private static String sanitize(String name) {
      return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
  }
}
