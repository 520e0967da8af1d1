package dev.hourglass.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver), against the sample
 * app under load: the route table shows what {@code /api/metrics} says, the charts draw their
 * series, and a route template containing {@code <script>} is shown as text and never runs; a
 * slow request's waterfall and the error inbox show what {@code /api/traces} and {@code
 * /api/errors/groups} say.
 */
class DashboardBrowserIT {
  private static final String XSS_ID = "GET " + XssRouteApp.ROUTE;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeEach
  void startBrowser() throws Exception {
    chromium = HeadlessChromium.start(new Dimension(1280, 1700));
    browser = chromium.browser;
  }

  @AfterEach
  void stopBrowser() throws Exception {
    if (chromium != null) {
      chromium.quit();
    }
  }

  @Test
  void underLoad_showsRoutesAsApiMetricsDoes_drawsCharts_andEscapesRouteNames() throws Exception {
    DashboardApp app = DashboardApp.start(jvms.builder(), "2s");
    String base = app.app.url("");
    try (Load load =
        new Load(
            List.of(
                base + "/fast",
                base + "/slow?ms=20",
                base + "/fail",
                base + "/owners/1",
                base + "/cached/owners/3",
                app.itemsUrl + "/items/7"))) {
      app.awaitRoutes(Duration.ofSeconds(30), "GET /fast", "GET /slow", "GET /fail", XSS_ID);
      browser.get(app.dashboard + "/");
      waitUntil(() -> !browser.findElements(By.cssSelector("#routes tbody tr[data-route]")).isEmpty());
      // Two intervals into the page's life, its charts have at least two points to join.
      Thread.sleep(5_000);

      assertRoutesMatchTheApi(app);
      assertChartsDrawTheirSeries();
      assertRouteNameIsText();
      assertCachesTableShowsTheSampleAppsCache();
      screenshot("dashboard.png");
      browser.manage().window().setSize(new Dimension(390, 1800));
      Thread.sleep(500);
      screenshot("dashboard-phone.png");
      assertThat(browser.findElement(By.id("kpi-rate")).isDisplayed()).as("tiles fit a phone").isTrue();
    }
  }

  @Test
  void slowRequests_drawTheirScatterAndWaterfall_andTheErrorInboxItsGroups() throws Exception {
    DashboardApp app =
        DashboardApp.start(jvms.builder().systemProperty("hourglass.traces.threshold", "500ms"), "2s");
    String base = app.app.url("");
    assertThat(Http.get(base + "/checkout?dbMs=600&downstreamMs=300").status()).isEqualTo(200);
    for (String route : List.of("/errors/orders", "/errors/invoices")) {
      assertThat(Http.get(base + route + "?in=parse&id=7").status()).isEqualTo(500);
    }
    app.awaitRoutes(Duration.ofSeconds(30), "GET /checkout");
    Map<String, Object> listed = app.api("/api/traces?route=/checkout");
    Map<String, Object> checkout =
        app.api("/api/traces/" + DashboardApp.list(listed, "traces").get(0).get("id"));

    browser.get(app.dashboard + "/");
    waitUntil(() -> !browser.findElements(By.cssSelector("#traces tbody tr[data-trace]")).isEmpty());
    waitUntil(() -> !browser.findElements(By.cssSelector("#error-groups tbody tr[data-group]")).isEmpty());
    assertThat(Integer.parseInt(browser.findElement(By.id("chart-traces")).getAttribute("data-points")))
        .isGreaterThanOrEqualTo(1);
    JavascriptExecutor js = browser;
    assertThat(strokePixels("#chart-traces", 220, 38, 38)).as("red scatter points").isGreaterThan(10);

    // A route's slowest requests: click its row in the routes table, then the request.
    click("#routes tbody tr[data-route=\"GET /checkout\"]");
    waitUntil(() -> browser.findElement(By.id("traces-scope")).getText().startsWith("/checkout"));
    waitUntil(() -> browser.findElements(By.cssSelector("#traces tbody tr[data-trace]")).stream()
        .allMatch(row -> row.getText().contains("GET /checkout")));
    click("#traces tbody tr[data-trace=\"" + checkout.get("id") + "\"]");
    waitUntil(() -> browser.findElement(By.id("waterfall")).isDisplayed());
    List<WebElement> rows = browser.findElements(By.cssSelector("#waterfall .row"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).findElement(By.className("what")).getText()).isEqualTo("SELECT SAMPLE_SLEEP(?)");
    assertThat(rows.get(2).findElement(By.className("what")).getText()).startsWith("GET 127.0.0.1:").endsWith("→ 200");
    double total = ((Number) checkout.get("durationMs")).doubleValue();
    List<Map<String, Object>> entries = DashboardApp.list(checkout, "entries");
    for (int i = 0; i < 2; i++) {
      WebElement bar = rows.get(i + 1).findElement(By.className("bar"));
      assertThat(percent(bar.getAttribute("style"), "width"))
          .as("bar width of entry " + i)
          .isCloseTo(((Number) entries.get(i).get("durationMs")).doubleValue() / total * 100, org.assertj.core.api.Assertions.within(0.01));
      assertThat(percent(bar.getAttribute("style"), "left"))
          .as("bar offset of entry " + i)
          .isCloseTo(((Number) entries.get(i).get("offsetMs")).doubleValue() / total * 100, org.assertj.core.api.Assertions.within(0.01));
    }

    WebElement group =
        browser.findElements(By.cssSelector("#error-groups tbody tr[data-group]")).stream()
            .filter(row -> row.getText().contains("/errors/invoices, /errors/orders"))
            .findFirst()
            .orElseThrow();
    assertThat(group.getText()).contains("java.lang.IllegalStateException").contains("request");
    assertThat(group.findElements(By.cssSelector("svg.spark polyline"))).hasSize(1);
    click("#error-groups tbody tr[data-group=\"" + group.getAttribute("data-group") + "\"]");
    waitUntil(() -> browser.findElement(By.id("error-frames")).getText()
        .contains("at dev.hourglass.sample.web.OrderErrorsServlet.parse("));
    screenshot("dashboard-slow-requests.png");
  }

