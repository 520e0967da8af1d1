package dev.hourglass.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders the harness makes for what it starts (a child JVM's history, a PostgreSQL cluster) and
 * removes when that stops, so one test's files neither reach the next nor stay on disk.
 */
final class TemporaryFolders {

  private TemporaryFolders() {}

  /** A new empty folder in {@code java.io.tmpdir} whose name starts with {@code prefix}. */
  static Path create(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary folder " + prefix + "*", e);
    }
  }

  /** Deletes the folder and everything in it; one that is already gone is fine. */
  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
