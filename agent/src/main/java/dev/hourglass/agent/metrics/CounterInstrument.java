package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.InstrumentDescriptor;

/** A monotonic count per series. */
public final class CounterInstrument extends Instrument<CounterSeries> {
  CounterInstrument(InstrumentDescriptor descriptor, int seriesCap, Runnable onOverflow) {
    super(descriptor, seriesCap, onOverflow);
  }

  @Override
  CounterSeries newSeries(SeriesKey key) {
    return new CounterSeries(this, key);
  }
}
