package io.floatwatch.app.probe;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.ProbeObservation;
import io.floatwatch.model.observation.ProbeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The memory of one probed address and port: turns each handshake result into the record to publish, if any.
 * A changed outcome is published at once; an unchanged one once per heartbeat. A failed streak starts at its first
 * failed probe (whatever kind of failure follows), and the first success after it carries that start, so one
 * record says how long the client was cut off even if the records in between were lost.
 */
final class ProbeTracker {

    private final Scope scope;
    private final String client;
    private final String fileSystemId;
    private final String ip;
    private final int port;
    private final String endpointKind;
    private final Duration heartbeat;

    private ProbeOutcome outcome;
    private Instant since;
    private Instant failingSince;
    private Instant lastOutageStart;
    private Instant lastPublished;

    ProbeTracker(Scope scope, String client, String fileSystemId, String ip, int port, String endpointKind,
            Duration heartbeat) {
        this.scope = scope;
        this.client = client;
        this.fileSystemId = fileSystemId;
        this.ip = ip;
        this.port = port;
        this.endpointKind = endpointKind;
        this.heartbeat = heartbeat;
    }

    /** The record to publish after a handshake that ended in {@code result} at {@code at}, or empty. */
    Optional<ProbeObservation> record(TcpProbe.Result result, Instant at) {
        boolean changed = result.outcome() != outcome;
        if (changed) {
            if (result.outcome().connected()) {
                lastOutageStart = failingSince;
                failingSince = null;
            } else if (failingSince == null) {
                failingSince = at;
            }
            outcome = result.outcome();
            since = at;
        }
        if (!changed && lastPublished != null && at.isBefore(lastPublished.plus(heartbeat))) {
            return Optional.empty();
        }
        lastPublished = at;
        return Optional.of(new ProbeObservation(scope, at, client, fileSystemId, ip, port, endpointKind, outcome,
                result.latencyMillis(), since, outcome.connected() ? lastOutageStart : failingSince,
                (int) Math.max(1, heartbeat.toSeconds())));
    }
}
