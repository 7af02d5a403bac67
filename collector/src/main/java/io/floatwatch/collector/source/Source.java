package io.floatwatch.collector.source;

import io.floatwatch.collector.aws.SourceException;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One AWS source: turns a scope (account, region) into observations. Fetching and mapping are
 * separate so that tests and benchmarks can feed recorded responses to {@link #map}.
 *
 * <p>A fetch that fails throws (a {@link SourceException} naming the operation); it never
 * returns an empty result in place of an error, because an empty result means "everything
 * was deleted" to the publisher.
 *
 * @param <R> the raw responses of one poll, e.g. all pages of DescribeRouteTables
 */
public interface Source<R> {

    /** Stable name used in poll markers, metrics and intervals, e.g. {@code ec2.route-tables}. */
    String name();

    R fetch(Scope scope);

    List<Observation> map(Scope scope, R responses, Instant observedAt);

    default List<Observation> poll(Scope scope, Instant observedAt) {
        return map(scope, fetch(scope), observedAt);
    }

    /**
     * Whether a poll publishes its observations (changes and tombstones) before its marker. False for a
     * source that only feeds another one, which alone publishes those resources: then a poll publishes
     * just its marker, counting what it saw (the route-table inventory feeds the fast route-table loop).
     */
    default boolean publishesObservations() {
        return true;
    }

    /**
     * How long after the start of this poll the next one starts, given the configured interval: a source
     * that knows where failovers are likely (the fast route-table loop) polls faster then.
     */
    default Duration nextInterval(Scope scope, Duration configured, Instant now) {
        return configured;
    }

    /**
     * The interval this source polls at in steady state, for floatwatch_poll_interval_seconds (a rule compares the
     * poll age with it): the configured one, or longer where one poll costs more calls than its EC2 share allows.
     */
    default Duration nominalInterval(Scope scope, Duration configured) {
        return configured;
    }

    /**
     * The collector is closing. A source whose polls are long (the route-table inventory: hundreds of
     * pages) ends a poll in flight at its next page by throwing {@link PollAbandoned}, and starts no
     * other; the others need not do anything, since the collector waits for their polls to finish.
     */
    default void stop() {
    }
}
