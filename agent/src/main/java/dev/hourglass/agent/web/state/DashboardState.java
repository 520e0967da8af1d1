package dev.hourglass.agent.web.state;

import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;

/**
 * The dashboard's view of the agent, fed by the interval clock: the latest {@link IntervalSummary}
 * and the {@link History}. {@link #accept} does all the computing on the clock thread (a few
 * milliseconds with 1,000 series), so HTTP requests only serialize prepared values.
 */
public final class DashboardState implements SnapshotConsumer {
  /** The ring never holds more intervals than this, whatever the interval and the history span. */
  public static final int MAX_INTERVALS = 720;

  private final SummaryBuilder builder = new SummaryBuilder();
  private final RuntimeSampler runtime = new RuntimeSampler();
  private final boolean sampleRuntime;
  private final History history;
  private volatile IntervalSummary latest;

  /** @param historyIntervals intervals the history keeps, at most {@link #MAX_INTERVALS} */
  public DashboardState(int historyIntervals, boolean sampleRuntime) {
    this.history = new History(Math.max(2, Math.min(historyIntervals, MAX_INTERVALS)));
    this.sampleRuntime = sampleRuntime;
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    RuntimeSample sample = sampleRuntime ? runtime.sample(snapshot.seconds()) : RuntimeSample.NONE;
    IntervalSummary summary = builder.build(snapshot, sample);
    history.add(summary);
    latest = summary;
  }

  /** The last interval's summary, or null before the first interval ends. */
  public IntervalSummary latest() {
    return latest;
  }

  public History history() {
    return history;
  }
}
