package dev.hourglass.exporter.prometheus;

import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.GZIPOutputStream;

/**
 * What a Prometheus scrape sees: the cumulative state as of the last interval the clock published.
 * Every latency point carries its running totals, so the latest snapshot is the whole state; a
 * scrape never swaps recorders and never disagrees with what OTLP exported for the same interval.
 *
 * <p>{@link #accept} runs on the clock thread and reads every active series' quantiles once. The
 * text of each format is rendered by the first scrape after an interval and then served as is, so
 * a scrape of 1,000 series costs a copy, not 1,000 histogram reads. {@link #scrape} may be called
 * from any thread.
 */
public final class PrometheusScrapeView implements SnapshotConsumer {
  /** One published interval, its quantiles, and its text per format once rendered. */
  private record Prepared(
      IntervalSnapshot snapshot,
      Map<LatencyPoint, long[]> quantiles,
      AtomicReferenceArray<byte[]> rendered) {}

  private volatile Prepared prepared = prepare(null);

  @Override
  public void accept(IntervalSnapshot snapshot) {
    prepared = prepare(snapshot);
  }

  private static Prepared prepare(IntervalSnapshot snapshot) {
    Map<LatencyPoint, long[]> quantiles = new IdentityHashMap<>();
    if (snapshot != null) {
      for (LatencyPoint point : snapshot.latencies()) {
        if (point.interval().getTotalCount() > 0) {
          quantiles.put(point, Quantiles.reported(point.interval()));
        }
      }
    }
    return new Prepared(
        snapshot, quantiles, new AtomicReferenceArray<>(PrometheusFormat.values().length * 2));
  }

  /** The latest state in {@code format}, UTF-8; no samples before the first interval ends. */
  public byte[] scrape(PrometheusFormat format) {
    return cached(prepared, format, false);
  }

  /** {@link #scrape} gzip-compressed (Prometheus asks for gzip), also kept per interval. */
  public byte[] scrapeGzip(PrometheusFormat format) {
    return cached(prepared, format, true);
  }

  private static byte[] cached(Prepared current, PrometheusFormat format, boolean gzip) {
    int slot = format.ordinal() * 2 + (gzip ? 1 : 0);
    byte[] bytes = current.rendered().get(slot);
    if (bytes == null) {
      // Two scrapes racing here both produce the same bytes; either copy may be kept.
      bytes = gzip ? gzip(cached(current, format, false)) : render(current, format);
      current.rendered().set(slot, bytes);
    }
    return bytes;
  }

  private static byte[] gzip(byte[] text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length / 8 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not fail
    }
    return bytes.toByteArray();
  }

  private static byte[] render(Prepared prepared, PrometheusFormat format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      new PrometheusTextWriter(format, prepared.quantiles()::get).write(prepared.snapshot(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }
}
