package io.floatwatch.analyzer.core.sources;

import java.time.Duration;
import java.time.Instant;

/**
 * How often one source reports, learned from its poll markers: sources poll from every 30 seconds
 * (route tables) to every 15 minutes (CloudWatch), and a compressed-time replay stretches them
 * further, so one fixed threshold would call slow sources silent.
 *
 * @param lastAt      event time of the latest marker seen
 * @param interval    the gap between the last two markers; null after the first one
 * @param completedAt event time at which this source's view of the scope was first complete (its first
 *                    successful poll; for the route-table inventory, the route-table poll that published it).
 *                    Pieces of judgement that need the source wait for it ({@link StartGate}); null until then,
 *                    and in a state written before it existed (the next successful marker sets it)
 * @param lastOkAt    event time of the latest successful marker; null before the first
 */
public record SourceCadence(Instant lastAt, Duration interval, Instant completedAt, Instant lastOkAt) {

    /** A cadence as states written before the start gate hold it. */
    public SourceCadence(Instant lastAt, Duration interval) {
        this(lastAt, interval, null, null);
    }
}
