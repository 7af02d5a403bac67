package io.floatwatch.analyzer.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the failover rules.
 *
 * @param stallDeadline how long, in event time, route tables may stay behind after a failover or
 *                      failback started before the move counts as stalled. The default is 15 minutes
 *                      because FSx took about 10 minutes to flip both tables in the observed OpenZFS
 *                      failover: a healthy flip fits, a stuck one pages within one more poll or two.
 */
public record FailoverPolicy(Duration stallDeadline) {

    public static final Duration DEFAULT_STALL_DEADLINE = Duration.ofMinutes(15);

    public FailoverPolicy {
        Objects.requireNonNull(stallDeadline, "stallDeadline");
        if (stallDeadline.isNegative() || stallDeadline.isZero()) {
            throw new IllegalArgumentException("stallDeadline must be positive, got " + stallDeadline);
        }
    }

    public static FailoverPolicy defaults() {
        return new FailoverPolicy(DEFAULT_STALL_DEADLINE);
    }
}
