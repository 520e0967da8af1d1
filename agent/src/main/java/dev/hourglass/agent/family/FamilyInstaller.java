package dev.hourglass.agent.family;

/**
 * Installs one instrumented family: creates its recorders and hands them to the bootstrap entry
 * points its advice calls. Runs once, at start-up, before anything is woven, and only when the
 * family is enabled. A new family adds one implementation beside its recorders and lists it in the
 * agent's wiring under its {@link dev.hourglass.instrumentation.Family}.
 */
public interface FamilyInstaller {
  /** Returns what the family offers the rest of the agent once installed. */
  InstalledFamily install(FamilySetup setup);
}
