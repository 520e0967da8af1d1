package dev.hourglass.agent.alerts;

/**
 * Which side of the threshold is bad. A value breaches when strictly past the threshold and clears
 * when at or back past the clear threshold; between the two (the hysteresis band) nothing changes.
 */
public enum Comparison {
  ABOVE(">"),
  BELOW("<");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  boolean breaches(double value, double threshold) {
    return this == ABOVE ? value > threshold : value < threshold;
  }

  boolean clears(double value, double clearThreshold) {
    return this == ABOVE ? value <= clearThreshold : value >= clearThreshold;
  }

  /** The default clear threshold: 10 % back inside from the threshold. */
  double defaultClear(double threshold) {
    double band = Math.abs(threshold) * 0.1;
    return this == ABOVE ? threshold - band : threshold + band;
  }
}
