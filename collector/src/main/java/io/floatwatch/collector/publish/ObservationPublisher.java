package io.floatwatch.collector.publish;

import io.floatwatch.model.observation.SameContent;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes what changed since the last successful publish of a (scope, source): changed
 * resources, a tombstone per resource that disappeared, then one {@link PollCompleted} marker.
 *
 * <p>"Changed" ignores {@code observedAt} ({@link SameContent}), so an unchanged region costs one
 * marker per poll.
 * The last-published state advances per record only once Kafka acknowledged it, so a failed
 * send is retried by the next poll. The state lives in memory: after a restart everything is
 * published once more, which compaction absorbs.
 */
public final class ObservationPublisher {

    private final ObservationSink sink;
    private final Duration sendTimeout;
    /** (scope, source) -> resource key -> the observation last published (its observedAt is not compared). */
    private final Map<String, Map<ResourceKey, Observation>> published = new ConcurrentHashMap<>();
    /**
     * (scope, source) taken over from another replica -> the source whose first ok poll releases its tombstones
     * ({@link #takeOver}); until then a resource the previous owner published and this one has not seen is kept.
     */
    private final Map<String, String> heldTombstones = new ConcurrentHashMap<>();

    public ObservationPublisher(ObservationSink sink, Duration sendTimeout) {
        this.sink = sink;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Publishes a successful poll and its ok marker; returns the number of resource records
     * (changes and tombstones) sent. Throws {@link PublishException} when a send failed.
     */
    public int publishPoll(Scope scope, String source, List<Observation> observations, Instant observedAt, Duration took) {
        // Sized for the poll up front: a restarted collector or an inventory sends every resource of
        // a region (tens of thousands), and growing these maps step by step took ~7 % of its CPU.
        Map<ResourceKey, Observation> last = published.computeIfAbsent(scope.id() + "|" + source,
                k -> new ConcurrentHashMap<>(observations.size()));
        Map<ResourceKey, Observation> current = new LinkedHashMap<>(capacity(observations.size()));
        for (Observation o : observations) {
            current.put(o.key(), o);
        }
        Map<ResourceKey, Pending> sends = new LinkedHashMap<>(capacity(current.size()));
        current.forEach((key, observation) -> {
            Observation before = last.get(key);
            if (!SameContent.of(observation, before)) {
                sends.put(key, new Pending(observation, sink.send(key, observation, observedAt)));
            }
        });
        boolean held = heldTombstones.containsKey(scope.id() + "|" + source);
        for (ResourceKey gone : new ArrayList<>(last.keySet())) {
            if (!held && !current.containsKey(gone)) {
                sends.put(gone, new Pending(null, sink.send(gone, null, observedAt)));
            }
        }
        PollCompleted marker = new PollCompleted(scope, observedAt, source, PollCompleted.OK, current.size(), took.toMillis(), null);
        CompletableFuture<Void> markerSent = sink.send(marker.key(), marker, observedAt);

        Throwable firstError = null;
        for (Map.Entry<ResourceKey, Pending> send : sends.entrySet()) {
            Throwable error = await(send.getValue().sent());
            if (error == null) {
                Observation content = send.getValue().content();
                if (content == null) {
                    last.remove(send.getKey());
                } else {
                    last.put(send.getKey(), content);
                }
            } else if (firstError == null) {
                firstError = error;
            }
        }
        Throwable markerError = await(markerSent);
        if (firstError == null) {
            firstError = markerError;
        }
        if (firstError != null) {
            throw new PublishException("could not publish " + source + " for " + scope + ": " + firstError, firstError);
        }
        released(scope, source);
        return sends.size();
    }

    /**
     * Starts a (scope, source) from what its previous owner published (group mode: read back from the compacted topic),
     * so the first poll here publishes only real changes. With {@code tombstonesWaitFor}, resources of that state this
     * replica has not listed yet get no tombstone until that source's first ok poll here (the route-table inventory).
     */
    public void takeOver(Scope scope, String source, List<Observation> lastPublished, String tombstonesWaitFor) {
        Map<ResourceKey, Observation> last = new ConcurrentHashMap<>(capacity(lastPublished.size()));
        lastPublished.forEach(o -> last.put(o.key(), o));
        published.put(scope.id() + "|" + source, last);
        if (tombstonesWaitFor == null) {
            heldTombstones.remove(scope.id() + "|" + source);
        } else {
            heldTombstones.put(scope.id() + "|" + source, tombstonesWaitFor);
        }
    }

    /** Drops what is known of a scope another replica now polls; a later takeover starts from the topic again. */
    public void forget(Scope scope) {
        String prefix = scope.id() + "|";
        published.keySet().removeIf(k -> k.startsWith(prefix));
        heldTombstones.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** An ok poll of {@code source}: the tombstones that waited for it may go out from the next poll on. */
    private void released(Scope scope, String source) {
        if (!heldTombstones.isEmpty()) {
            String prefix = scope.id() + "|";
            heldTombstones.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().equals(source));
        }
    }

    /** A record on its way: the observation sent (null for a tombstone) and Kafka's acknowledgement. */
    private record Pending(Observation content, CompletableFuture<Void> sent) {
    }

    /** A hash map capacity that holds {@code entries} without growing. */
    private static int capacity(int entries) {
        return entries + entries / 3 + 1;
    }

    /**
     * Publishes an ok marker only, for a source whose resources another source publishes (see
     * {@code Source.publishesObservations}); nothing is diffed or tombstoned.
     */
    public void publishMarker(Scope scope, String source, int resourceCount, Instant observedAt, Duration took) {
        PollCompleted marker = new PollCompleted(scope, observedAt, source, PollCompleted.OK, resourceCount, took.toMillis(), null);
        Throwable error = await(sink.send(marker.key(), marker, observedAt));
        if (error != null) {
            throw new PublishException("could not publish the marker of " + source + " for " + scope + ": " + error, error);
        }
        released(scope, source);
    }

    /** Publishes a failed marker only: a failed poll says nothing about which resources exist. */
    public void publishFailure(Scope scope, String source, Instant observedAt, Duration took, String reason) {
        publishFailure(scope, source, observedAt, took, reason, PollCompleted.FAILED);
    }

    /** As above, with the marker's outcome: {@link PollCompleted#FAILED}, {@link PollCompleted#NO_ACCESS} or {@link PollCompleted#BLOCKED}. */
    public void publishFailure(Scope scope, String source, Instant observedAt, Duration took, String reason, String outcome) {
        PollCompleted marker = new PollCompleted(scope, observedAt, source, outcome, 0, took.toMillis(), reason);
        Throwable error = await(sink.send(marker.key(), marker, observedAt));
        if (error != null) {
            throw new PublishException("could not publish the failed marker of " + source + " for " + scope + ": " + error, error);
        }
    }

    private Throwable await(CompletableFuture<Void> future) {
        try {
            future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
