package dev.hourglass.agent.alerts;

/**
 * How quickly one rule's alerts were answered, over every incident since the figures began
 * (they survive restarts, see {@link ResponseTimesFile}). Immutable.
 *
 * @param fired incidents: times an alert of the rule started firing
 * @param acknowledged incidents someone acknowledged; {@code ackMillis} the sum of their times
 *     from firing to acknowledgement
 * @param resolved incidents that resolved; {@code resolveMillis} the sum of their times from
 *     firing to resolution (acknowledged or not)
 */
public record ResponseTimes(
    long fired, long acknowledged, long ackMillis, long resolved, long resolveMillis) {
  public static final ResponseTimes NONE = new ResponseTimes(0, 0, 0, 0, 0);

  ResponseTimes withFired() {
    return new ResponseTimes(fired + 1, acknowledged, ackMillis, resolved, resolveMillis);
  }

  ResponseTimes withAcknowledged(long millis) {
    return new ResponseTimes(fired, acknowledged + 1, ackMillis + millis, resolved, resolveMillis);
  }

  ResponseTimes withResolved(long millis) {
    return new ResponseTimes(fired, acknowledged, ackMillis, resolved + 1, resolveMillis + millis);
  }

  /** Mean time to acknowledge, ms; NaN before the first acknowledgement. */
  public double meanAckMillis() {
    return acknowledged == 0 ? Double.NaN : (double) ackMillis / acknowledged;
  }

  /** Mean time to resolve (MTTR), ms; NaN before the first resolution. */
  public double meanResolveMillis() {
    return resolved == 0 ? Double.NaN : (double) resolveMillis / resolved;
  }
}
