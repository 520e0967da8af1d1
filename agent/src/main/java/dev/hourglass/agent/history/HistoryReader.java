package dev.hourglass.agent.history;

import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.agent.history.HistoryRow.Kind;
import dev.hourglass.agent.history.HistoryRow.StepValues;
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
 * each step exactly, and the counters' and gauges' summaries beside them. Each line is read on its own, so a damaged line (a crash mid-write, a file of
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
    long step = query.wholeWindow() ? query.toMillis() - query.fromMillis() : stepFor(query, resolution);
    Merge merge = new Merge(query, step, rows);
    for (StoredFile file : StoredFile.list(dir, resolution)) {
      if (file.endMillis() <= query.fromMillis() || file.startMillis() >= query.toMillis()) {
        continue;
      }
      // The values first: they wait, small, in the open steps the histogram lines then move past.
      for (Path path : file.paths()) {
        if (path.toString().endsWith(HistoryFiles.VALUES)) {
          readFile(path, merge::valueLine);
        }
      }
      for (Path path : file.paths()) {
        if (path.toString().endsWith(HistoryFiles.HISTOGRAMS)) {
          readFile(path, merge::line);
        }
      }
      // Later files hold later steps only.
      merge.emitBefore(merge.stepStart(file.endMillis()));
    }
    merge.emitBefore(Long.MAX_VALUE);
    return new Answer(resolution, step, List.copyOf(merge.seriesSeen));
  }

  /**
   * With a step: the coarsest resolution whose step divides it and that still holds the window's
   * start. Without, or for one step over the whole window: the finest that holds the start in at
   * most {@link #MAX_STEPS} steps, so a window's summary merges what its chart shows.
   */
  Resolution resolutionFor(HistoryQuery query, long nowMillis) {
    long wanted = query.wholeWindow() ? 0 : query.stepMillis();
    Resolution chosen = resolutions.get(resolutions.size() - 1);
    for (int i = resolutions.size() - 1; i >= 0; i--) {
      Resolution resolution = resolutions.get(i);
      boolean holds = query.fromMillis() >= nowMillis - resolution.keep().toMillis();
      long step = wanted == 0 ? resolution.stepMillis() : wanted;
      boolean fits =
          step % resolution.stepMillis() == 0
              && (query.toMillis() - query.fromMillis()) / step <= MAX_STEPS;
      if (holds && fits) {
        chosen = resolution;
        if (wanted != 0) {
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

  private void readFile(Path path, java.util.function.Function<String, String> merge)
      throws IOException {
    long damaged = 0;
    String why = null;
    try (BufferedReader lines = Files.newBufferedReader(path, StandardCharsets.US_ASCII)) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("\"")) {
          continue; // HdrHistogram's header, legend and comments
        }
        String problem = merge.apply(line);
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
      long stepStart = stepStart(start);
      emitBefore(stepStart);
      group(stepStart, tag, Kind.HISTOGRAM).add(histogram, tag.error);
      return null;
    }

    /**
     * Merges one counter or gauge line ({@code c|g,tag,start s,length s,samples,sum,min,max,last});
     * returns why it is damaged, or null. Never emits: the histogram lines of the file do.
     */
    String valueLine(String line) {
      String[] fields = line.split(",", -1);
      if (fields.length != 9 || !(fields[0].equals("c") || fields[0].equals("g"))) {
        return "not a values line";
      }
      Parsed tag;
      long start;
      StepValues values;
      try {
        tag = tags.computeIfAbsent(fields[1], Parsed::new);
        start = Math.round(Double.parseDouble(fields[2]) * 1000);
        values =
            new StepValues(
                Long.parseLong(fields[4]),
                Double.parseDouble(fields[5]),
                Double.parseDouble(fields[6]),
                Double.parseDouble(fields[7]),
                Double.parseDouble(fields[8]));
      } catch (IllegalArgumentException e) {
        return "bad tag or number";
      }
      if (start < query.fromMillis() || start >= query.toMillis() || !tag.wanted(query)) {
        return null;
      }
      if (seriesSeen.size() < MAX_SERIES) {
        seriesSeen.add(tag.seriesId);
      }
      Kind kind = fields[0].equals("c") ? Kind.COUNTER : Kind.GAUGE;
      group(stepStart(start), tag, kind).add(tag.seriesId, values);
      return null;
    }

    /** The step a line starting at {@code startMillis} counts in: epoch-aligned, or the window's one. */
    long stepStart(long startMillis) {
      return query.wholeWindow() ? query.fromMillis() : Math.floorDiv(startMillis, step) * step;
    }

    private Group group(long stepStart, Parsed tag, Kind kind) {
      String id = query.grouping() == Grouping.SERIES ? tag.seriesId : tag.metric;
      return open.computeIfAbsent(stepStart, key -> new LinkedHashMap<>())
          .computeIfAbsent(id, key -> new Group(tag, kind));
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

  /** One row being merged: histograms, or counter and gauge summaries per series. */
  private static final class Group {
    private final Parsed first;
    private final Kind kind;
    private Histogram merged;
    private long errors;
    private Map<String, StepValues> values; // per series, merged over time

    Group(Parsed first, Kind kind) {
      this.first = first;
      this.kind = kind;
    }

    /** A series' later (or another instance's) summary of the same step. */
    void add(String seriesId, StepValues later) {
      if (values == null) {
        values = new LinkedHashMap<>();
      }
      values.merge(
          seriesId,
          later,
          (a, b) ->
              new StepValues(
                  a.samples() + b.samples(),
                  a.sum() + b.sum(),
                  Math.min(a.min(), b.min()),
                  Math.max(a.max(), b.max()),
                  b.last()));
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
      Map<String, String> attributes = grouping == Grouping.SERIES ? first.attributes : Map.of();
      if (kind == Kind.HISTOGRAM) {
        return new HistoryRow(
            start, step, id, first.metric, attributes, kind, merged.getTotalCount(), errors,
            Quantiles.reported(merged), null);
      }
      StepValues sum = summed();
      long count = kind == Kind.COUNTER ? Math.round(sum.sum()) : sum.samples();
      return new HistoryRow(start, step, id, first.metric, attributes, kind, count, 0, null, sum);
    }

    /** The series' summaries added up (one series: itself). */
    private StepValues summed() {
      long samples = 0;
      double sum = 0;
      double min = 0;
      double max = 0;
      double last = 0;
      for (StepValues series : values.values()) {
        samples = Math.max(samples, series.samples());
        sum += series.sum();
        min += series.min();
        max += series.max();
        last += series.last();
      }
      return new StepValues(samples, sum, min, max, last);
    }
  }
}
