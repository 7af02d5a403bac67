package io.floatwatch.app.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

    /** The series every check is exported as, 1 passing and 0 failing, so rules see what the probes see. */
    public static final String METRIC = "floatwatch.health.check.ok";

    private final List<HealthCheck> liveness = new CopyOnWriteArrayList<>();
    private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry registry;

    public Health addLiveness(HealthCheck check) {
        liveness.add(check);
        export("live", check);
        return this;
    }

    public Health addReadiness(HealthCheck check) {
        readiness.add(check);
        export("ready", check);
        return this;
    }

    public Health addAll(Health other) {
        other.liveness.forEach(this::addLiveness);
        other.readiness.forEach(this::addReadiness);
        return this;
    }

    /**
     * Exports every check, present and added later, as {@code floatwatch_health_check_ok{probe,check}},
     * run at scrape time like the probes run them.
     */
    public Health exportTo(MeterRegistry target) {
        this.registry = target;
        liveness.forEach(c -> export("live", c));
        readiness.forEach(c -> export("ready", c));
        return this;
    }

    private void export(String probe, HealthCheck check) {
        MeterRegistry r = registry;
        if (r != null) {
            Gauge.builder(METRIC, check, c -> c.run().ok() ? 1 : 0)
                    .description("1 when the probe check passes, 0 when it fails (/healthz: probe live, /readyz: probe ready)")
                    .tag("probe", probe).tag("check", check.name()).strongReference(true).register(r);
        }
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
