package dev.hourglass.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Alert operations in a real headless Chromium against the sample app: an editor logs in with the
 * write token, creates a rule with the threshold slider, sees its preview, saves it (to the rules
 * file), the rule fires on slow traffic, and the editor acknowledges it in the page. A forged
 * request from another origin is refused, and without the token the page is read-only and the
 * same write is refused.
 */
class AlertEditingBrowserIT {
  private static final String TOKEN = "browser-write-token";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path dir;
  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeEach
  void startBrowser() throws Exception {
    chromium = HeadlessChromium.start(new Dimension(1280, 2400));
    browser = chromium.browser;
  }

  @AfterEach
  void stopBrowser() throws Exception {
    if (chromium != null) {
      chromium.quit();
    }
  }

  private InstrumentedApp sampleApp(int port, String token) {
    var builder = jvms.builder()
        .mainClass(InstrumentedApp.SAMPLE_APP)
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.metric.export.interval", "1s")
        .systemProperty("hourglass.http.port", String.valueOf(port))
        .systemProperty("hourglass.history.dir", dir.resolve("history").toString())
        .systemProperty("hourglass.alerts.file", dir.resolve("alerts.json").toString())
        .systemProperty("hourglass.alerts.defaults.enabled", "false");
    if (token != null) {
      builder.systemProperty("hourglass.http.token", token);
    }
    InstrumentedApp app = InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);
    app.jvm().awaitLine(Pattern.compile("\\[hourglass\\] INFO dashboard at "), Duration.ofSeconds(30));
    return app;
  }

  @Test
  void editorCreatesARuleWithTheSlider_seesThePreview_savesIt_andAcknowledgesItsAlert() throws Exception {
    int port = Ports.free();
    InstrumentedApp app = sampleApp(port, TOKEN);
    String dashboard = "http://127.0.0.1:" + port;
    browser.get(dashboard + "/?token=" + TOKEN);
    waitUntil(() -> browser.findElement(By.id("rule-new")).isDisplayed());
    assertThat(browser.findElement(By.id("edit-note")).getText()).isEqualTo("You may edit rules and acknowledge alerts.");

    browser.findElement(By.id("rule-new")).click();
    type("rule-name", "ui.slow");
    type("rule-signal", "max");
    type("rule-where", "http.route=/slow");
    type("rule-for", "1");
    type("rule-recover", "1");
    type("rule-samples", "1");
    browser.findElement(By.id("rule-preview")).click();
    waitUntil(() -> !browser.findElement(By.id("preview-text")).getText().isEmpty());
    // The slider, moved as a person would drag it: to 100 (ms, the signal being a duration).
    ((JavascriptExecutor) browser).executeScript(
        "var s = document.getElementById('rule-slider'); s.value = '100'; s.dispatchEvent(new Event('input'));");
    assertThat(browser.findElement(By.id("rule-threshold")).getAttribute("value")).isEqualTo("100ms");
    browser.findElement(By.id("rule-preview")).click();
    waitUntil(() -> browser.findElement(By.id("preview-text")).getText().matches(
        "(would have fired \\d+ times? in the last hour.*|no history of this metric in the last hour)"));
    browser.findElement(By.id("rule-save")).click();
    waitUntil(() -> !browser.findElements(By.cssSelector("#rules tr[data-rule='ui.slow']")).isEmpty());
    assertThat(browser.findElement(By.id("rule-form")).isDisplayed()).as("the editor closes on save").isFalse();

    assertThat(Files.readString(dir.resolve("alerts.json")))
        .contains("\"name\" : \"ui.slow\"").contains("\"above\" : \"100ms\"").contains("\"signal\" : \"max\"");
    assertThat(browser.findElement(By.cssSelector("#rules tr[data-rule='ui.slow']")).getText())
        .contains("max(http.server.request.duration) where {http.route=/slow} by http.route > 100 ms").contains("file");

    try (Load traffic = new Load(java.util.List.of(app.url("/slow?ms=150")))) {
      waitUntil(() -> !browser.findElements(By.cssSelector("#incidents tr[data-state='firing'] button.ack")).isEmpty());
      String id = browser.findElement(By.cssSelector("#incidents tr[data-state='firing']")).getAttribute("data-alert");

      forgeCrossSiteAcknowledgement(dashboard, id);
      assertThat(state(dashboard, id)).as("the forged request changed nothing").isEqualTo("firing");

      browser.get(dashboard + "/");
      waitUntil(() -> !browser.findElements(By.cssSelector("#incidents tr[data-state='firing'] button.ack")).isEmpty());
      type("ack-by", "tester");
      browser.findElement(By.cssSelector("#incidents tr[data-alert='" + id + "'] button.ack")).click();
      waitUntil(() -> !browser.findElements(By.cssSelector("#incidents tr[data-alert='" + id + "'][data-state='acknowledged']")).isEmpty());
      assertThat(browser.findElement(By.cssSelector("#incidents tr[data-alert='" + id + "'] td.state")).getText())
          .isEqualTo("acknowledged by tester");
      assertThat(state(dashboard, id)).isEqualTo("acknowledged");
      ((JavascriptExecutor) browser).executeScript("document.getElementById('alert-ops').scrollIntoView()");
      Path shots = Files.createDirectories(Path.of(System.getProperty("screenshots.dir", "target/screenshots")));
      Files.copy(browser.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), shots.resolve("alerts.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void withoutTheToken_thePageIsReadOnly_andAWriteIsRefused() throws Exception {
    int port = Ports.free();
    sampleApp(port, null);
    String dashboard = "http://127.0.0.1:" + port;
    browser.get(dashboard + "/");
    waitUntil(() -> "false".equals(browser.findElement(By.tagName("body")).getAttribute("data-can-write")));

    assertThat(browser.findElement(By.id("edit-note")).getText())
        .startsWith("Read-only: editing is off: start the agent with hourglass.http.token=");
    assertThat(browser.findElement(By.id("rule-new")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("rule-form")).isDisplayed()).isFalse();
    Object status = ((JavascriptExecutor) browser).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "fetch('/api/rules/ui.sneaky', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
            + " body: JSON.stringify({metric: 'm', signal: 'p95', above: '1s'})}).then(r => done(r.status));");
    assertThat(status).isEqualTo(403L);
    assertThat(dir.resolve("alerts.json")).doesNotExist();
  }

  /**
   * A page on another origin (same host, another port: the same site, so even SameSite cookies
   * go along) posts a form and a fetch to the acknowledge endpoint, as an attacker's page would.
   */
  private void forgeCrossSiteAcknowledgement(String dashboard, String id) throws Exception {
    String target = dashboard + "/api/alerts/" + id + "/ack";
    String page = "<!doctype html><form id=f method=post action='" + target + "'>"
        + "<input name=by value=evil></form><script>"
        + "fetch('" + target + "', {method: 'POST', mode: 'no-cors', credentials: 'include', body: '{\"by\":\"evil\"}'})"
        + ".finally(function () { document.getElementById('f').submit(); });</script>";
    HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    evil.createContext("/", exchange -> {
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    evil.start();
    try {
      browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
      waitUntil(() -> browser.getCurrentUrl().startsWith(dashboard)); // the form went through
      assertThat(browser.findElement(By.tagName("body")).getText()).contains("cross-origin write refused");
    } finally {
      evil.stop(0);
    }
  }

  private static String state(String dashboard, String id) {
    Http.Response alerts = Http.get(dashboard + "/api/alerts", Map.of("Authorization", "Bearer " + TOKEN));
    for (Map<String, Object> alert : DashboardApp.list(Json.object(alerts.body()), "alerts")) {
      if (alert.get("id").equals(id)) {
        return (String) alert.get("state");
      }
    }
    return "gone";
  }

  private void type(String id, String text) {
    var field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page did not get there within 45 s");
      }
      Thread.sleep(100);
    }
  }
}
