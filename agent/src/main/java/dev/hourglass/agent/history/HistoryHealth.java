package dev.hourglass.agent.history;

import dev.hourglass.bootstrap.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong with the history, for {@code /api/health}, and what it cost: each fault is logged
 * once, in one line, and stays a problem until the history works again (a write fault) or for good
 * (no folder, damaged files). Thread-safe: written by the history thread, read by the web server's.
 */
public final class HistoryHealth {
  private volatile String standDown;
  private final Map<String, String> writeFaults = new ConcurrentHashMap<>(); // per resolution
  private final Map<String, String> damaged = new ConcurrentHashMap<>();
  private final AtomicLong lostSteps = new AtomicLong();
  private final AtomicLong lostIntervals = new AtomicLong();
  private final AtomicLong droppedFiles = new AtomicLong();
  private final AtomicLong droppedBytes = new AtomicLong();
  private final AtomicLong expiredFiles = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private volatile long storedBytes;

  /** The history is off for this run: no usable folder. */
  void standDown(String reason) {
    standDown = reason;
    AgentLog.warn(reason);
  }

  /** A step of {@code resolution} (or the pruning, as "prune") failed; logged once while it lasts. */
  void writeFailed(String resolution, String reason, int steps) {
    lostSteps.addAndGet(steps);
    if (!reason.equals(writeFaults.put(resolution, reason))) {
      AgentLog.warn(reason + " (everything else is still measured; retrying each step)");
    }
  }

  void written(String resolution, long bytes) {
    bytesWritten.addAndGet(bytes);
    String fault = writeFaults.remove(resolution);
    if (fault != null) {
      AgentLog.info("history writes again after: " + fault);
    }
  }

  /** Lines of {@code file} that could not be read and were skipped. */
  void damaged(String file, long lines, String why) {
    String problem = "history file " + file + ": " + lines + " damaged line(s) skipped (" + why + ")";
    if (damaged.put(file, problem) == null) {
      AgentLog.warn(problem);
    }
  }

  /** Intervals the history thread had no room for (a disk slower than the interval). */
  void intervalLost() {
    lostIntervals.incrementAndGet();
  }

  void dropped(long bytes) {
    droppedFiles.incrementAndGet();
    droppedBytes.addAndGet(bytes);
  }

  void expired(long files) {
    expiredFiles.addAndGet(files);
  }

  void stored(long bytes) {
    storedBytes = bytes;
  }

  /** One line per current problem; empty when the history works. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (standDown != null) {
      problems.add(standDown);
    }
    problems.addAll(new java.util.TreeMap<>(writeFaults).values());
    problems.addAll(damaged.values());
    return problems;
  }

  /** Steps (of any resolution) that could not be written. */
  public long lostSteps() {
    return lostSteps.get();
  }

  public long lostIntervals() {
    return lostIntervals.get();
  }

  /** Files dropped to hold the size cap. */
  public long droppedFiles() {
    return droppedFiles.get();
  }

  public long droppedBytes() {
    return droppedBytes.get();
  }

  /** Files past their resolution's retention. */
  public long expiredFiles() {
    return expiredFiles.get();
  }

  public long bytesWritten() {
    return bytesWritten.get();
  }

  /** Bytes on disk after the last prune. */
  public long storedBytes() {
    return storedBytes;
  }
}
