package dev.hourglass.agent.family;

/** What an installed family offers the rest of the agent. Both hooks are optional. */
public interface InstalledFamily {
  InstalledFamily NOTHING = new InstalledFamily() {};

  /** Fills the dashboard sections the family owns (its read-only views). */
  default void offerViews(Views views) {}

  /** Called once the weaver has instrumented every class loaded so far. */
  default void weavingComplete() {}
}
