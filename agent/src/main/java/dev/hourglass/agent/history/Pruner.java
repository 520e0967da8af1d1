package dev.hourglass.agent.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the history within its retention and its size cap. Files past their resolution's keep are
 * expired. Over the cap, the finest resolution's oldest file goes first, since the coarser files
 * still hold its span; the file each resolution is writing goes last. History thread only.
 */
final class Pruner {
  private final List<Resolution> resolutions;
  private final long maxBytes;
  private final HistoryHealth health;

  Pruner(List<Resolution> resolutions, long maxBytes, HistoryHealth health) {
    this.resolutions = List.copyOf(resolutions);
    this.maxBytes = maxBytes;
    this.health = health;
  }

  /** Expires and drops files as of {@code nowMillis}; returns the bytes the history holds after. */
  long prune(Path dir, long nowMillis) throws IOException {
    List<StoredFile> kept = new ArrayList<>();
    List<StoredFile> newest = new ArrayList<>();
    long total = 0;
    for (Resolution resolution : resolutions) {
      List<StoredFile> files = StoredFile.list(dir, resolution);
      for (int i = 0; i < files.size(); i++) {
        StoredFile file = files.get(i);
        if (file.endMillis() <= nowMillis - resolution.keep().toMillis()) {
          file.delete();
          health.expired(1);
        } else if (i == files.size() - 1) {
          newest.add(file);
          total += file.bytes();
        } else {
          kept.add(file);
          total += file.bytes();
        }
      }
    }
    // kept is ordered finest resolution first, oldest first within each: the order of dropping.
    kept.addAll(newest);
    for (StoredFile file : kept) {
      if (total <= maxBytes) {
        break;
      }
      total -= file.delete();
      health.dropped(file.bytes());
    }
    return total;
  }
}
