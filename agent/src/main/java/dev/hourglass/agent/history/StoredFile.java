package dev.hourglass.agent.history;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of one resolution's span: its histogram log and its values file (either may be
 * missing), found by listing the folder.
 */
record StoredFile(Resolution resolution, long startMillis, List<Path> paths, long bytes) {

  long endMillis() {
    return startMillis + resolution.fileSpanMillis();
  }

  /** The spans of {@code resolution} under {@code dir}, oldest first; names that are not ours are left alone. */
  static List<StoredFile> list(Path dir, Resolution resolution) throws IOException {
    Path folder = dir.resolve(resolution.name());
    List<StoredFile> files = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    java.util.Map<Long, List<Path>> byStart = new java.util.TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        long start = startOf(entry.getFileName().toString());
        if (start != Long.MIN_VALUE) {
          byStart.computeIfAbsent(start, key -> new ArrayList<>()).add(entry);
        }
      }
    }
    for (java.util.Map.Entry<Long, List<Path>> span : byStart.entrySet()) {
      long bytes = 0;
      for (Path path : span.getValue()) {
        bytes += Files.size(path);
      }
      span.getValue().sort(Comparator.naturalOrder());
      files.add(new StoredFile(resolution, span.getKey(), List.copyOf(span.getValue()), bytes));
    }
    return files;
  }

  private static long startOf(String name) {
    String digits;
    if (name.endsWith(HistoryFiles.HISTOGRAMS)) {
      digits = name.substring(0, name.length() - HistoryFiles.HISTOGRAMS.length());
    } else if (name.endsWith(HistoryFiles.VALUES)) {
      digits = name.substring(0, name.length() - HistoryFiles.VALUES.length());
    } else {
      return Long.MIN_VALUE;
    }
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return Long.MIN_VALUE;
    }
    return Long.parseLong(digits);
  }

  /** Deletes every path; returns the bytes freed. */
  long delete() throws IOException {
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
    return bytes;
  }
}
