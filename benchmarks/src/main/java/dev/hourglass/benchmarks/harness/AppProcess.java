package dev.hourglass.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample-app JVM under test. Started with a configuration's JVM arguments on a port chosen in
 * advance, so readiness can be probed from the moment the process is spawned; measured through
 * {@code /proc/<pid>} (CPU ticks, RSS) and {@code jcmd} (heap and metaspace after a full GC).
 * Output goes to log files, never to a pipe that could fill up and block the app.
 */
public final class AppProcess implements AutoCloseable {
  private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern HOURGLASS_STARTED =
      Pattern.compile("\\[hourglass\\] INFO started in (\\d+) ms");
  private static final Pattern LOADED_CLASSES = Pattern.compile("java\\.cls\\.loadedClasses=(\\d+)");
  private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

  private final Process process;
  private final int port;
  private final long spawnNanos;
  private final Path stdout;
  private final Path stderr;

  private AppProcess(Process process, int port, long spawnNanos, Path stdout, Path stderr) {
    this.process = process;
    this.port = port;
    this.spawnNanos = spawnNanos;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Spawns {@code java <jvmArgs> -jar <appJar> --port <free port>}, logging to {@code logs}. */
  public static AppProcess start(List<String> jvmArgs, Path appJar, Path logs, String name)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(appJar.toString());
    command.add("--port");
    command.add(Integer.toString(port));
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Files.writeString(err, String.join(" ", command) + "\n");
    long spawned = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
            .start();
    return new AppProcess(process, port, spawned, out, err);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@link #awaitFirstSuccess(String, long)} of the sample app's {@code /fast}. */
  public long awaitFirstSuccess(long timeoutMs) throws IOException, InterruptedException {
    return awaitFirstSuccess("/fast", timeoutMs);
  }

  /**
   * Polls {@code GET path} until it answers 200; returns the milliseconds since the process was
   * spawned. Fails with the app's error output if it exits or takes longer than {@code timeoutMs}.
   */
  public long awaitFirstSuccess(String path, long timeoutMs)
      throws IOException, InterruptedException {
    long deadline = spawnNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the app exited with " + process.exitValue() + ":\n" + errorTail());
      }
      if (answers200(path)) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawnNanos);
      }
      Thread.sleep(5);
    }
    throw new IOException("no successful request within " + timeoutMs + " ms:\n" + errorTail());
  }

  /** One {@code GET path}; true when it answered 200. */
  public boolean answers200(String path) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] statusLine = new byte[12]; // "HTTP/1.1 200"
      int read = in.readNBytes(statusLine, 0, statusLine.length);
      return read == statusLine.length
          && new String(statusLine, StandardCharsets.US_ASCII).endsWith(" 200");
    } catch (IOException notYet) {
      return false;
    }
  }

  /** User plus system CPU time of the whole JVM so far, in clock ticks ({@code /proc/<pid>/stat}). */
  public long cpuTicks() throws IOException {
    return ticks(Files.readString(Path.of("/proc", Long.toString(pid()), "stat")));
  }

  /** utime + stime of a {@code /proc/.../stat} line. */
  private static long ticks(String stat) {
    // The command name (field 2) may contain spaces; fields after it are space-separated.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
  }

  /**
   * CPU ticks used so far by the JIT compiler threads ({@code C1/C2 CompilerThread*}, whose names
   * {@code /proc} cuts to 15 characters): while they are busy the app is still warming up.
   */
  public long compilerTicks() throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            ticks += ticks(Files.readString(task.resolve("stat")));
          }
        } catch (IOException threadEnded) {
          // compiler threads come and go with the JIT's load; an ended one no longer counts
        }
      }
    }
    return ticks;
  }

  /** Resident set size in KB ({@code VmRSS} of {@code /proc/<pid>/status}). */
  public long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for pid " + pid());
  }

  /** Memory as {@code jcmd} reports it after a full GC, in KB. */
  public record JvmMemory(long heapUsedKb, long heapCommittedKb, long metaspaceUsedKb) {}

  public JvmMemory memoryAfterFullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher heap = HEAP.matcher(info);
    if (!heap.find()) {
      throw new IOException("unexpected jcmd output, no " + HEAP + ":\n" + info);
    }
    return new JvmMemory(
        Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1)), find(METASPACE, info));
  }

  /** Classes the JVM has loaded so far ({@code java.cls.loadedClasses}, the JDK's own count). */
  public long loadedClasses() throws IOException, InterruptedException {
    return find(LOADED_CLASSES, jcmd("PerfCounter.print"));
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process tool =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    tool.waitFor();
    return output;
  }

  private static long find(Pattern pattern, String text) throws IOException {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IOException("unexpected jcmd output, no " + pattern + ":\n" + text);
    }
    return Long.parseLong(matcher.group(1));
  }

  /**
   * Waits until Hourglass logs that weaving is ready, so a measurement never overlaps the agent's
   * background start-up work. Returns at once for other configurations (no such line expected).
   */
  public void awaitHourglassReady(long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (hourglassReadyMillis() < 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("Hourglass did not log \"started in\" within " + timeoutMs + " ms:\n" + errorTail());
      }
      Thread.sleep(20);
    }
  }

  /** Hourglass's "started in N ms" (weaving ready) from its log, or -1 when absent. */
  public long hourglassReadyMillis() throws IOException {
    Matcher matcher = HOURGLASS_STARTED.matcher(stderrText());
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  public String stdoutText() throws IOException {
    return Files.readString(stdout);
  }

  public String stderrText() throws IOException {
    return Files.readString(stderr);
  }

  private String errorTail() throws IOException {
    String text = stderrText();
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

  /** SIGTERM, so agents flush as in a normal shutdown; SIGKILL after 20 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
