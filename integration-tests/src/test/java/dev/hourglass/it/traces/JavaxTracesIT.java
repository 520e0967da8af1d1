package dev.hourglass.it.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The javax servlet twin on Tomcat 9 (H2 in memory): the same waterfall, N+1 statements and error
 * groups as the sample app shows on Jetty 12 ({@link SlowRequestsIT}, {@link ErrorInboxIT}).
 */
class JavaxTracesIT {
  private static final double SLACK_MS = 300;
  private static final String APP = "dev.hourglass.it.traces.JavaxTracesApp$OrderErrors.";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  @Test
  void tomcatRequestsShowTheirWaterfallsStatementsAndErrorGroups() {
    TracesApp app = TracesApp.start(jvms.builder().mainClass(JavaxTracesApp.class), JavaxTracesApp.READY);

    app.warmUpCheckout();
    long before = System.currentTimeMillis();
    assertThat(Http.get(app.url("/checkout?dbMs=600&downstreamMs=300")).status()).isEqualTo(200);
    assertThat(Http.get(app.url("/n-plus-one")).body()).isEqualTo(JavaxTracesApp.OWNERS + " pets");
    for (int i = 0; i < 5; i++) {
      assertThat(Http.get(app.url("/errors/orders?in=parse&id=" + i)).status()).isEqualTo(500);
      assertThat(Http.get(app.url("/errors/invoices?in=parse&id=" + i)).status()).isEqualTo(500);
    }
    assertThat(Http.get(app.url("/errors/orders?in=save&id=1")).status()).isEqualTo(500);

    TracesApp.assertCheckoutWaterfall(
        app.onlyTrace("/checkout", before), "SELECT PAUSE(?)", URI.create(app.url("/")).getPort(), SLACK_MS);

    Map<String, Object> nPlusOne = app.onlyTrace("/n-plus-one", before);
    List<Map<String, Object>> statements = TracesApp.entries(nPlusOne);
    assertThat(statements).hasSize(1 + JavaxTracesApp.OWNERS);
    assertThat(statements.get(0).get("statement")).isEqualTo("SELECT id FROM owners ORDER BY id");
    assertThat(statements.subList(1, statements.size()))
        .allSatisfy(
            entry -> assertThat(entry.get("statement")).isEqualTo("SELECT id FROM pets WHERE owner_id = ?"));
    TracesApp.assertInOrderWithinTheRequest(nPlusOne);

    ErrorInboxIT.assertInboxGroupsParseAndSave(
        app, "/errors/orders", "/errors/invoices", APP + "parse(", APP + "save(");
  }
}
