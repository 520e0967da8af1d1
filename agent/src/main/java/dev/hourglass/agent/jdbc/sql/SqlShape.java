package dev.hourglass.agent.jdbc.sql;

/**
 * What the agent keeps of one SQL text: its sanitized form, with every literal replaced by {@code
 * ?}, the operation and the main table. Immutable.
 *
 * @param text the sanitized, whitespace-normalized statement; never contains a literal
 * @param operation the upper-case operation ({@code SELECT}, {@code INSERT}, {@code CREATE
 *     USER}...), or {@code ""} when none could be found
 * @param table the main table (or procedure for calls) without quotes, or {@code ""}
 * @param masked true when the whole statement was masked because it can carry a secret unquoted
 * @param truncated true when the input was longer than the sanitizer's limit and only its start
 *     was kept
 */
public record SqlShape(
    String text, String operation, String table, boolean masked, boolean truncated) {

  /** A short, low-cardinality summary such as {@code SELECT owners}. */
  public String summary() {
    return table.isEmpty() ? operation : operation + " " + table;
  }
}
