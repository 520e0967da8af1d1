package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import java.util.function.DoubleSupplier;

/**
 * One gauge series: either set by whoever observes the value ({@link #set}) or read from a
 * supplier at the end of each interval ({@link #track}). NaN means "no value": it is not exported.
 */
public final class GaugeSeries extends Series {
  private volatile double value = Double.NaN;
  private volatile DoubleSupplier supplier;

  GaugeSeries(SeriesKey key) {
    super(key);
  }

  public void set(double newValue) {
    value = newValue;
  }

  /** Reads the value from {@code source} on the clock thread; it must be cheap and never throw. */
  public void track(DoubleSupplier source) {
    supplier = source;
  }

  GaugePoint collect(InstrumentDescriptor descriptor) {
    DoubleSupplier source = supplier;
    double current = value;
    if (source != null) {
      try {
        current = source.getAsDouble();
      } catch (RuntimeException | LinkageError e) {
        current = Double.NaN; // e.g. an MXBean or pool class missing in this runtime
      }
    }
    // Gauges are kept while they have a value: an idle gauge still says something.
    markInterval(!Double.isNaN(current));
    return new GaugePoint(descriptor, attributeValues(), current);
  }
}
