package io.floatwatch.app.health;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The checks behind {@code /healthz} and {@code /readyz} for every role in this process.
 *
 * <p>Liveness holds only what a restart fixes and the process cannot fix by itself: a consume loop
 * that stopped, Kafka Streams in ERROR or without a live stream thread, a dead poll scheduler.
 * Kafka being unreachable is not among them: every client reconnects by itself, and restarting
 * every pod during a broker outage would only add restores to the outage. Readiness is liveness
 * plus what the role needs right now: Kafka reachable, state restored, the alerter's rebuild done.
 */
public final class Health {

    private final List<HealthCheck> liveness = new CopyOnWriteArrayList<>();
    private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();

    public Health addLiveness(HealthCheck check) {
        liveness.add(check);
        return this;
    }

    public Health addReadiness(HealthCheck check) {
        readiness.add(check);
        return this;
    }

    public Health addAll(Health other) {
        liveness.addAll(other.liveness);
        readiness.addAll(other.readiness);
        return this;
    }

    public void remove(Health other) {
        liveness.removeAll(other.liveness);
        readiness.removeAll(other.readiness);
    }

    /** For /healthz. */
    public HealthReport live() {
        return HealthReport.of(run(liveness));
    }

    /** For /readyz: a role that is not alive is not ready either. */
    public HealthReport ready() {
        List<HealthCheck.Result> results = run(liveness);
        results.addAll(run(readiness));
        return HealthReport.of(results);
    }

    private static List<HealthCheck.Result> run(List<HealthCheck> checks) {
        List<HealthCheck.Result> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            results.add(check.run());
        }
        return results;
    }
}
