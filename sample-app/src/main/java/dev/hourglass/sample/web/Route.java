package dev.hourglass.sample.web;

/**
 * One documented endpoint: the HTTP method, an example request, the servlet mapping pattern that serves it
 * (the low-cardinality route an agent should report) and what it demonstrates.
 */
public record Route(String method, String example, String pattern, String description) {
}
