package dev.hourglass.agent.util;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds application code on the current stack: the first frame that belongs neither to the agent,
 * the JDK, a JDBC driver, a pool nor a data-access library. Walks lazily with {@link StackWalker},
 * so only the top frames are materialized. Stateless; each call allocates (cold paths only).
 */
public final class AppFrames {
  private static final String[] AGENT = {
    "dev.hourglass.agent.", "dev.hourglass.bootstrap.", "dev.hourglass.instrumentation.",
    "dev.hourglass.shaded."
  };
  private static final String[] LIBRARIES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
    "org.postgresql.", "org.h2.", "com.mysql.", "org.mariadb.", "oracle.", "com.microsoft.sqlserver.",
    "org.hsqldb.", "org.apache.derby.", "org.sqlite.", "net.sourceforge.jtds.", "com.ibm.db2.",
    "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.commons.pool", "org.apache.tomcat.jdbc.",
    "com.mchange.", "io.agroal.", "oracle.ucp.",
    "org.springframework.jdbc.", "org.springframework.orm.", "org.springframework.transaction.",
    "org.springframework.aop.", "org.springframework.cglib.", "org.hibernate.", "org.jooq.",
    "org.mybatis.", "org.apache.ibatis.", "org.jdbi.", "org.eclipse.persistence.", "com.querydsl.",
    "net.bytebuddy.",
    // servlet containers and web frameworks: they call the application, they are not it
    "org.eclipse.jetty.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
    "io.undertow.", "org.springframework.web.", "org.springframework.boot."
  };
  /** Code that obtains connections for a pool, not for the application. */
  private static final String[] POOL_INTERNALS = {
    "com.zaxxer.hikari.pool.", "com.zaxxer.hikari.util.", "org.apache.commons.dbcp",
    "org.apache.commons.pool", "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.", "io.agroal.pool.",
    "oracle.ucp."
  };
  public static final int MAX_FRAMES = 12;

  private AppFrames() {}

  /** {@code com.example.Dao.find(Dao.java:42)}, or {@code ""} when no application frame is found. */
  public static String firstApplicationFrame() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(frame -> !startsWithAny(frame.getClassName(), AGENT))
                    .filter(frame -> !startsWithAny(frame.getClassName(), LIBRARIES))
                    .findFirst()
                    .map(AppFrames::format)
                    .orElse(""));
  }

  /**
   * Whether the code that called {@code DataSource.getConnection} is a pool's own, filling the pool
   * (that connection is the pool's, not borrowed by the application). Walks only the top frames.
   */
  public static boolean calledByPool() {
    return StackWalker.getInstance()
        .walk(
            frames -> {
              StackFrame caller = caller(frames.iterator());
              return caller == null || startsWithAny(caller.getClassName(), POOL_INTERNALS);
            });
  }

  /**
   * The frames that called {@code DataSource.getConnection}, up to {@link #MAX_FRAMES}, callers
   * last. Kept as they are; {@link #format(List)} names them only if they are ever reported, which
   * keeps a borrow's cost to the walk of a dozen frames.
   */
  public static List<StackFrame> borrowerFrames() {
    return StackWalker.getInstance()
        .walk(
            stream -> {
              Iterator<StackFrame> frames = stream.iterator();
              StackFrame caller = caller(frames);
              List<StackFrame> kept = new ArrayList<>(MAX_FRAMES);
              if (caller != null) {
                kept.add(caller);
                while (frames.hasNext() && kept.size() < MAX_FRAMES) {
                  kept.add(frames.next());
                }
              }
              return kept;
            });
  }

  /** The first frame past the woven {@code getConnection} (and any it called on super). */
  private static StackFrame caller(Iterator<StackFrame> frames) {
    while (frames.hasNext()) {
      StackFrame frame = frames.next();
      if (!startsWithAny(frame.getClassName(), AGENT)
          && !frame.getMethodName().equals("getConnection")) {
        return frame;
      }
    }
    return null;
  }

  /** Each frame as {@code class.method(File.java:42)}. */
  public static List<String> format(List<StackFrame> frames) {
    List<String> formatted = new ArrayList<>(frames.size());
    frames.forEach(frame -> formatted.add(format(frame)));
    return formatted;
  }

  /** The first application frame of captured frames, or the first frame if none is ours. */
  public static String firstApplicationFrame(List<String> frames) {
    for (String frame : frames) {
      if (!isLibrary(frame)) {
        return frame;
      }
    }
    return frames.isEmpty() ? "" : frames.get(0);
  }

  /**
   * The first {@code max} application frames of a stack trace an exception captured, library
   * frames skipped (reads the trace it already holds; walks nothing).
   */
  public static List<StackTraceElement> applicationFrames(StackTraceElement[] stack, int max) {
    List<StackTraceElement> frames = new ArrayList<>(max);
    for (int i = 0; i < stack.length && frames.size() < max; i++) {
      if (!isLibrary(stack[i].getClassName())) {
        frames.add(stack[i]);
      }
    }
    return frames;
  }

  /** The first {@code max} application frames of the current stack: walks only that far. */
  public static List<StackTraceElement> applicationFramesHere(int max) {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(frame -> !isLibrary(frame.getClassName()))
                    .limit(max)
                    .map(StackFrame::toStackTraceElement)
                    .toList());
  }

  /** {@code class.method(File.java:42)}, without the module prefix StackTraceElement adds. */
  public static String format(StackTraceElement frame) {
    String file = frame.getFileName();
    int line = frame.getLineNumber();
    return frame.getClassName()
        + "."
        + frame.getMethodName()
        + "("
        + (file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file)
        + ")";
  }

  /** {@code class.method(File.java:42)}, without the module prefix StackTraceElement adds. */
  private static String format(StackFrame frame) {
    return format(frame.toStackTraceElement());
  }

  static boolean isLibrary(String className) {
    return startsWithAny(className, AGENT) || startsWithAny(className, LIBRARIES);
  }

  private static boolean startsWithAny(String className, String[] prefixes) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