  /** Clicks the element once it is there; the page redraws its tables every 5 s, so retries. */
  private void click(String css) throws InterruptedException {
    waitUntil(
        () -> {
          try {
            browser.findElement(By.cssSelector(css)).click();
            return true;
          } catch (org.openqa.selenium.NoSuchElementException
              | org.openqa.selenium.StaleElementReferenceException notYet) {
            return false;
          }
        });
  }

  /** {@code width: 12.5%} in an element's style attribute. */
  private static double percent(String style, String property) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:^|;)\\s*" + property + ":\\s*([0-9.e+-]+)%").matcher(style);
    assertThat(m.find()).as(property + " in " + style).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /**
   * Reads the table right after the page refreshed, then the API: when both show the same interval
   * (the usual case; otherwise try again), every number of every route must be the same.
   */
  @SuppressWarnings("unchecked")
  private void assertRoutesMatchTheApi(DashboardApp app) throws Exception {
    for (int attempt = 1; ; attempt++) {
      String before = browser.findElement(By.tagName("body")).getAttribute("data-sequence");
      waitUntil(() -> !before.equals(browser.findElement(By.tagName("body")).getAttribute("data-sequence")));
      Map<String, Object> page = readRouteTable();
      Map<String, Object> metrics = app.api("/api/metrics");
      String sequence = (String) page.get("sequence");
      if (!sequence.equals(String.valueOf(metrics.get("sequence"))) && attempt < 5) {
        continue;
      }
      assertThat(String.valueOf(metrics.get("sequence"))).isEqualTo(sequence);
      Map<String, Map<String, String>> table = (Map<String, Map<String, String>>) page.get("rows");
      assertThat(table.keySet())
          .containsAll(List.of("GET /fast", "GET /slow", "GET /fail", "GET /owners/*", XSS_ID));
      for (Map<String, Object> route : DashboardApp.list(metrics, "routes")) {
        String id = (String) route.get("id");
        Map<String, String> row = table.get(id);
        assertThat(row).as("row of %s", id).isNotNull();
        Map<String, Object> interval = DashboardApp.map(route, "interval");
        Map<String, Object> total = DashboardApp.map(route, "total");
        assertThat(row.get("total")).as(id + " total").isEqualTo(format(total.get("count"), 0));
        if (((Number) interval.get("count")).longValue() > 0) {
          assertThat(row.get("count")).as(id + " count").isEqualTo(format(interval.get("count"), 0));
          assertThat(row.get("p50")).as(id + " p50").isEqualTo(format(interval.get("p50Ms"), 3));
          assertThat(row.get("p95")).as(id + " p95").isEqualTo(format(interval.get("p95Ms"), 3));
          assertThat(row.get("max")).as(id + " max").isEqualTo(format(interval.get("maxMs"), 3));
          assertThat(row.get("errorPercent"))
              .as(id + " errors %")
              .isEqualTo(format(interval.get("errorPercent"), 2));
        }
      }
      Map<String, Object> fail = DashboardApp.route(metrics, "GET /fail");
      assertThat(DashboardApp.map(fail, "interval").get("errorPercent")).isEqualTo(100.0);
      return;
    }
  }

  /** Polls the page every 100 ms for up to 30 s. */
  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page did not get there within 30 s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * The interval the page shows and its route table, read in one script so that a refresh cannot
   * replace the rows halfway: {sequence, rows: {route id: {cell class: text}}}.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> readRouteTable() {
    return (Map<String, Object>)
        browser.executeScript(
            "var out = {sequence: document.body.getAttribute('data-sequence'), rows: {}};"
                + "document.querySelectorAll('#routes tbody tr[data-route]').forEach(function (tr) {"
                + "  var cells = {};"
                + "  tr.querySelectorAll('td').forEach(function (td) {"
                + "    cells[td.className.split(' ')[0]] = td.textContent; });"
                + "  out.rows[tr.getAttribute('data-route')] = cells; });"
                + "return out;");
  }

  /** As the page formats numbers: en-US grouping, at most {@code digits} decimals. */
  private static String format(Object value, int digits) {
    java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(Locale.US);
    format.setMaximumFractionDigits(digits);
    format.setRoundingMode(java.math.RoundingMode.HALF_UP);
    return format.format(((Number) value).doubleValue());
  }

  /**
   * The first JVM answers a known mix and stops; the second, on the same history folder, has seen
   * nothing. Choosing "24 h" re-draws the charts and the route table from the first JVM's minutes on
   * disk (exact counts), "live" gives them back to the second JVM's memory, and clicking a route
   * shows its percentiles over the window.
   */
  @Test
  void afterARestart_theRangePicker_redrawsChartsAndRoutesForTheLast24HoursFromDisk(@TempDir Path history)
      throws Exception {
    DashboardApp first = DashboardApp.start(jvms.builder().systemProperty("hourglass.history.dir", history.toString()), "1s");
    String base = first.app.url("");
    Map<String, Integer> sent = Map.of("/fast", 30, "/slow?ms=20", 12, "/fail", 5);
    for (Map.Entry<String, Integer> path : sent.entrySet()) {
      for (int i = 0; i < path.getValue(); i++) {
        Http.get(base + path.getKey());
      }
    }
    assertThat(first.app.stopAndFlush()).isIn(0, 143);
    DashboardApp second = DashboardApp.start(jvms.builder().systemProperty("hourglass.history.dir", history.toString()), "1s");

    browser.get(second.dashboard + "/");
    waitUntil(() -> browser.findElement(By.tagName("body")).getAttribute("data-sequence") != null);
    browser.findElement(By.cssSelector("#range button[data-range='24h']")).click();
    waitUntil(() -> browser.findElement(By.tagName("body")).getAttribute("data-range-loaded") != null);

    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-range-resolution")).isEqualTo("1m");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, String>> table = (Map<String, Map<String, String>>) readRouteTable().get("rows");
    assertThat(table.get("GET /fast").get("count")).isEqualTo("30");
    assertThat(table.get("GET /slow").get("count")).isEqualTo("12");
    assertThat(table.get("GET /fail").get("count")).isEqualTo("5");
    assertThat(table.get("GET /fail").get("errorPercent")).isEqualTo("100");
    assertThat(Double.parseDouble(table.get("GET /slow").get("p50"))).as("/slow sleeps 20 ms").isGreaterThanOrEqualTo(20);
    JavascriptExecutor js = browser;
    // Per-minute rates times 60 s: every request of the first JVM, drawn.
    assertThat(js.executeScript(
            "var d = window.hourglass.charts.throughput.data, n = 0;"
                + "for (var i = 0; i < d[1].length; i++) n += d[1][i] * 60; return Math.round(n);"))
        .isEqualTo(47L);
    assertThat((Long) js.executeScript(
            "return window.hourglass.charts.latency.data[2].filter(function (v) { return v !== null; }).length;"))
        .as("minutes with a p95").isPositive();
    assertThat(strokePixels("#chart-throughput", 37, 99, 235)).as("blue req/s line pixels").isGreaterThan(20);

    // A script's click: the sticky header may cover the row once it is scrolled into view.
    js.executeScript("arguments[0].click()", browser.findElement(By.cssSelector("#routes tbody tr[data-route='GET /slow']")));
    waitUntil(() -> browser.findElement(By.id("latency-scope")).getText().startsWith("GET /slow · last 24 h: p50 "));
    screenshot("dashboard-24h.png");

    browser.findElement(By.cssSelector("#range button[data-range='live']")).click();
    waitUntil(() -> browser.findElements(By.cssSelector("#routes tbody tr[data-route]")).isEmpty());
    assertThat(browser.findElement(By.id("latency-scope")).getText()).isEqualTo("all routes");
    assertThat(second.app.stopAndFlush()).isIn(0, 143); // before the folder is deleted
  }

  /** Canvas pixels of a chart in a series' stroke colour: axes and grid alone would not have it. */
  private long strokePixels(String chart, int red, int green, int blue) {
    String script =
        "var c = document.querySelector(arguments[0] + ' canvas');"
            + "if (!c) return -1;"
            + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
            + "for (var i = 0; i < d.length; i += 4) {"
            + "  if (Math.abs(d[i] - arguments[1]) < 40 && Math.abs(d[i+1] - arguments[2]) < 40"
            + "      && Math.abs(d[i+2] - arguments[3]) < 40 && d[i+3] > 200) n++; }"
            + "return n;";
    return (Long) ((JavascriptExecutor) browser).executeScript(script, chart, red, green, blue);
  }

  private void assertChartsDrawTheirSeries() {
    long throughput = strokePixels("#chart-throughput", 37, 99, 235);
    long p95 = strokePixels("#chart-latency", 217, 119, 6);
    long errors = strokePixels("#chart-errors", 220, 38, 38);
    assertThat(throughput).as("blue req/s line pixels").isGreaterThan(20);
    assertThat(p95).as("orange p95 line pixels").isGreaterThan(20);
    assertThat(errors).as("red errors/s line pixels").isGreaterThan(20);
  }

  /** The sample app's Caffeine cache, in the table caches.js fills from /api/caches. */
  private void assertCachesTableShowsTheSampleAppsCache() throws InterruptedException {
    waitUntil(() -> !browser.findElements(By.cssSelector("#caches tbody tr td.text")).isEmpty()
        && browser.findElement(By.cssSelector("#caches tbody tr td.text")).getText()
            .equals("CachedOwnerServlet.owners"));
    List<WebElement> cells = browser.findElements(By.cssSelector("#caches tbody tr:first-child td"));
    assertThat(cells).hasSize(6);
    assertThat(cells.get(2).getText()).as("hit %").matches("\\d{1,3}(\\.\\d)? %");
    assertThat(cells.get(5).getText()).as("hit % trend").isNotBlank();
  }

  private void assertRouteNameIsText() {
    WebElement cell =
        browser.findElement(By.cssSelector("#routes tbody tr[data-route=\"" + XSS_ID.replace("'", "\\'") + "\"] td.route"));
    assertThat(cell.getText()).isEqualTo(XSS_ID);
    assertThat(cell.getAttribute("innerHTML")).contains("&lt;script&gt;alert('xss')&lt;/script&gt;");
    JavascriptExecutor js = browser;
    // The page's own six (uPlot, app.js, alerts.js, history.js, caches.js, traces.js); an injected route name would add one.
    assertThat(js.executeScript("return document.querySelectorAll('script').length")).isEqualTo(6L);
  }

  private void screenshot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of(System.getProperty("screenshots.dir", "target/screenshots")));
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
