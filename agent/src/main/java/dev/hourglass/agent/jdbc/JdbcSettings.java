package dev.hourglass.agent.jdbc;

/**
 * The database family's settings, read once from the configuration at start-up.
 *
 * @param summaryOnly export {@code db.query.summary} instead of the sanitized text
 * @param maxSqlLength SQL characters sanitized; longer texts are cut and never cached
 * @param cacheSize sanitized shapes cached per SQL text
 * @param slowThresholdNanos executions at least this long are slow
 * @param nPlusOneThreshold executions of one SELECT shape in one request that make an N+1 finding
 * @param leakDetection whether borrows are tracked
 * @param leakThresholdNanos how long a borrowed connection may stay open before it is reported
 * @param leakFramesAlways every borrow keeps its frames, not only those of a pool that has leaked
 * @param keepFindings slow queries, N+1 patterns and leaks kept for the local endpoints
 * @param logIntervalNanos a slow shape or N+1 pattern is logged at most once per this interval
 */
public record JdbcSettings(
    boolean summaryOnly,
    int maxSqlLength,
    int cacheSize,
    long slowThresholdNanos,
    int nPlusOneThreshold,
    boolean leakDetection,
    long leakThresholdNanos,
    boolean leakFramesAlways,
    int keepFindings,
    long logIntervalNanos) {}
