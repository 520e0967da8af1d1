package dev.hourglass.agent.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Appends finished steps to the history folder: {@code <resolution>/<file start, epoch
 * ms>.hlog} holds the latency histograms in HdrHistogram's interval-log format (tag = {@link
 * SeriesTag}, times in epoch seconds, values in µs, the max column in ms), so HdrHistogram's own
 * tools read it; {@code .values} beside it holds the counters and gauges, one line per series and
 * step: {@code c|g,tag,start s,length s,samples,sum,min,max,last}.
 *
 * <p>Each step is encoded in memory and appended with one write, so a failing disk throws with the
 * system's own reason and a crash leaves at most one cut line, which the reader skips. A file that
 * does not end in a newline (cut by a crash or a full disk) gets one first, so the next step's
 * lines are whole. History thread only.
 */
final class HistoryFiles {
  static final String HISTOGRAMS = ".hlog";
  static final String VALUES = ".values";

  private final Path dir;

  HistoryFiles(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Appends one step; returns the bytes written. */
  long append(Period period) throws IOException {
    Resolution resolution = period.resolution();
    Path folder = dir.resolve(resolution.name());
    Files.createDirectories(folder);
    String base = Long.toString(resolution.fileStart(period.startMillis()));
    long written = 0;
    if (!period.latencies().isEmpty()) {
      written += append(folder.resolve(base + HISTOGRAMS), histogramLines(period, folder.resolve(base + HISTOGRAMS)));
    }
    if (!period.counters().isEmpty() || !period.gauges().isEmpty()) {
      written += append(folder.resolve(base + VALUES), valueLines(period));
    }
    return written;
  }

  private static byte[] histogramLines(Period period, Path file) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * period.latencies().size() + 256);
    PrintStream out = new PrintStream(bytes, false, StandardCharsets.US_ASCII);
    HistogramLogWriter log = new HistogramLogWriter(out);
    if (!Files.exists(file)) {
      log.outputLogFormatVersion();
      log.outputStartTime(period.resolution().fileStart(period.startMillis()));
      log.outputLegend();
    }
    double start = period.startMillis() / 1000.0;
    double end = period.endMillis() / 1000.0;
    for (Map.Entry<String, Histogram> series : period.latencies().entrySet()) {
      series.getValue().setTag(series.getKey());
      // Values are µs; the max column reads in ms, as HdrHistogram's tools print it.
      log.outputIntervalHistogram(start, end, series.getValue(), 1000.0);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] valueLines(Period period) {
    StringBuilder lines = new StringBuilder(128 * (period.counters().size() + period.gauges().size()));
    valueLines(lines, "c", period, period.counters());
    valueLines(lines, "g", period, period.gauges());
    return lines.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void valueLines(
      StringBuilder lines, String kind, Period period, Map<String, ValueSummary> values) {
    String times =
        ',' + seconds(period.startMillis()) + ',' + seconds(period.resolution().stepMillis()) + ',';
    for (Map.Entry<String, ValueSummary> series : values.entrySet()) {
      ValueSummary value = series.getValue();
      lines.append(kind).append(',').append(series.getKey()).append(times)
          .append(value.samples).append(',').append(value.sum).append(',')
          .append(value.min).append(',').append(value.max).append(',').append(value.last)
          .append('\n');
    }
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static long append(Path file, byte[] lines) throws IOException {
    byte[] prefix = endsCut(file) ? new byte[] {'\n'} : new byte[0];
    byte[] all = new byte[prefix.length + lines.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(lines, 0, all, prefix.length, lines.length);
    Files.write(file, all, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return all.length;
  }

  private static boolean endsCut(Path file) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length == 0) {
        return false;
      }
      raf.seek(length - 1);
      return raf.read() != '\n';
    }
  }
}
