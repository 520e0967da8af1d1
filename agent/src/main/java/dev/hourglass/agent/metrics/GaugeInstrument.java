package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.InstrumentDescriptor;

/** A value per series, sampled at the end of each interval. */
public final class GaugeInstrument extends Instrument<GaugeSeries> {
  GaugeInstrument(InstrumentDescriptor descriptor, int seriesCap, Runnable onOverflow) {
    super(descriptor, seriesCap, onOverflow);
  }

  @Override
  GaugeSeries newSeries(SeriesKey key) {
    return new GaugeSeries(key);
  }
}
