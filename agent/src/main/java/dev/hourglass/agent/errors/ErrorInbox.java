package dev.hourglass.agent.errors;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.AppFrames;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.MetricNames;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The error inbox: errors grouped by {@link ErrorFingerprint}, each group counted in total and per
 * interval (the sparkline), with the routes it happened in and a representative stack. At most
 * {@code cap} groups: errors of further fingerprints are only counted ({@link #overflow}), so a
 * storm of distinct messages (one group) or of distinct fingerprints (capped) holds its memory.
 * Each error is also counted in {@value MetricNames#ERRORS} by {@code error.type} and {@code
 * hourglass.error.group}, which the error alert rules read.
 *
 * <p>Cost only when an error occurs: reading the stack the exception already holds (a walk of the
 * current stack for a 5xx answer of a downstream call), a key and a map lookup; formatting the
 * representative stack once per group. Messages are kept only with {@code keepMessages}, only for
 * exceptions escaping requests (a driver's or a client's message can quote SQL or a URL), cut to
 * {@value #MESSAGE_LENGTH} characters.
 *
 * <p>Thread-safe; never throws into the application (faults are counted as advice errors).
 */
public final class ErrorInbox implements ErrorReporter, ErrorGroupsView, SnapshotConsumer {
  static final int MESSAGE_LENGTH = 200;
  static final int REPRESENTATIVE_FRAMES = 20;
  static final String OVERFLOW = "_other";

  private final int cap;
  private final boolean keepMessages;
  private final CounterInstrument errors;
  private final ConcurrentHashMap<String, ErrorGroup> groups = new ConcurrentHashMap<>();
  private final AtomicLong overflow = new AtomicLong();

  public ErrorInbox(MetricRegistry registry, int cap, boolean keepMessages) {
    this.cap = cap;
    this.keepMessages = keepMessages;
    this.errors =
        registry.counter(
            MetricNames.ERRORS,
            "Errors per error-inbox group: exceptions escaping requests, 5xx answers, failed JDBC"
                + " executions and outgoing calls",
            "{error}",
            AttributeKeys.ERROR_TYPE,
            AttributeKeys.ERROR_GROUP);
  }

  @Override
  public void thrown(String source, Throwable error, String route) {
    try {
      StackTraceElement[] stack = error.getStackTrace();
      String type = error.getClass().getName();
      String key =
          ErrorFingerprint.of(
              source, type, AppFrames.applicationFrames(stack, ErrorFingerprint.FRAMES));
      ErrorGroup group =
          group(
              key,
              type,
              source,
              () -> ErrorFingerprint.format(Arrays.asList(stack), REPRESENTATIVE_FRAMES));
      count(group, type, route, keepMessages && source.equals(REQUEST) ? message(error) : null);
    } catch (RuntimeException fault) {
      AdviceErrors.record(fault);
    }
  }

  @Override
  public void status(String source, int status, String where, String route) {
    try {
      String type = Integer.toString(status);
      String key = ErrorFingerprint.ofStatus(source, status, where, route);
      ErrorGroup group =
          group(
              key,
              type,
              source,
              // A downstream 5xx is answered inside the application's call: its frames say where.
              () ->
                  source.equals(HTTP_CLIENT)
                      ? ErrorFingerprint.format(
                          AppFrames.applicationFramesHere(REPRESENTATIVE_FRAMES),
                          REPRESENTATIVE_FRAMES)
                      : List.of());
      count(group, type, route, null);
    } catch (RuntimeException fault) {
      AdviceErrors.record(fault);
    }
  }

  private ErrorGroup group(String key, String type, String source, Supplier<List<String>> frames) {
    ErrorGroup group = groups.get(key);
    if (group != null || groups.size() >= cap) {
      return group;
    }
    return groups.computeIfAbsent(
        key,
        unused ->
            new ErrorGroup(
                ErrorFingerprint.id(key), type, source, frames.get(), System.currentTimeMillis()));
  }

  private void count(ErrorGroup group, String type, String route, String message) {
    if (group == null) {
      overflow.incrementAndGet();
      errors.series(OVERFLOW, OVERFLOW).increment();
      return;
    }
    group.count(route, message, System.currentTimeMillis());
    errors.series(type, group.id).increment();
    if (route == null) {
      rememberForRoute(group);
    }
  }

  /**
   * A failed execution or call inside a server request: its route is known only when the request
   * ends ({@link #requestEnded}), so the group waits in the request's context (a few per request).
   */
  private static void rememberForRoute(ErrorGroup group) {
    RequestContext context = RequestContext.current();
    if (context == null) {
      return;
    }
    if (!(context.failedCalls instanceof FailedCalls)) {
      context.failedCalls = new FailedCalls();
    }
    ((FailedCalls) context.failedCalls).add(group);
  }

  /** Names the groups of the request's failed executions and calls with its route. */
  void requestEnded(RequestContext context, String route) {
    Object failed = context.failedCalls;
    if (failed instanceof FailedCalls) {
      context.failedCalls = null;
      ((FailedCalls) failed).happenedIn(route);
    }
  }

  /** The distinct groups of one request's failed executions and calls, at most eight. */
  private static final class FailedCalls {
    private final ErrorGroup[] groups = new ErrorGroup[8];
    private int size;

    void add(ErrorGroup group) {
      for (int i = 0; i < size; i++) {
        if (groups[i] == group) {
          return;
        }
      }
      if (size < groups.length) {
        groups[size++] = group;
      }
    }

    void happenedIn(String route) {
      for (int i = 0; i < size; i++) {
        groups[i].addRoute(route);
      }
    }
  }

  private static String message(Throwable error) {
    String message = error.getMessage();
    if (message == null) {
      return null;
    }
    return message.length() <= MESSAGE_LENGTH
        ? message
        : message.substring(0, MESSAGE_LENGTH) + "...";
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    groups.values().forEach(ErrorGroup::endInterval);
  }

  @Override
  public List<Group> groups() {
    List<Group> views = new ArrayList<>(groups.size());
    groups.values().forEach(group -> views.add(group.view()));
    views.sort(Comparator.comparingLong(Group::lastSeenEpochMillis).reversed());
    return views;
  }

  @Override
  public long overflow() {
    return overflow.get();
  }

  @Override
  public boolean keepsMessages() {
    return keepMessages;
  }
}
