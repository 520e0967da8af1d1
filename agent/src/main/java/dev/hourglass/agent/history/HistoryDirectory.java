package dev.hourglass.agent.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder one JVM writes its history into, held with an OS file lock on {@code .lock} so two JVMs
 * of one service never write the same files. A second JVM takes {@code instance-2} inside the
 * folder, a third {@code instance-3}, up to {@value #MAX_INSTANCES}; the lock is released by the OS
 * when the JVM ends, however it ends, so a crashed JVM's folder is taken again by the next start.
 */
final class HistoryDirectory implements AutoCloseable {
  static final int MAX_INSTANCES = 8;
  static final String LOCK = ".lock";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private HistoryDirectory(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  Path path() {
    return dir;
  }

  /**
   * Creates and locks {@code base}, or the first free instance folder in it.
   *
   * @throws IOException when no folder can be created or every one is held
   */
  static HistoryDirectory claim(Path base) throws IOException {
    for (int instance = 1; instance <= MAX_INSTANCES; instance++) {
      Path dir = instance == 1 ? base : base.resolve("instance-" + instance);
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        // another writer of this JVM (tests) holds it: as good as another process
      }
      if (lock != null) {
        return new HistoryDirectory(dir, channel, lock);
      }
      channel.close();
    }
    throw new IOException(
        "held by other processes: " + base + " and its " + (MAX_INSTANCES - 1) + " instance folders");
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the process anyway
    }
  }
}
