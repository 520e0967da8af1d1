package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.Http;
import dev.hourglass.it.reliability.JavaxHostileServletObjects.AsyncWithWrappers;
import dev.hourglass.it.reliability.JavaxHostileServletObjects.Failing;
import dev.hourglass.it.reliability.JavaxHostileServletObjects.HostileWrapping;
import dev.hourglass.it.reliability.JavaxHostileServletObjects.Plain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.GenericServlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * {@link HostileApp}'s hostile objects, as generated for javax.servlet 4 from {@link
 * HostileServletObjects}, on embedded Tomcat 9, where the agent weaves the javax twin generated
 * from its jakarta advice. The application calls itself {@value #ROUNDS} rounds and prints {@code
 * outcome <path>: <status> <body>} for each request, the same with and without the agent:
 *
 * <ul>
 *   <li>{@code /plain}, before and after the hostile requests: healthy, as measured as ever.
 *   <li>{@code /wrapped-async}: a filter wraps request and response in objects whose {@code
 *       getMethod()} and {@code getStatus()} throw; the servlet goes async with the wrappers.
 *   <li>{@code /handoff?outcome=…}: a filter continues the chain on a worker thread (as bridges and
 *       thread-per-tenant designs do) with objects of the outcome's kind: {@code ok}, the throwing
 *       wrappers; {@code throw}, the same to a servlet that fails, whose exception the filter lets
 *       escape to Tomcat; {@code nulls}, a request whose URI, servlet path, context path and
 *       mapping are null; {@code older-response} and {@code older-request}, classes of a Servlet
 *       2.5-era library that lack {@code getStatus()} and {@code getDispatcherType()}.
 * </ul>
 *
 * <p>Starts when the file named by its first argument exists, then exits 0 without stopping Tomcat
 * (whose stop reports on JDK internals). Tomcat's warnings and errors are printed without time,
 * and its startup lines not at all, so that two runs compare.
 */
public final class HostileJavaxApp {
  static final int ROUNDS = 3;
  static final List<String> HANDOFF_OUTCOMES =
      List.of("ok", "throw", "nulls", "older-response", "older-request");
  /** Outcome lines per round: plain, wrapped-async, each handoff, plain. */
  static final int REQUESTS = 3 + HANDOFF_OUTCOMES.size();

  /** Held: java.util.logging forgets the level of a logger nobody references. */
  private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

  private HostileJavaxApp() {}

  public static void main(String[] args) throws Exception {
    StartSignal.await(args[0]);
    printTomcatWarningsComparably();
    Path base = Files.createTempDirectory("hostile-javax");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", base.toString());
    filter(context, new HostileWrapping(), "/wrapped-async");
    filter(context, new HandoffToWorker(), "/handoff");
    servlet(context, new Plain(), "/plain");
    servlet(context, new AsyncWithWrappers(), "/wrapped-async");
    servlet(context, new Plain(), "/handoff");
    tomcat.start();
    String url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();

    for (int round = 0; round < ROUNDS; round++) {
      call(url, "/plain");
      call(url, "/wrapped-async");
      for (String outcome : HANDOFF_OUTCOMES) {
        call(url, "/handoff?outcome=" + outcome);
      }
      call(url, "/plain");
    }
    System.out.println("hostile javax app done");
    System.exit(0); // the agent's shutdown hook exports the last interval
  }

  private static void call(String url, String path) {
    Outcome.print(
        path,
        () -> {
          Http.Response response = Http.get(url + path);
          return response.status() + " " + response.body();
        });
  }

  /**
   * Tomcat logs through java.util.logging with a timestamp, its startup lines name the port, and
   * it puts its own formatter on any console handler: only warnings and worse are printed, by a
   * handler of the application's, without the time.
   */
  private static void printTomcatWarningsComparably() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            Throwable thrown = record.getThrown();
            System.out.println(
                record.getLevel() + " " + record.getLoggerName() + ": "
                    + new SimpleFormatter().formatMessage(record)
                    + (thrown == null ? "" : " " + thrown));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    TOMCAT_LOG.setLevel(Level.WARNING);
  }

  private static void filter(Context context, Filter filter, String pattern) {
    String name = filter.getClass().getSimpleName();
    FilterDef definition = new FilterDef();
    definition.setFilterName(name);
    definition.setFilter(filter);
    definition.setAsyncSupported("true");
    context.addFilterDef(definition);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName(name);
    mapping.addURLPattern(pattern);
    context.addFilterMap(mapping);
  }

  private static void servlet(Context context, GenericServlet servlet, String pattern) {
    String name = servlet.getClass().getSimpleName() + pattern;
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setAsyncSupported(true);
    context.addServletMappingDecoded(pattern, name);
  }

  /**
   * Serves the rest of the chain on a worker thread with the outcome's objects, there the outermost
   * call the agent sees; the worker's exception escapes to the container as the application's own.
   */
  static final class HandoffToWorker implements Filter {
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String outcome = Objects.requireNonNullElse(request.getParameter("outcome"), "ok");
      ServletRequest handedRequest =
          JavaxHostileServletObjects.request(outcome, (HttpServletRequest) request);
      ServletResponse handedResponse =
          JavaxHostileServletObjects.response(outcome, (HttpServletResponse) response);
      FilterChain rest =
          "throw".equals(outcome)
              ? (req, resp) -> new Failing().service(req, resp)
              : chain;
      Future<?> served =
          worker.submit(
              () -> {
                rest.doFilter(handedRequest, handedResponse);
                return null;
              });
      try {
        served.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ServletException failure) {
          throw failure;
        }
        throw new ServletException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
