package dev.hourglass.agent.web;

import com.sun.net.httpserver.HttpServer;
import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's local HTTP server (the JDK's {@code com.sun.net.httpserver}): dashboard, {@code
 * /api/*} and {@code /metrics}.
 *
 * <p>It can never hold up or overload the application: requests run on at most {@value #THREADS}
 * daemon threads named {@code hourglass-web-N} with a queue of {@value #QUEUE} (the JDK closes the
 * connection of a request beyond that), and the JDK's dispatcher thread is started from a daemon
 * thread so that it is a daemon too and never keeps the JVM alive.
 *
 * <p>Binding to anything but a loopback address requires a token; {@link #start} refuses otherwise.
 */
public final class WebServer {
  static final int THREADS = 2;
  static final int QUEUE = 32;
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  /**
   * Where and how to listen. A null or blank token means none.
   *
   * @param token gives write authority (and read access)
   * @param readToken gives read-only access
   */
  public record Options(String host, int port, String token, String readToken) {
    public Options(String host, int port, String token) {
      this(host, port, token, null);
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  private WebServer(HttpServer server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the server, or explains in one log line why not (port 0, a non-loopback
   * address without a token, a port in use) and returns null. Never throws.
   */
  public static WebServer start(
      Options options,
      DashboardState state,
      DashboardViews views,
      PrometheusScrapeView prometheus,
      AgentStatus status) {
    String refusal = refusal(options);
    if (refusal != null) {
      AgentLog.warn(refusal);
      return null;
    }
    enableNoDelay();
    ThreadPoolExecutor executor = executor();
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(options.host(), options.port()), 16);
      StaticAssets assets = new StaticAssets(WebServer.class.getClassLoader());
      AccessGuard guard = new AccessGuard(options.token(), options.readToken(), options.host());
      server.createContext("/", new ApiHandler(guard, assets, state, views, prometheus, status));
      server.setExecutor(executor);
      startAsDaemon(server);
      return new WebServer(server, executor);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      AgentLog.warn(
          "dashboard server not started on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + AgentLog.describe(e)
              + " (set hourglass.http.port to a free port, or 0 to turn it off)");
      return null;
    }
  }

  /**
   * The JDK server flushes the response headers as a segment of their own; with Nagle's algorithm
   * on, the body's last segment then waits for the client's delayed ACK (up to 200 ms on Linux).
   * The JDK reads this property once, when its first server is created; a value the application
   * set itself is left alone.
   */
  static void enableNoDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** Why the server must not start with these options, or null if it may. */
  static String refusal(Options options) {
    if (options.port() == 0) {
      return "dashboard server off (hourglass.http.port=0)";
    }
    boolean hasToken =
        (options.token() != null && !options.token().isBlank())
            || (options.readToken() != null && !options.readToken().isBlank());
    if (hasToken) {
      return null;
    }
    try {
      InetAddress address = InetAddress.getByName(options.host());
      if (address.isLoopbackAddress()) {
        return null;
      }
    } catch (UnknownHostException e) {
      return "dashboard server not started: cannot resolve hourglass.http.host=" + options.host();
    }
    return "dashboard server not started: hourglass.http.host="
        + options.host()
        + " is not a loopback address and hourglass.http.token is not set; set a token to expose"
        + " the dashboard and /metrics beyond this machine, or bind to 127.0.0.1";
  }

  private static ThreadPoolExecutor executor() {
    AtomicInteger number = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            runnable -> {
              Thread thread = new Thread(runnable, "hourglass-web-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** The dispatcher thread inherits daemon status from the thread that starts the server. */
  private static void startAsDaemon(HttpServer server) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                server.start();
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "hourglass-web-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://" + hostForUrl(server.getAddress()) + ":" + port() + "/";
  }

  private static String hostForUrl(InetSocketAddress address) {
    String host = address.getHostString();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Stops accepting and closes the server. Safe to call twice. */
  public void stop() {
    server.stop(0);
    executor.shutdownNow();
  }
}
