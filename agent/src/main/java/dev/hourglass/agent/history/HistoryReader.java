package dev.hourglass.agent.history;

import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.snapshot.Quantiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Answers a window of history from the best resolution for it, merging the stored histograms of
 * each step exactly. Each line is read on its own, so a damaged line (a crash mid-write, a file of
 * another version) costs that line only, is counted, and is reported once per file; HdrHistogram's
 * {@code HistogramLogReader} ends at the first bad line, so lines are parsed here (the same format).
 * Thread-safe: any number of readers, beside the writer (appended lines are whole or skipped).
 */
public final class HistoryReader {
  /** The most steps one answer has; a longer window is read from a coarser resolution. */
  static final int MAX_STEPS = 1500;
  /** The most series ids an answer lists. */
  static final int MAX_SERIES = 1000;

  private final Path dir;
  private final List<Resolution> resolutions;
  private final HistoryHealth health;
  private final LongSupplier clock;

  /** The folder read, or null. */
  Path dir() {
    return dir;
  }

  HistoryReader(Path dir, List<Resolution> resolutions, HistoryHealth health, LongSupplier clock) {
    this.dir = dir;
    this.resolutions = List.copyOf(resolutions);
    this.health = health;
    this.clock = clock;
  }

  /** What was read: the resolution, the step of the rows, and the series ids seen. */
  public record Answer(Resolution resolution, long stepMillis, List<String> series) {}

  /** Streams the rows of {@code query} to {@code rows}, in time order, and says what was read. */
  public Answer read(HistoryQuery query, Consumer<HistoryRow> rows) throws IOException {
    Resolution resolution = resolutionFor(query, clock.getAsLong());
    long step = stepFor(query, resolution);
    Merge merge = new Merge(query, step, rows);
    for (StoredFile file : StoredFile.list(dir, resolution)) {
      if (file.endMillis() <= query.fromMillis() || file.startMillis() >= query.toMillis()) {
        continue;
      }
      for (Path path : file.paths()) {
        if (path.toString().endsWith(HistoryFiles.HISTOGRAMS)) {
          readFile(path, merge);
        }
      }
    }
    merge.emitBefore(Long.MAX_VALUE);
    return new Answer(resolution, step, List.copyOf(merge.seriesSeen));
  }

  /**
   * With a step: the coarsest resolution whose step divides it and that still holds the window's
   * start. Without: the finest that holds the start in at most {@link #MAX_STEPS} steps.
   */
  Resolution resolutionFor(HistoryQuery query, long nowMillis) {
    Resolution chosen = resolutions.get(resolutions.size() - 1);
    for (int i = resolutions.size() - 1; i >= 0; i--) {
      Resolution resolution = resolutions.get(i);
      boolean holds = query.fromMillis() >= nowMillis - resolution.keep().toMillis();
      long step = query.stepMillis() == 0 ? resolution.stepMillis() : query.stepMillis();
      boolean fits =
          step % resolution.stepMillis() == 0
              && (query.toMillis() - query.fromMillis()) / step <= MAX_STEPS;
      if (holds && fits) {
        chosen = resolution;
        if (query.stepMillis() != 0) {
          return chosen;
        }
      }
    }
    return chosen;
  }

  private static long stepFor(HistoryQuery query, Resolution resolution) {
    long unit = resolution.stepMillis();
    long wanted = Math.max(query.stepMillis(), unit);
    long step = (wanted + unit - 1) / unit * unit;
    // Never more than MAX_STEPS rows per series, whatever was asked.
    long span = query.toMillis() - query.fromMillis();
    while (span / step > MAX_STEPS) {
      step += unit;
    }
    return step;
  }

