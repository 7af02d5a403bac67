package io.floatwatch.testkit.scenario;

import io.floatwatch.testkit.aws.SimulatedRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a scripted scenario: at {@code offset} simulated time after the start, apply
 * {@code action} to the region.
 *
 * @param description one line a person reads in the demo log, e.g. "route table A -> standby ENI"
 */
public record ScenarioStep(Duration offset, String description, Action action) {

    public ScenarioStep {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
        if (offset.isNegative()) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    /** A change to the simulated region; {@code at} is the simulated time the step plays at. */
    @FunctionalInterface
    public interface Action {
        void apply(SimulatedRegion region, Instant at);
    }

    public void apply(SimulatedRegion region, Instant start) {
        action.apply(region, start.plus(offset));
    }
}
