package io.floatwatch.collector.group;

import java.time.Duration;
import java.util.Objects;

/**
 * How collector replicas share scopes through a Kafka consumer group (see collector/README.md, "Scale-out").
 *
 * @param groupId            the consumer group every replica of one deployment joins; two deployments with the same group
 *                           id and scopes would split one estate between them
 * @param topic              the coordination topic: one partition per scope, holding no records; owning a partition is
 *                           owning its scope
 * @param sessionTimeout     how long a replica may be silent (dead, paused, cut off) before its scopes go to others
 * @param memberName         this replica's name in logs and in its transactional id (the pod name); unique per replica
 * @param lostScopeGrace     how long a poll of a scope being handed on may finish before it is interrupted
 * @param commitInterval     how often the transaction holding the replica's records is committed (records become
 *                           visible to the analyzer then)
 * @param transactionTimeout how long the broker waits for a transaction of a replica that died before aborting it; the
 *                           analyzer's reads of that region wait as long
 */
public record ScopeGroupSettings(String groupId, String topic, Duration sessionTimeout, String memberName, Duration lostScopeGrace,
        Duration commitInterval, Duration transactionTimeout) {

    public static final String DEFAULT_TOPIC = "floatwatch.collector-scopes";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOST_SCOPE_GRACE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(15);

    public ScopeGroupSettings {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberName, "memberName");
        topic = topic == null ? DEFAULT_TOPIC : topic;
        sessionTimeout = sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout;
        lostScopeGrace = lostScopeGrace == null ? DEFAULT_LOST_SCOPE_GRACE : lostScopeGrace;
        commitInterval = commitInterval == null ? DEFAULT_COMMIT_INTERVAL : commitInterval;
        transactionTimeout = transactionTimeout == null ? DEFAULT_TRANSACTION_TIMEOUT : transactionTimeout;
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        if (sessionTimeout.compareTo(Duration.ofSeconds(6)) < 0) {
            // The broker's group.min.session.timeout.ms default: a shorter one is refused when the replica joins.
            throw new IllegalArgumentException("sessionTimeout must be at least 6 s, was " + sessionTimeout);
        }
        if (commitInterval.isNegative() || commitInterval.isZero() || commitInterval.compareTo(transactionTimeout) >= 0) {
            throw new IllegalArgumentException("commitInterval must be positive and shorter than transactionTimeout, was " + commitInterval);
        }
    }

    /** The defaults for a group id and a member name. */
    public static ScopeGroupSettings of(String groupId, String memberName) {
        return new ScopeGroupSettings(groupId, null, null, memberName, null, null, null);
    }

    public ScopeGroupSettings withSessionTimeout(Duration timeout) {
        return new ScopeGroupSettings(groupId, topic, timeout, memberName, lostScopeGrace, commitInterval, transactionTimeout);
    }

    /** The producer's transactional id: the group's, then this replica's name. */
    public String transactionalId() {
        return groupId + "-" + memberName;
    }
}
