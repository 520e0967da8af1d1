package dev.hourglass.exporter.prometheus;

import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes one snapshot in the Prometheus text or OpenMetrics format, with the same content as the
 * cumulative OTLP export:
 *
 * <ul>
 *   <li>a latency instrument is a histogram ({@code _bucket} per {@link BucketBoundaries#SECONDS}
 *       boundary, {@code _sum}, {@code _count}, all since the series started) and a summary {@code
 *       <name>_quantiles_seconds} whose quantiles 0.5/0.95/0.99/0.999/1 (1 = max) are the exact
 *       values of the last interval. Series without data in that interval have no summary sample,
 *       as in OTLP;
 *   <li>counters are counters ({@code _total}); gauges are gauges.
 * </ul>
 *
 * Attributes become labels with dots replaced ({@code http.route} → {@code http_route}); empty
 * values, which mean "does not apply", are left out. Stateless and thread-safe.
 */
public final class PrometheusTextWriter {
  private final PrometheusFormat format;
  private final Function<LatencyPoint, long[]> quantiles;

  /** A writer that reads each series' quantiles while writing. */
  public PrometheusTextWriter(PrometheusFormat format) {
    this(format, point -> Quantiles.reported(point.interval()));
  }

  /**
   * A writer that takes each series' {@link Quantiles#reported} values (µs) from {@code quantiles},
   * so they can be read once per interval instead of once per scrape.
   */
  public PrometheusTextWriter(PrometheusFormat format, Function<LatencyPoint, long[]> quantiles) {
    this.format = format;
    this.quantiles = quantiles;
  }

  /** Writes every series of the snapshot; a null snapshot (none yet) writes no samples. */
  public void write(IntervalSnapshot snapshot, Writer out) throws IOException {
    if (snapshot != null) {
      for (Map.Entry<InstrumentDescriptor, List<LatencyPoint>> family :
          group(snapshot.latencies(), LatencyPoint::instrument).entrySet()) {
        writeHistogram(family.getKey(), family.getValue(), out);
        writeSummary(family.getKey(), family.getValue(), out);
      }
      for (Map.Entry<InstrumentDescriptor, List<CounterPoint>> family :
          group(snapshot.counters(), CounterPoint::instrument).entrySet()) {
        writeCounter(family.getKey(), family.getValue(), out);
      }
      for (Map.Entry<InstrumentDescriptor, List<GaugePoint>> family :
          group(snapshot.gauges(), GaugePoint::instrument).entrySet()) {
        writeGauge(family.getKey(), family.getValue(), out);
      }
    }
    if (format == PrometheusFormat.OPENMETRICS) {
      out.write("# EOF\n");
    }
  }

  private void writeHistogram(InstrumentDescriptor instrument, List<LatencyPoint> points, Writer out)
      throws IOException {
    String name = PrometheusNames.family(instrument);
    header(out, name, "histogram", instrument.description(), instrument.unit());
    for (LatencyPoint point : points) {
      String labels = labels(instrument, point.attributeValues());
      long[] counts = point.cumulativeBucketCounts();
      long cumulative = 0;
      for (int i = 0; i < BucketBoundaries.SECONDS.length; i++) {
        cumulative += counts[i];
        sample(out, name + "_bucket", labels, "le", number(BucketBoundaries.SECONDS[i]), cumulative);
      }
      sample(out, name + "_bucket", labels, "le", "+Inf", point.cumulativeCount());
      sample(out, name + "_sum", labels, number(point.cumulativeSumSeconds()));
      sample(out, name + "_count", labels, point.cumulativeCount());
    }
  }

  private void writeSummary(InstrumentDescriptor instrument, List<LatencyPoint> points, Writer out)
      throws IOException {
    List<LatencyPoint> active = new ArrayList<>(points.size());
    for (LatencyPoint point : points) {
      if (point.interval().getTotalCount() > 0) {
        active.add(point);
      }
    }
    if (active.isEmpty()) {
      return;
    }
    String name = PrometheusNames.quantilesFamily(instrument);
    header(
        out,
        name,
        "summary",
        "Exact quantiles of " + instrument.name() + " over the last export interval",
        instrument.unit());
    for (LatencyPoint point : active) {
      String labels = labels(instrument, point.attributeValues());
      long[] micros = quantiles.apply(point);
      for (int i = 0; i < Quantiles.REPORTED.length; i++) {
        sample(out, name, labels, "quantile", number(Quantiles.REPORTED[i]), number(micros[i] / 1e6));
      }
      sample(out, name + "_sum", labels, number(point.cumulativeSumSeconds()));
      sample(out, name + "_count", labels, point.cumulativeCount());
    }
  }

  private void writeCounter(InstrumentDescriptor instrument, List<CounterPoint> points, Writer out)
      throws IOException {
    String family = PrometheusNames.family(instrument);
    String sampleName = family + "_total";
    // Text format 0.0.4 names the family like its samples; OpenMetrics names it without _total.
    String headerName = format == PrometheusFormat.OPENMETRICS ? family : sampleName;
    header(out, headerName, "counter", instrument.description(), instrument.unit());
    for (CounterPoint point : points) {
      sample(out, sampleName, labels(instrument, point.attributeValues()), point.total());
    }
  }

  private void writeGauge(InstrumentDescriptor instrument, List<GaugePoint> points, Writer out)
      throws IOException {
    String name = PrometheusNames.family(instrument);
    header(out, name, "gauge", instrument.description(), instrument.unit());
    for (GaugePoint point : points) {
      sample(out, name, labels(instrument, point.attributeValues()), number(point.value()));
    }
  }

  private void header(Writer out, String name, String type, String help, String unit)
      throws IOException {
    out.write("# HELP " + name + " " + escapeHelp(help == null ? "" : help) + "\n");
    out.write("# TYPE " + name + " " + type + "\n");
    String unitWord = PrometheusNames.unitWord(unit);
    if (format == PrometheusFormat.OPENMETRICS
        && !unitWord.isEmpty()
        && name.endsWith("_" + unitWord)) {
      out.write("# UNIT " + name + " " + unitWord + "\n");
    }
  }

  /** {@code {a="1",b="2"}} without the braces, or empty; values escaped. */
  static String labels(InstrumentDescriptor instrument, List<String> values) {
    StringBuilder labels = new StringBuilder();
    List<String> names = instrument.attributeNames();
    for (int i = 0; i < names.size(); i++) {
      String value = values.get(i);
      if (value.isEmpty()) {
        continue;
      }
      if (labels.length() > 0) {
        labels.append(',');
      }
      labels.append(PrometheusNames.label(names.get(i))).append("=\"");
      escapeLabelValue(value, labels);
      labels.append('"');
    }
    return labels.toString();
  }

  private static void sample(Writer out, String name, String labels, long value) throws IOException {
    sample(out, name, labels, Long.toString(value));
  }

  private static void sample(Writer out, String name, String labels, String value)
      throws IOException {
    out.write(name);
    if (!labels.isEmpty()) {
      out.write('{');
      out.write(labels);
      out.write('}');
    }
    out.write(' ');
    out.write(value);
    out.write('\n');
  }

  private static void sample(
      Writer out, String name, String labels, String extraLabel, String extraValue, Object value)
      throws IOException {
    String all = (labels.isEmpty() ? "" : labels + ",") + extraLabel + "=\"" + extraValue + "\"";
    sample(out, name, all, value.toString());
  }

  /** Go-parsable floats: {@code NaN}, {@code +Inf}, {@code -Inf} or Java's shortest decimal form. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(value);
  }

  static void escapeLabelValue(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static <P> Map<InstrumentDescriptor, List<P>> group(
      List<P> points, Function<P, InstrumentDescriptor> instrumentOf) {
    Map<InstrumentDescriptor, List<P>> families = new LinkedHashMap<>();
    for (P point : points) {
      families.computeIfAbsent(instrumentOf.apply(point), key -> new ArrayList<>()).add(point);
    }
    return families;
  }
}
