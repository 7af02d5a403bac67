package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Duration;
import java.time.Instant;

/**
 * What a probe running beside a declared client felt: a TCP handshake from the client's host to one
 * endpoint address and port of a file system. Published when the outcome changes and as a heartbeat, so a
 * probe that went silent is visible as stale, never as healthy.
 *
 * <p>The scope is the file system's account and region (not the probe host's), so the record lands on the
 * partition and in the model of the file system whose paths it confirms or contradicts. Time is the probe
 * host's clock: {@code observedAt} is when this record was published, {@code since} when the current outcome
 * was first seen.
 *
 * @param client           the declared client (config {@code clients[].name}) the probe speaks for
 * @param fileSystemId     the file system the endpoint belongs to
 * @param targetIp         the endpoint address, as the client uses it (floating or ENI address)
 * @param port             TCP port: 2049 and 111 NFS, 445 SMB, 3260 iSCSI, 4420 NVMe/TCP, 443 management
 * @param endpointKind     nfs, smb, iscsi, nvme or management
 * @param outcome          the latest handshake's outcome
 * @param latencyMillis    the latest handshake's duration when it connected; null otherwise
 * @param since            the first probe of the current outcome (first failure, or first success after one)
 * @param outageStart      the first failed probe of the failed streak going on (outcome failing) or of the one the
 *                         current success ended; null for a success that followed no failure seen by this probe
 * @param heartbeatSeconds how often the probe republishes an unchanged outcome; silent for three of them is stale
 */
public record ProbeObservation(
        Scope scope,
        Instant observedAt,
        String client,
        String fileSystemId,
        String targetIp,
        int port,
        String endpointKind,
        ProbeOutcome outcome,
        Long latencyMillis,
        Instant since,
        Instant outageStart,
        int heartbeatSeconds) implements Observation {

    public static final String ID_PREFIX = "probe/";

    public ProbeObservation {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (heartbeatSeconds <= 0) {
            throw new IllegalArgumentException("heartbeatSeconds must be positive, got " + heartbeatSeconds);
        }
    }

    /** {@code probe/<client>/<fs-id>/<ip>:<port>}. */
    @Override
    public String resourceId() {
        return resourceId(client, fileSystemId, targetIp, port);
    }

    public static String resourceId(String client, String fileSystemId, String targetIp, int port) {
        return ID_PREFIX + client + "/" + fileSystemId + "/" + targetIp + ":" + port;
    }

    /** Whether the record names everything the rules read; one that does not is ignored as malformed. */
    public boolean complete() {
        return client != null && fileSystemId != null && targetIp != null && outcome != null && since != null;
    }

    /** The outage this record ends, when it is the first success after failed probes; else null. */
    public Duration endedOutage() {
        return outcome.connected() && outageStart != null && !since.isBefore(outageStart)
                ? Duration.between(outageStart, since) : null;
    }

    /** Silent for three heartbeats: the probe (or its path to Kafka) is gone. */
    public Instant staleAt() {
        return observedAt.plusSeconds(3L * heartbeatSeconds);
    }
}
