package dev.hourglass.agent.errors;

import java.util.List;

/**
 * The error inbox for the dashboard and {@code /api/errors/groups}. Bounded; called on HTTP
 * threads.
 */
public interface ErrorGroupsView {
  /** Groups, most recently seen first. */
  List<Group> groups();

  /** Errors not grouped because {@code hourglass.errors.groups.cap} groups exist. */
  long overflow();

  /** Whether messages are kept ({@code hourglass.errors.messages}). */
  boolean keepsMessages();

  /**
   * One group.
   *
   * @param id the fingerprint's stable hash: also the {@code hourglass.error.group} attribute
   * @param type the exception class, or the 5xx status
   * @param source {@code request}, {@code jdbc} or {@code http.client}
   * @param perInterval errors in each of the last intervals, oldest first (up to 30)
   * @param routes the server routes it happened in (up to 20)
   * @param frames the representative stack: the first occurrence's frames (up to 20)
   * @param message the latest message when messages are kept (cut to 200 characters), else null
   */
  record Group(
      String id,
      String type,
      String source,
      long firstSeenEpochMillis,
      long lastSeenEpochMillis,
      long count,
      List<Long> perInterval,
      List<String> routes,
      List<String> frames,
      String message) {}
}
