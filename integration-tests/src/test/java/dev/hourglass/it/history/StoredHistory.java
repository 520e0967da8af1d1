package dev.hourglass.it.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** A history folder as the files on disk have it, read without the agent's code. */
final class StoredHistory {
  static final String SERVER = "http.server.request.duration";

  private StoredHistory() {}

  /** The history's id of a GET route of the sample app. */
  static String routeId(String route) {
    return SERVER + "{http.request.method=GET,http.route=" + route + "}";
  }

  /**
   * Every value of {@code route} in the minute files of {@code folder}, read with HdrHistogram's
   * own {@code HistogramLogReader} (not the agent's reader), merged: the files' ground truth.
   */
  static Histogram minutesOf(Path folder, String route) throws IOException {
    Histogram merged = new Histogram(3);
    String routeTag = "http.route=" + URLEncoder.encode(route, StandardCharsets.UTF_8);
    for (Path file : files(folder.resolve("1m"), ".hlog")) {
      HistogramLogReader reader = new HistogramLogReader(file.toFile());
      for (EncodableHistogram step; (step = reader.nextIntervalHistogram()) != null; ) {
        List<String> tag = List.of(step.getTag().split(";"));
        if (tag.get(0).equals(SERVER) && tag.contains(routeTag)) {
          merged.add((Histogram) step);
        }
      }
    }
    return merged;
  }

  /** The files of a folder whose names end in {@code suffix}, sorted; none if it does not exist. */
  static List<Path> files(Path folder, String suffix) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
