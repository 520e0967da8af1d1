package dev.hourglass.agent.web.state;

/**
 * One server route, {@code method + " " + route}: the {@code http.server.request.duration} series
 * of that method and route merged over status codes and error types.
 */
public record RouteRow(String id, String method, String route, LatencyStats interval, TotalStats total) {
  public static String id(String method, String route) {
    return method + " " + route;
  }
}
