package dev.hourglass.it.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The files under {@code deploy/}, as the tests read them. */
final class DeployAssets {
  private DeployAssets() {}

  static Path dir() {
    return Path.of(System.getProperty("deploy.dir", "../deploy"));
  }

  static String alertRulesText() throws IOException {
    return Files.readString(dir().resolve("prometheus/alert-rules.yml"));
  }

  /** Every {@code expr} of every panel of the Grafana dashboard (which must parse as JSON). */
  @SuppressWarnings("unchecked")
  static List<String> grafanaExpressions() throws IOException {
    Map<String, Object> dashboard =
        Json.object(Files.readString(dir().resolve("grafana/hourglass-dashboard.json")));
    List<String> expressions = new ArrayList<>();
    for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
      Object targets = panel.get("targets");
      if (targets != null) {
        for (Map<String, Object> target : (List<Map<String, Object>>) targets) {
          expressions.add((String) target.get("expr"));
        }
      }
    }
    return expressions;
  }
}
