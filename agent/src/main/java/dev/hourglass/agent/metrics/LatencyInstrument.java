package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.InstrumentDescriptor;

/** A duration metric whose series record into HdrHistograms. */
public final class LatencyInstrument extends Instrument<LatencySeries> {
  private final Runnable onClamp;

  LatencyInstrument(InstrumentDescriptor descriptor, int seriesCap, Runnable onOverflow, Runnable onClamp) {
    super(descriptor, seriesCap, onOverflow);
    this.onClamp = onClamp;
  }

  @Override
  LatencySeries newSeries(SeriesKey key) {
    return new LatencySeries(this, key, onClamp);
  }
}
