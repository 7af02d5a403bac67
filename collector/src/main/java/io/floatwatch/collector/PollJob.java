package io.floatwatch.collector;

import io.floatwatch.collector.aws.SourceException;

import io.floatwatch.collector.publish.ObservationPublisher;
import io.floatwatch.collector.publish.PublishException;
import io.floatwatch.collector.source.PollAbandoned;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one (scope, source): fetch, map, publish. Never throws: a failure becomes a
 * failed marker, a counter increment and one log line, so other sources and scopes go on. A poll
 * abandoned because the collector is closing ({@link PollAbandoned}) publishes nothing.
 *
 * <p>A poll still in flight at its deadline ({@link #overdue}, called by the collector's timer, not
 * the polling thread) is a failed poll at that moment: its failed marker goes out then, so a region
 * whose calls hang is stale within its deadline, not once the SDK gives up on the call. Whatever
 * the poll returns afterwards is dropped; the next poll reads afresh.
 *
 * <p>Staleness is a gauge, {@code floatwatch.poll.age.seconds{account,region,source}}: the time
 * since the last successful poll (since start, before the first), so a scope that keeps failing
 * or hangs shows a growing age, never a healthy one.
 */
final class PollJob {

    static final String POLL_ERRORS = "floatwatch.poll.errors";
    public static final String POLL_AGE = "floatwatch.poll.age.seconds";
    private static final Logger LOG = LoggerFactory.getLogger(PollJob.class);

    private final Scope scope;
    private final Source<?> source;
    private final ObservationPublisher publisher;
    private final Clock clock;
    private final Counter errors;
    private final Sightings sightings;
    private volatile Instant lastSuccess;
    /**
     * Whether this replica polls the scope now. Always true but in group mode (io.floatwatch.collector.group), where
     * a scope another replica owns has no age here (NaN, which no staleness rule matches) rather than a growing one.
     */
    private volatile boolean owned = true;
    /** Whether the last poll was blocked by another source's failure (see {@link SourceException#blocked}). */
    private volatile boolean blocked;
    /** The poll in flight, null between polls; whoever settles it first (the poll or its deadline) reports it. */
    private final AtomicReference<InFlight> inFlight = new AtomicReference<>();

    private static final class InFlight {
        final Instant observedAt;
        final long startedNanos;
        final AtomicBoolean settled = new AtomicBoolean();

        InFlight(Instant observedAt, long startedNanos) {
            this.observedAt = observedAt;
            this.startedNanos = startedNanos;
        }

        boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    PollJob(Scope scope, Source<?> source, ObservationPublisher publisher, Clock clock, MeterRegistry registry, Sightings sightings) {
        this.scope = scope;
        this.source = source;
        this.publisher = publisher;
        this.clock = clock;
        this.sightings = sightings;
        this.lastSuccess = clock.instant();
        Gauge.builder(POLL_AGE, this, job -> job.owned ? Duration.between(job.lastSuccess, job.clock.instant()).toMillis() / 1000.0 : Double.NaN)
                .tag("account", scope.account()).tag("region", scope.region()).tag("source", source.name())
                .description("Seconds since the last successful poll of this scope and source (since start before the first)")
                .strongReference(true)
                .register(registry);
        // At 0 from the start, per scope, so increase() sees a scope's first failed poll.
        this.errors = Counter.builder(POLL_ERRORS).tag("source", source.name())
                .tag("account", scope.account()).tag("region", scope.region())
                .description("Polls that failed (AWS error, throttled beyond retries, unreadable answer, or Kafka unavailable)")
                .register(registry);
    }

    Scope scope() {
        return scope;
    }

    Source<?> source() {
        return source;
    }

    /** This replica gained the scope: its age counts from now, as at a start. */
    void gained() {
        lastSuccess = clock.instant();
        owned = true;
    }

    /** Another replica polls the scope from now on. */
    void lost() {
        owned = false;
    }

    /** Whether the last poll could not run because a source it reads from had no successful poll. */
    boolean blocked() {
        return blocked;
    }

    /** Synchronized so that a test's pollOnce and the scheduler never run the same job at once. */
    synchronized PollResult run() {
        Instant observedAt = clock.instant();
        long started = System.nanoTime();
        InFlight poll = new InFlight(observedAt, started);
        inFlight.set(poll);
        try {
            return poll(poll, observedAt, started);
        } finally {
            inFlight.compareAndSet(poll, null);
        }
    }

    /**
     * The poll in flight has run past its deadline: report it failed now, unless it just finished.
     * Never blocks on the poll (it may hang for as long as the SDK's call timeout).
     */
    void overdue(Duration deadline) {
        InFlight poll = inFlight.get();
        if (poll == null || !poll.settle()) {
            return;
        }
        String reason = "deadline: poll still running after " + deadline.toMillis() + " ms";
        errors.increment();
        sightings.failed(scope, source.name());
        LOG.warn("poll failed: source={} operation=deadline scope={} reason={}", source.name(), scope, reason);
        try {
            publisher.publishFailure(scope, source.name(), poll.observedAt, since(poll.startedNanos), reason);
        } catch (PublishException pe) {
            LOG.warn("poll marker not published: source={} scope={} reason={}", source.name(), scope, pe.getMessage());
        }
    }

    private PollResult poll(InFlight poll, Instant observedAt, long started) {
        List<Observation> observations;
        try {
            observations = source.poll(scope, observedAt);
            if (!poll.settle()) {
                return late();
            }
        } catch (PollAbandoned e) {
            LOG.info("poll abandoned: source={} scope={} reason={}", source.name(), scope, e.getMessage());
            return new PollResult(scope, source.name(), false, 0, 0, "abandoned: " + e.getMessage());
        } catch (RuntimeException e) {
            if (!poll.settle()) {
                return late();
            }
            String operation = e instanceof SourceException se ? se.operation() : "map";
            String reason = e instanceof SourceException se ? se.reason() : e.toString();
            String outcome = e instanceof SourceException se ? se.outcome() : PollCompleted.FAILED;
            blocked = PollCompleted.BLOCKED.equals(outcome);
            if (!PollCompleted.BLOCKED.equals(outcome)) {
                // A blocked poll is not an error of its own: the source it waits for counted (and logged) its failure.
                errors.increment();
            }
            sightings.failed(scope, source.name());
            LOG.warn("poll {}: source={} operation={} scope={} reason={}", PollCompleted.BLOCKED.equals(outcome) ? "blocked" : "failed",
                    source.name(), operation, scope, reason);
            try {
                publisher.publishFailure(scope, source.name(), observedAt, since(started), operation + ": " + reason, outcome);
            } catch (PublishException pe) {
                LOG.warn("poll marker not published: source={} scope={} reason={}", source.name(), scope, pe.getMessage());
            }
            return new PollResult(scope, source.name(), false, 0, 0, operation + ": " + reason);
        }
        blocked = false;
        try {
            int published;
            if (source.publishesObservations()) {
                published = publisher.publishPoll(scope, source.name(), observations, observedAt, since(started));
                sightings.record(scope, source.name(), observations);
            } else {
                publisher.publishMarker(scope, source.name(), observations.size(), observedAt, since(started));
                published = 0;
                sightings.record(scope, source.name(), List.of());
            }
            lastSuccess = observedAt;
            return new PollResult(scope, source.name(), true, observations.size(), published, null);
        } catch (PublishException e) {
            errors.increment();
            LOG.warn("poll failed: source={} operation=publish scope={} reason={}", source.name(), scope, e.getMessage());
            return new PollResult(scope, source.name(), false, observations.size(), 0, "publish: " + e.getMessage());
        }
    }

    /** The deadline reported this poll failed already: what it read is too old to publish as this poll's. */
    private PollResult late() {
        LOG.info("poll ended after its deadline; its result is dropped: source={} scope={}", source.name(), scope);
        return new PollResult(scope, source.name(), false, 0, 0, "deadline");
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
