package dev.hourglass.agent.errors;

import dev.hourglass.agent.util.AppFrames;
import java.util.List;

/**
 * What groups errors: the source, the exception class and its top {@value #FRAMES} application
 * frames (class and method: a line moved by an edit keeps the group), never the message. A 5xx
 * answer without an exception is grouped by status, origin and route instead. The id is a 64-bit
 * FNV-1a hash of that key, stable across restarts.
 */
final class ErrorFingerprint {
  static final int FRAMES = 3;

  private ErrorFingerprint() {}

  static String of(String source, String type, List<StackTraceElement> applicationFrames) {
    StringBuilder key = new StringBuilder(128).append(source).append('|').append(type);
    for (StackTraceElement frame : applicationFrames) {
      key.append('|').append(frame.getClassName()).append('.').append(frame.getMethodName());
    }
    return key.toString();
  }

  static String ofStatus(String source, int status, String where, String route) {
    return source
        + '|'
        + status
        + '|'
        + (where == null ? "" : where)
        + '|'
        + (route == null ? "" : route);
  }

  /** 16 hex digits. */
  static String id(String key) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      hash ^= key.charAt(i);
      hash *= 0x100000001b3L;
    }
    return String.format("%016x", hash);
  }

  /** Up to {@code max} frames of a stack, formatted. */
  static List<String> format(List<StackTraceElement> frames, int max) {
    return frames.stream().limit(max).map(AppFrames::format).toList();
  }
}
