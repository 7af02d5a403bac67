package io.floatwatch.app.health;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One named probe check. The supplier answers null when the check passes and, when it fails, why,
 * in words an operator can act on ("stream thread StreamThread-1 is DEAD", "Kafka at broker:9092
 * unreachable for 42 s: ..."), because that sentence is what /healthz and /readyz print.
 *
 * @param name    dotted, role first: {@code analyzer.streams}, {@code alerter.consume-loop}, {@code kafka}
 * @param problem null when healthy, else the reason
 */
public record HealthCheck(String name, Supplier<String> problem) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(problem, "problem");
    }

    /** Runs the check; a check that throws has failed, with the exception as its reason. */
    public Result run() {
        try {
            String why = problem.get();
            return new Result(name, why == null, why);
        } catch (RuntimeException e) {
            return new Result(name, false, "check threw " + e);
        }
    }

    /** @param detail null when ok */
    public record Result(String name, boolean ok, String detail) {
    }
}
