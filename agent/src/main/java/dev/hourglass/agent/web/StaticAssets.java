package dev.hourglass.agent.web;

import dev.hourglass.bootstrap.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard's files, read once from the agent's own resources (in the agent jar they sit under
 * {@code inst/}, where {@code AgentClassLoader.findResource} finds them) and kept in memory (about
 * 80 KB). Only the files listed here are served, so no request path reaches the class loader.
 */
final class StaticAssets {
  static final String ROOT = "dev/hourglass/agent/web/assets/";
  private static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/assets/app.js", "app.js",
          "/assets/caches.js", "caches.js",
          "/assets/alerts.js", "alerts.js",
          "/assets/history.js", "history.js",
          "/assets/traces.js", "traces.js",
          "/assets/app.css", "app.css",
          "/assets/uPlot.iife.min.js", "vendor/uPlot.iife.min.js",
          "/assets/uPlot.min.css", "vendor/uPlot.min.css");

  /** An asset's bytes and media type. */
  record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> assets = new HashMap<>();

  StaticAssets(ClassLoader loader) {
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      String resource = ROOT + file.getValue();
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          AgentLog.warn("dashboard asset missing from the agent jar: " + resource);
          continue;
        }
        assets.put(file.getKey(), new Asset(in.readAllBytes(), contentType(resource)));
      } catch (IOException e) {
        AgentLog.warn("cannot read dashboard asset " + resource + ": " + AgentLog.describe(e));
      }
    }
  }

  /** The asset served at {@code path}, or null. */
  Asset get(String path) {
    return assets.get(path.equals("/index.html") ? "/" : path);
  }

  private static String contentType(String resource) {
    if (resource.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (resource.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return "text/css; charset=utf-8";
  }
}
