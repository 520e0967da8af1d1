package dev.hourglass.sample.db;

/** A row of {@code owners}. */
public record Owner(long id, String name, String city) {
}
