package dev.hourglass.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the log file a process writes its output into, keeping the lines in memory, and lets a test wait for a
 * line.
 *
 * <p>The process writes to the file itself rather than to a pipe we drain: the JDK closes a process's pipe under
 * a concurrent reader when the process exits ("Stream closed"), losing the last lines, which are exactly the
 * shutdown lines tests look for; and a file keeps everything even if the test JVM dies first.
 */
final class OutputCapture {

  private static final int TAIL_LINES_IN_FAILURES = 40;
  private static final long POLL_MILLIS = 20;

  private final List<String> lines = new ArrayList<>();
  private final Path logFile;
  private boolean ended;

  private OutputCapture(Path logFile) {
    this.logFile = logFile;
  }

  /** Follows {@code logFile} until {@code process} has exited and everything it wrote has been read. */
  static OutputCapture follow(Path logFile, Process process, String threadName) {
    OutputCapture capture = new OutputCapture(logFile);
    Thread follower = new Thread(() -> capture.follow(process), threadName);
    follower.setDaemon(true);
    follower.start();
    return capture;
  }

  private void follow(Process process) {
    ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = Files.newInputStream(logFile)) {
      while (true) {
        // Checked before reading: once the process is gone, one more read drains what it wrote last.
        boolean exited = !process.isAlive();
        int n;
        while ((n = in.read(buffer)) > 0) {
          split(buffer, n, partialLine);
        }
        if (exited) {
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
      if (partialLine.size() > 0) {
        append(decode(partialLine));
      }
    } catch (IOException e) {
      append("[following " + logFile + " failed: " + e + "]");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      markEnded();
    }
  }

  private void split(byte[] buffer, int length, ByteArrayOutputStream partialLine) {
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\n') {
        append(decode(partialLine));
        partialLine.reset();
      } else {
        partialLine.write(buffer[i]);
      }
    }
  }

  private static String decode(ByteArrayOutputStream line) {
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private synchronized void append(String line) {
    lines.add(line);
    notifyAll();
  }

  private synchronized void markEnded() {
    ended = true;
    notifyAll();
  }

  Path logFile() {
    return logFile;
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Waits for a line in which {@code pattern} is found, looking at lines printed so far first.
   *
   * @param describeProcess names the process in failure messages (it may have exited meanwhile)
   * @throws AssertionError if the output ends or {@code timeout} passes first; shows the last lines printed
   */
  synchronized Matcher awaitLine(Pattern pattern, Duration timeout, Supplier<String> describeProcess) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < lines.size(); checked++) {
        Matcher matcher = pattern.matcher(lines.get(checked));
        if (matcher.find()) {
          return matcher;
        }
      }
      if (ended) {
        throw new AssertionError(failure(describeProcess.get() + " ended its output without a line matching /"
            + pattern + "/"));
      }
      long remainingNanos = deadline - System.nanoTime();
      if (remainingNanos <= 0) {
        throw new AssertionError(failure("no line matching /" + pattern + "/ from " + describeProcess.get()
            + " within " + timeout));
      }
      waitMillis(Math.max(1, remainingNanos / 1_000_000));
    }
  }

  /** Waits until the process has exited and its output is read, so all of it is in {@link #lines()}. */
  synchronized boolean awaitEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended) {
      long remainingNanos = deadline - System.nanoTime();
      if (remainingNanos <= 0) {
        return false;
      }
      waitMillis(Math.max(1, remainingNanos / 1_000_000));
    }
    return true;
  }

  private String failure(String headline) {
    int from = Math.max(0, lines.size() - TAIL_LINES_IN_FAILURES);
    StringBuilder message = new StringBuilder(headline)
        .append("\nfull log: ").append(logFile.toAbsolutePath())
        .append("\nlast ").append(lines.size() - from).append(" line(s):");
    lines.subList(from, lines.size()).forEach(line -> message.append("\n  | ").append(line));
    return message.toString();
  }

  private void waitMillis(long millis) {
    try {
      wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for process output", e);
    }
  }
}
