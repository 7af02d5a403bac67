package io.floatwatch.app.probe;

import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.ProbeObservation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe loop: every interval, one handshake to each target at once (so a target that hangs delays no other),
 * then the records the trackers want published. A target that disappears (its file system or SVM gone) is
 * tombstoned, so the analyzer does not take it for a silent probe.
 */
public final class ProbeRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);
    /** Handshakes in flight at once: enough for a client of a few file systems, bounded for one with many. */
    private static final int PARALLEL = 16;

    private final String client;
    private final Supplier<List<ProbeTargetSource.Located>> targets;
    private final ObservationSink sink;
    private final TargetRedirect redirect;
    private final TcpProbe probe;
    private final Duration interval;
    private final Duration heartbeat;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, ProbeTracker> trackers = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService handshakes;
    private final AtomicReference<Instant> lastRound = new AtomicReference<>();
    private final Map<io.floatwatch.model.observation.ProbeOutcome, Counter> handshakesByOutcome =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter publishErrors;

    public ProbeRunner(String client, Supplier<List<ProbeTargetSource.Located>> targets, ObservationSink sink,
            TargetRedirect redirect, Duration interval, Duration timeout, Duration heartbeat, Clock clock,
            MeterRegistry registry) {
        this.client = client;
        this.targets = targets;
        this.sink = sink;
        this.redirect = redirect;
        this.probe = new TcpProbe(timeout);
        this.interval = interval;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.registry = registry;
        this.publishErrors = Counter.builder("floatwatch.probe.publish.errors")
                .description("Probe records Kafka did not take; the next heartbeat repeats the state").register(registry);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "floatwatch-probe"));
        this.handshakes = Executors.newFixedThreadPool(PARALLEL, r -> daemon(r, "floatwatch-probe-handshake"));
        if (redirect.active()) {
            LOG.warn("probe targets are redirected to loopback listeners (a test harness); unmapped endpoints are not probed");
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public ProbeRunner start() {
        scheduler.scheduleWithFixedDelay(this::roundSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warn("probe round failed: {}", e.toString());
        }
    }

    /** One round: visible for tests that drive the loop themselves. */
    void round() {
        List<ProbeTargetSource.Located> now = targets.get();
        Map<String, Future<TcpProbe.Result>> running = new HashMap<>();
        Map<String, ProbeTargetSource.Located> byKey = new HashMap<>();
        for (ProbeTargetSource.Located l : now) {
            InetSocketAddress destination = redirect.destination(l.target().ip(), l.target().port());
            if (destination == null) {
                continue;
            }
            String key = key(l);
            byKey.put(key, l);
            running.put(key, handshakes.submit(() -> probe.probe(destination)));
        }
        List<ProbeObservation> publish = new ArrayList<>();
        for (Map.Entry<String, Future<TcpProbe.Result>> e : running.entrySet()) {
            TcpProbe.Result result;
            try {
                result = e.getValue().get();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException ee) {
                LOG.warn("handshake failed unexpectedly: {}", ee.getCause().toString());
                continue;
            }
            Instant at = clock.instant();
            ProbeTargetSource.Located l = byKey.get(e.getKey());
            handshakesByOutcome.computeIfAbsent(result.outcome(), o -> Counter.builder("floatwatch.probe.handshakes")
                    .description("TCP handshakes of this probe, by outcome").tag("outcome", o.label()).register(registry))
                    .increment();
            trackers.computeIfAbsent(e.getKey(), k -> new ProbeTracker(l.scope(), client, l.target().fileSystemId(),
                    l.target().ip(), l.target().port(), l.target().endpointKind(), heartbeat))
                    .record(result, at).ifPresent(publish::add);
        }
        for (ProbeObservation o : publish) {
            // A record lost while Kafka is away is repaired by the next heartbeat: every record carries the whole
            // state (outcome, since, outage start), not a delta.
            sink.send(o.key(), o, o.observedAt()).whenComplete((ok, error) -> {
                if (error != null) {
                    publishErrors.increment();
                }
            });
        }
        for (String gone : Set.copyOf(trackers.keySet())) {
            if (!byKey.containsKey(gone)) {
                trackers.remove(gone);
                sink.send(ResourceKey.parse(gone), null, clock.instant());
            }
        }
        lastRound.set(clock.instant());
    }

    private String key(ProbeTargetSource.Located l) {
        Scope s = l.scope();
        return new ResourceKey(s, ProbeObservation.resourceId(client, l.target().fileSystemId(), l.target().ip(),
                l.target().port())).value();
    }

    /** Null while rounds happen; else why the probe is not alive (no round for three intervals). */
    public String liveProblem() {
        Instant last = lastRound.get();
        Instant now = clock.instant();
        if (last == null || !last.plus(interval.multipliedBy(3).plusSeconds(10)).isBefore(now)) {
            return null;
        }
        return "no probe round since " + last;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        handshakes.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
