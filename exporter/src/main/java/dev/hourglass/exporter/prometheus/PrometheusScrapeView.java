package dev.hourglass.exporter.prometheus;

import dev.hourglass.exporter.snapshot.IntervalSnapshot;
import dev.hourglass.exporter.snapshot.SnapshotConsumer;
import java.io.IOException;
import java.io.Writer;

/**
 * What a Prometheus scrape sees: the cumulative state as of the last interval the clock published.
 * Every latency point carries its running totals, so the latest snapshot is the whole state; a
 * scrape never swaps recorders and never disagrees with what OTLP exported for the same interval.
 *
 * <p>{@link #accept} runs on the clock thread and only stores a reference; {@link #write} may run on
 * any thread concurrently (snapshots are immutable).
 */
public final class PrometheusScrapeView implements SnapshotConsumer {
  private volatile IntervalSnapshot latest;

  @Override
  public void accept(IntervalSnapshot snapshot) {
    latest = snapshot;
  }

  /** Writes the latest state in {@code format}; no samples before the first interval ends. */
  public void write(PrometheusFormat format, Writer out) throws IOException {
    new PrometheusTextWriter(format).write(latest, out);
  }
}
