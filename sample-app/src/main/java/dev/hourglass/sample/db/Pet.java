package dev.hourglass.sample.db;

/** A row of {@code pets}, without its owner id: it is always read in the context of its owner. */
public record Pet(long id, String name) {
}
