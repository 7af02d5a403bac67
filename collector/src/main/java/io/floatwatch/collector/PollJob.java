package io.floatwatch.collector;

import io.floatwatch.collector.publish.ObservationPublisher;
import io.floatwatch.collector.publish.PublishException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one (scope, source): fetch, map, publish. Never throws: a failure becomes a
 * failed marker, a counter increment and one log line, so other sources and scopes go on. A poll
 * abandoned because the collector is closing ({@link PollAbandoned}) publishes nothing.
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
    /** Whether the last poll was blocked by another source's failure (see {@link SourceException#blocked}). */
    private volatile boolean blocked;

    PollJob(Scope scope, Source<?> source, ObservationPublisher publisher, Clock clock, MeterRegistry registry, Sightings sightings) {
        this.scope = scope;
        this.source = source;
        this.publisher = publisher;
        this.clock = clock;
        this.sightings = sightings;
        this.lastSuccess = clock.instant();
        Gauge.builder(POLL_AGE, this, job -> Duration.between(job.lastSuccess, job.clock.instant()).toMillis() / 1000.0)
                .tag("account", scope.account()).tag("region", scope.region()).tag("source", source.name())
                .description("Seconds since the last successful poll of this scope and source (since start before the first)")
                .strongReference(true)
                .register(registry);
        this.errors = Counter.builder(POLL_ERRORS).tag("source", source.name())
                .description("Polls that failed (AWS error, throttled beyond retries, unreadable answer, or Kafka unavailable)")
                .register(registry);
    }

    Scope scope() {
        return scope;
    }

    Source<?> source() {
        return source;
    }

    /** Whether the last poll could not run because a source it reads from had no successful poll. */
    boolean blocked() {
        return blocked;
    }

    /** Synchronized so that a test's pollOnce and the scheduler never run the same job at once. */
    synchronized PollResult run() {
        Instant observedAt = clock.instant();
        long started = System.nanoTime();
        List<Observation> observations;
        try {
            observations = source.poll(scope, observedAt);
        } catch (PollAbandoned e) {
            LOG.info("poll abandoned: source={} scope={} reason={}", source.name(), scope, e.getMessage());
            return new PollResult(scope, source.name(), false, 0, 0, "abandoned: " + e.getMessage());
        } catch (RuntimeException e) {
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

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
