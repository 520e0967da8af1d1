package dev.hourglass.it.web;

import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.Ports;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on a free loopback port, scraping one
 * target every second into a throwaway directory. Closing stops it and deletes its data.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final Path directory;
  final String url;

  private PrometheusServer(Process process, Path directory, String url) {
    this.process = process;
    this.directory = directory;
    this.url = url;
  }

  static PrometheusServer scraping(String target) throws Exception {
    Path directory = Files.createTempDirectory("hourglass-prometheus");
    Files.writeString(
        directory.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "scrape_configs:",
            "  - job_name: hourglass",
            "    static_configs:",
            "      - targets: ['" + target + "']",
            ""));
    int port = Ports.free();
    Process process =
        new ProcessBuilder(
                "/usr/bin/prometheus",
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, directory, "http://127.0.0.1:" + port);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Http.get(url + "/-/ready").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // connection refused while it starts
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus not ready: " + Files.readString(directory.resolve("prometheus.log")));
  }

  /** The samples of an instant query: each sample's labels and value. */
  List<Map<String, Object>> query(String promql) {
    Http.Response response =
        Http.get(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    Map<String, Object> json = Json.object(response.body());
    if (!"success".equals(json.get("status"))) {
      throw new AssertionError(promql + " failed: " + response.body());
    }
    return DashboardApp.list(DashboardApp.map(json, "data"), "result");
  }

  /** Every metric name Prometheus stored for the selector, including series gone stale since. */
  @SuppressWarnings("unchecked")
  List<String> metricNames(String selector) {
    Http.Response response =
        Http.get(
            url
                + "/api/v1/label/__name__/values?match[]="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    return (List<String>) Json.object(response.body()).get("data");
  }

  /** The single value of a query, or null when it has no sample. */
  Double value(String promql) {
    List<Map<String, Object>> result = query(promql);
    if (result.isEmpty()) {
      return null;
    }
    assertSingle(promql, result);
    List<?> sample = (List<?>) result.get(0).get("value");
    return Double.parseDouble((String) sample.get(1));
  }

  private static void assertSingle(String promql, List<Map<String, Object>> result) {
    if (result.size() != 1) {
      throw new AssertionError(promql + " returned " + result.size() + " samples: " + result);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
