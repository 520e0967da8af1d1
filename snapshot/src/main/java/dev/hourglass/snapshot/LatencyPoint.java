package dev.hourglass.snapshot;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One latency series over one interval, plus its running totals since {@code
 * cumulativeStartEpochNanos}
 * for pull-based readers (Prometheus) and cumulative OTLP temporality.
 *
 * @param interval the values recorded in this interval, in microseconds. Owned by the snapshot:
 *     readers must not modify it.
 * @param cumulativeBucketCounts counts per {@link BucketBoundaries#SECONDS} bucket since start
 *     (one more than the number of boundaries, the last being the overflow bucket)
 */
public record LatencyPoint(
    InstrumentDescriptor instrument,
    List<String> attributeValues,
    Histogram interval,
    long cumulativeCount,
    double cumulativeSumSeconds,
    long[] cumulativeBucketCounts,
    long cumulativeStartEpochNanos) implements Point {}