  private void readFile(Path path, Merge merge) throws IOException {
    long damaged = 0;
    String why = null;
    try (BufferedReader lines = Files.newBufferedReader(path, StandardCharsets.US_ASCII)) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("\"")) {
          continue; // HdrHistogram's header, legend and comments
        }
        String problem = merge.line(line);
        if (problem != null) {
          damaged++;
          why = why == null ? problem : why;
        }
      }
    } catch (NoSuchFileException pruned) {
      return; // dropped by the writer since it was listed
    } catch (java.nio.charset.MalformedInputException binary) {
      damaged++;
      why = why == null ? "not text" : why;
    }
    if (damaged > 0) {
      health.damaged(dir.relativize(path).toString(), damaged, why);
    }
  }

  /** The rows being merged: one open step after another, emitted as the lines move past them. */
  private final class Merge {
    private final HistoryQuery query;
    private final long step;
    private final Consumer<HistoryRow> rows;
    private final Map<String, Parsed> tags = new HashMap<>();
    private final TreeMap<Long, Map<String, Group>> open = new TreeMap<>();
    private final TreeSet<String> seriesSeen = new TreeSet<>();

    Merge(HistoryQuery query, long step, Consumer<HistoryRow> rows) {
      this.query = query;
      this.step = step;
      this.rows = rows;
    }

    /** Merges one line; returns why it is damaged, or null. */
    String line(String line) {
      String[] fields = line.split(",", -1);
      if (fields.length != 5 || !fields[0].startsWith("Tag=")) {
        return "not a histogram line";
      }
      long start;
      Parsed tag;
      try {
        start = Math.round(Double.parseDouble(fields[1]) * 1000);
        tag = tags.computeIfAbsent(fields[0].substring(4), Parsed::new);
      } catch (IllegalArgumentException e) {
        return "bad tag or time";
      }
      if (start < query.fromMillis() || start >= query.toMillis() || !tag.wanted(query)) {
        return null;
      }
      if (seriesSeen.size() < MAX_SERIES) {
        seriesSeen.add(tag.seriesId);
      }
      Histogram histogram;
      try {
        histogram =
            Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(fields[4])), 0);
      } catch (Exception e) { // DataFormatException, or what a cut buffer throws
        return "bad histogram";
      }
      long stepStart = Math.floorDiv(start, step) * step;
      emitBefore(stepStart);
      String id = query.grouping() == Grouping.SERIES ? tag.seriesId : tag.metric;
      open.computeIfAbsent(stepStart, key -> new LinkedHashMap<>())
          .computeIfAbsent(id, key -> new Group(tag))
          .add(histogram, tag.error);
      return null;
    }

    void emitBefore(long stepStart) {
      while (!open.isEmpty() && open.firstKey() < stepStart) {
        Map.Entry<Long, Map<String, Group>> finished = open.pollFirstEntry();
        for (Map.Entry<String, Group> group : finished.getValue().entrySet()) {
          rows.accept(group.getValue().row(finished.getKey(), step, group.getKey(), query.grouping()));
        }
      }
    }
  }

  /** A tag read once per answer: its series id, metric and whether it counts as errors. */
  private static final class Parsed {
    final String metric;
    final Map<String, String> attributes;
    final String seriesId;
    final boolean error;

    Parsed(String tag) {
      SeriesTag parsed = SeriesTag.parse(tag);
      metric = parsed.metric();
      attributes = SeriesId.attributes(parsed);
      seriesId = SeriesId.of(metric, attributes);
      error = SeriesId.isError(parsed);
    }

    boolean wanted(HistoryQuery query) {
      if (query.metric() != null && !query.metric().equals(metric)) {
        return false;
      }
      String id = query.grouping() == Grouping.SERIES ? seriesId : metric;
      return query.series() == null || query.series().equals(id);
    }
  }

  /** One row being merged. */
  private static final class Group {
    private final Parsed first;
    private Histogram merged;
    private long errors;

    Group(Parsed first) {
      this.first = first;
    }

    void add(Histogram histogram, boolean error) {
      if (merged == null) {
        merged = histogram;
        merged.setAutoResize(true);
      } else {
        merged.add(histogram);
      }
      if (error) {
        errors += histogram.getTotalCount();
      }
    }

    HistoryRow row(long start, long step, String id, Grouping grouping) {
      return new HistoryRow(
          start,
          step,
          id,
          first.metric,
          grouping == Grouping.SERIES ? first.attributes : Map.of(),
          merged.getTotalCount(),
          errors,
          Quantiles.reported(merged));
    }
  }
}
