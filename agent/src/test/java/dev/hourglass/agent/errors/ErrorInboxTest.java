package dev.hourglass.agent.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.UsedHeap;
import dev.hourglass.agent.errors.ErrorGroupsView.Group;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorInboxTest {
  private final ErrorInbox inbox = new ErrorInbox(new MetricRegistry(1000, 30), 500, false);

  /**
   * What the application's {@code com.example.Orders} would throw from {@code method}, called by
   * its servlet and the container (the agent's own test classes are not application frames).
   */
  private static IllegalStateException thrownIn(String method, String message) {
    IllegalStateException error = new IllegalStateException(message);
    error.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.example.Orders", method, "Orders.java", 10),
          new StackTraceElement("com.example.OrdersServlet", "doGet", "OrdersServlet.java", 20),
          new StackTraceElement("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 30),
          new StackTraceElement("org.eclipse.jetty.ee10.servlet.ServletHolder", "handle", "ServletHolder.java", 40)
        });
    return error;
  }

  private static IllegalStateException parse(String id) {
    return thrownIn("parse", "cannot parse order " + id);
  }

  private static IllegalStateException save(String id) {
    return thrownIn("save", "cannot save order " + id);
  }

  @Test
  void theSameExceptionFromTwoApplicationFramesMakesTwoGroups() {
    inbox.thrown(ErrorReporter.REQUEST, parse("1"), "/orders");
    inbox.thrown(ErrorReporter.REQUEST, save("1"), "/orders");

    assertThat(inbox.groups()).hasSize(2);
    assertThat(inbox.groups()).extracting(Group::type).containsOnly("java.lang.IllegalStateException");
  }

  @Test
  void theSameFrameOnTwoRoutesMakesOneGroupWithBothRoutes() {
    for (String route : List.of("/orders", "/invoices", "/orders")) {
      inbox.thrown(ErrorReporter.REQUEST, parse("1"), route);
    }

    Group group = inbox.groups().get(0);
    assertThat(inbox.groups()).hasSize(1);
    assertThat(group.count()).isEqualTo(3);
    assertThat(group.routes()).containsExactly("/invoices", "/orders");
    assertThat(group.source()).isEqualTo("request");
    assertThat(group.frames())
        .containsExactly(
            "com.example.Orders.parse(Orders.java:10)",
            "com.example.OrdersServlet.doGet(OrdersServlet.java:20)",
            "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:30)",
            "org.eclipse.jetty.ee10.servlet.ServletHolder.handle(ServletHolder.java:40)");
    assertThat(group.message()).as("messages are off by default").isNull();
  }

  @Test
  void aFailedExecutionInsideARequestIsNamedWithTheRoutesOfItsRequests() {
    RequestErrors requests = new RequestErrors(inbox);
    for (String route : List.of("/orders", "/invoices")) {
      RequestContext context = ServerRequests.start();
      inbox.thrown(ErrorReporter.JDBC, thrownIn("find", "no such table"), null);
      ServerRequests.leave(context);
      requests.onRequestEnd(context, "GET", route, 200, "", 1_000_000);
    }
    inbox.thrown(ErrorReporter.JDBC, thrownIn("find", "outside any request"), null);

    Group group = inbox.groups().get(0);
    assertThat(inbox.groups()).hasSize(1);
    assertThat(group.source()).isEqualTo("jdbc");
    assertThat(group.count()).isEqualTo(3);
    assertThat(group.routes()).containsExactly("/invoices", "/orders");
  }

  @Test
  void aStormOfDistinctMessagesIsOneGroup() {
    for (int i = 0; i < 100_000; i++) {
      inbox.thrown(ErrorReporter.REQUEST, parse("secret-" + i), "/orders");
    }

    assertThat(inbox.groups()).hasSize(1);
    assertThat(inbox.groups().get(0).count()).isEqualTo(100_000);
    assertThat(inbox.overflow()).isZero();
  }

  @Test
  void fingerprintsBeyondTheCapAreCountedAsOverflow() {
    ErrorInbox small = new ErrorInbox(new MetricRegistry(1000, 30), 2, false);
    for (int status = 500; status < 510; status++) {
      small.status(ErrorReporter.REQUEST, status, null, "/x");
    }

    assertThat(small.groups()).hasSize(2);
    assertThat(small.overflow()).isEqualTo(8);
  }

  /**
   * 100,000 distinct fingerprints (20 application frames each, a distinct class at the top): the
   * cap holds 500 groups and their {@code hourglass.errors} series; heap used after full GCs.
   */
  @Test
  void aStormOfDistinctFingerprintsKeepsTheCapAndBoundedMemory() {
    MetricRegistry registry = new MetricRegistry(1000, 30);
    long before = UsedHeap.afterGc();
    ErrorInbox storm = new ErrorInbox(registry, 500, false);
    for (int i = 0; i < 100_000; i++) {
      IllegalStateException error = new IllegalStateException("storm " + i);
      StackTraceElement[] stack = new StackTraceElement[20];
      for (int f = 0; f < stack.length; f++) {
        stack[f] = new StackTraceElement("com.example.Storm" + (f == 0 ? i : f), "call", "Storm.java", f + 1);
      }
      error.setStackTrace(stack);
      storm.thrown(ErrorReporter.REQUEST, error, "/storm");
    }
    long used = UsedHeap.afterGc() - before;
    System.out.println("[ErrorInboxTest] 100,000 distinct fingerprints: " + used + " bytes");

    assertThat(storm.groups()).hasSize(500);
    assertThat(storm.overflow()).isEqualTo(99_500);
    assertThat(used).isLessThan(8L * 1024 * 1024);
  }


  @Test
  void messagesAreKeptOnlyWhenAskedAndOnlyForRequestsAndCut() {
    ErrorInbox keeping = new ErrorInbox(new MetricRegistry(1000, 30), 500, true);
    keeping.thrown(ErrorReporter.REQUEST, new IllegalStateException("x".repeat(300)), "/a");
    keeping.thrown(ErrorReporter.JDBC, new java.sql.SQLException("select 'secret'"), null);

    assertThat(keeping.groups())
        .filteredOn(group -> group.source().equals("request"))
        .singleElement()
        .satisfies(group -> assertThat(group.message()).isEqualTo("x".repeat(200) + "..."));
    assertThat(keeping.groups())
        .filteredOn(group -> group.source().equals("jdbc"))
        .singleElement()
        .satisfies(group -> assertThat(group.message()).isNull());
  }

  @Test
  void eachIntervalsCountJoinsTheSparkline() {
    inbox.thrown(ErrorReporter.REQUEST, parse("1"), "/orders");
    inbox.thrown(ErrorReporter.REQUEST, parse("2"), "/orders");
    inbox.accept(SnapshotBuilder.interval(1).build());
    inbox.accept(SnapshotBuilder.interval(2).build());
    inbox.thrown(ErrorReporter.REQUEST, parse("3"), "/orders");
    inbox.accept(SnapshotBuilder.interval(3).build());

    assertThat(inbox.groups().get(0).perInterval()).containsExactly(2L, 0L, 1L);
  }
}
