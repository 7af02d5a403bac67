package io.floatwatch.collector.group;

import io.floatwatch.collector.publish.KafkaObservationSink;
import io.floatwatch.collector.publish.ObservationEncoder;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observations of a replica in group mode, written in transactions that the consumer group fences: each commit
 * carries the replica's group membership (member id and generation, KIP-447, as Kafka Streams does), so the broker
 * refuses the commit of a replica that lost its scopes while paused (a GC, a network cut) and aborts what it wrote;
 * the analyzer and the alerter read committed records only and never see it. One producer for every scope of the
 * replica: a transaction is committed every {@code commitInterval} with whatever polls sent meanwhile (group commit),
 * and a send's future completes only once its transaction committed, so the publisher's change-only state never
 * advances on records that were aborted.
 *
 * <p>A send for a scope the replica does not own now is refused at once: a poll that outlived its scope's loss cannot
 * add to the transaction.
 */
public final class TransactionalObservationSink implements ObservationSink {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalObservationSink.class);

    private final Map<String, Object> producerProperties;
    private final String topic;
    private final Predicate<String> owns;
    private final Supplier<ConsumerGroupMetadata> membership;
    private final Function<String, TopicPartition> coordinationPartition;
    private final ScheduledExecutorService committer;
    private final Object lock = new Object();
    private KafkaProducer<String, byte[]> producer;
    private boolean inTransaction;
    /** Sent in the open transaction, or waiting to be sent again in a new one after a failed commit. */
    private final List<Pending> pending = new ArrayList<>();
    /** When the pending records' transaction first failed (System.nanoTime), 0 when it has not. */
    private long failingSince;
    /** How long a failed transaction is tried again: longer than a rebalance, shorter than a fast poll's deadline. */
    static final Duration RETRY_FOR = Duration.ofSeconds(4);
    private volatile boolean closed;

    /**
     * @param owns                  whether this replica owns a scope id ({@code account/region}) now
     * @param membership            the group membership to fence commits with, as of the consumer's last poll
     * @param coordinationPartition the coordination topic's partition of a scope id, whose (unused) offset each commit
     *                              carries, so the group coordinator checks the membership
     */
    public TransactionalObservationSink(String bootstrapServers, String topic, String clientId, Map<String, String> extraProperties,
            ScopeGroupSettings group, Predicate<String> owns, Supplier<ConsumerGroupMetadata> membership,
            Function<String, TopicPartition> coordinationPartition) {
        this.topic = topic;
        this.owns = owns;
        this.membership = membership;
        this.coordinationPartition = coordinationPartition;
        Map<String, Object> props = KafkaObservationSink.producerProperties(bootstrapServers, clientId, extraProperties);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group.transactionalId());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) group.transactionTimeout().toMillis());
        this.producerProperties = props;
        this.producer = newProducer();
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floatwatch-collector-commit");
            t.setDaemon(true);
            return t;
        });
        long every = group.commitInterval().toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private KafkaProducer<String, byte[]> newProducer() {
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
        // Fences an earlier producer with the same transactional id (this replica before a restart) and aborts what it left open.
        p.initTransactions();
        return p;
    }

    @Override
    public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
        String scopeId = key.scope().id();
        if (!owns.test(scopeId)) {
            return CompletableFuture.failedFuture(new IllegalStateException("scope " + scopeId + " is not owned by this replica"));
        }
        byte[] bytes = value == null ? null : ObservationEncoder.encode(value);
        Pending sent = new Pending(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key.value(), bytes), scopeId,
                new CompletableFuture<>());
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            pending.add(sent);
            if (inTransaction) {
                try {
                    producer.send(sent.record());
                } catch (KafkaException e) {
                    failed(e);
                }
            } else if (pending.size() == 1) {
                // Otherwise a transaction is to be tried again: the next commit sends this one with the others.
                try {
                    producer.beginTransaction();
                    inTransaction = true;
                    producer.send(sent.record());
                } catch (KafkaException e) {
                    failed(e);
                }
            }
        }
        return sent.committed();
    }

    /** A record of the open (or to be retried) transaction, its scope and what its sender waits on. */
    private record Pending(ProducerRecord<String, byte[]> record, String scopeId, CompletableFuture<Void> committed) {
    }

    /** Commits what was sent so far; a rebalance calls it before it hands scopes on. */
    public void flush() {
        commitQuietly();
    }

    private void commitQuietly() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            try {
                if (!inTransaction) {
                    resend();
                    if (pending.isEmpty()) {
                        return;
                    }
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                pending.forEach(p -> offsets.put(coordinationPartition.apply(p.scopeId()), new OffsetAndMetadata(0)));
                ConsumerGroupMetadata member = membership.get();
                if (member == null) {
                    throw new KafkaException("no group membership yet");
                }
                producer.sendOffsetsToTransaction(offsets, member);
                producer.commitTransaction();
                inTransaction = false;
                failingSince = 0;
                pending.forEach(p -> p.committed().complete(null));
                pending.clear();
            } catch (KafkaException e) {
                failed(e);
            }
        }
    }

    /**
     * Sends a transaction that failed again, in a new one, without the records of scopes this replica no longer owns:
     * a rebalance that moves other scopes changes the generation, and a commit made just before the membership was
     * refreshed fails for that alone; what was lost with its scope must not be written by a later, valid generation.
     */
    private void resend() {
        List<Pending> kept = new ArrayList<>();
        for (Pending p : pending) {
            if (owns.test(p.scopeId())) {
                kept.add(p);
            } else {
                p.committed().completeExceptionally(new IllegalStateException("scope " + p.scopeId() + " is no longer owned by this replica"));
            }
        }
        pending.clear();
        pending.addAll(kept);
        if (kept.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        inTransaction = true;
        kept.forEach(p -> producer.send(p.record()));
    }

    /**
     * The transaction failed: it is aborted, and tried again at the next commit (fresh membership, owned scopes only)
     * until it has failed for {@link #RETRY_FOR}; then its senders learn it failed and their next polls send again.
     * Holds the lock.
     */
    private void failed(KafkaException cause) {
        if (inTransaction) {
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                replaceProducer(e);
            }
        }
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
            LOG.info("transaction of {} records not committed, trying again: {}", pending.size(), cause.toString());
        }
        if (now - failingSince > RETRY_FOR.toNanos() || closed) {
            LOG.warn("transaction of {} records not committed for {} s; its polls fail and send again: {}", pending.size(),
                    RETRY_FOR.toSeconds(), cause.toString());
            pending.forEach(p -> p.committed().completeExceptionally(cause));
            pending.clear();
            failingSince = 0;
        }
    }

    private void replaceProducer(Exception why) {
        LOG.warn("transactional producer unusable ({}); starting a new one", why.toString());
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // already broken
        }
        if (!closed) {
            producer = newProducer();
        }
    }

    @Override
    public void close() {
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            commitQuietly();
            closed = true;
            if (!pending.isEmpty()) {
                failed(new KafkaException("closed"));
            }
            producer.close(Duration.ofSeconds(10));
        }
    }
}
