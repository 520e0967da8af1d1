package dev.hourglass.benchmarks.startup;

/**
 * One JVM's start-up: from spawning the process to the first 200 answer of the probe request.
 *
 * @param configuration the configuration's key
 * @param round the interleaved round it ran in
 * @param wallMs milliseconds from spawning to the first 200
 * @param cpuMs user + system CPU of the whole JVM by then
 * @param loadedClasses classes loaded by then
 * @param rssKb resident memory by then
 * @param metaspaceKb metaspace used, read after a full GC once the figures above are taken
 */
record StartupRun(
    String configuration,
    int round,
    long wallMs,
    long cpuMs,
    long loadedClasses,
    long rssKb,
    long metaspaceKb) {}
