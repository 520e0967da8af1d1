package dev.hourglass.agent.family;

/**
 * Where a feature offers its read-only views (its dashboard sections). The feature owns the view
 * type; whoever renders views looks them up by that type, so features never import the renderer.
 */
public interface Views {
  /** Offers {@code view} as the one view of {@code type}; a later offer replaces it. */
  <V> void offer(Class<V> type, V view);
}
