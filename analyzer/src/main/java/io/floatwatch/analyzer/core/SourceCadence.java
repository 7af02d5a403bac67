package io.floatwatch.analyzer.core;

import java.time.Duration;
import java.time.Instant;

/**
 * How often one source reports, learned from its poll markers: sources poll from every 30 seconds
 * (route tables) to every 15 minutes (CloudWatch), and a compressed-time replay stretches them
 * further, so one fixed threshold would call slow sources silent.
 *
 * @param lastAt   event time of the latest marker seen
 * @param interval the gap between the last two markers; null after the first one
 */
public record SourceCadence(Instant lastAt, Duration interval) {
}
