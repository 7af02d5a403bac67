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
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
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
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> touched = new HashMap<>();
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
        CompletableFuture<Void> committed = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            try {
                if (!inTransaction) {
                    producer.beginTransaction();
                    inTransaction = true;
                }
                producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key.value(), bytes));
                pending.add(committed);
                touched.put(coordinationPartition.apply(scopeId), new OffsetAndMetadata(0));
            } catch (KafkaException e) {
                committed.completeExceptionally(e);
                failTransaction(e);
            }
        }
        return committed;
    }

    /** Commits what was sent so far; a rebalance calls it before it hands scopes on. */
    public void flush() {
        commitQuietly();
    }

    private void commitQuietly() {
        synchronized (lock) {
            if (!inTransaction) {
                return;
            }
            List<CompletableFuture<Void>> sent = new ArrayList<>(pending);
            try {
                producer.sendOffsetsToTransaction(new HashMap<>(touched), membership.get());
                producer.commitTransaction();
                inTransaction = false;
                pending.clear();
                touched.clear();
                sent.forEach(f -> f.complete(null));
            } catch (KafkaException e) {
                LOG.warn("transaction of {} records not committed, they are aborted and sent again by the next polls: {}", sent.size(),
                        e.toString());
                failTransaction(e);
            } catch (RuntimeException e) {
                failTransaction(e);
            }
        }
    }

    /** Fails every pending send and leaves no transaction open; a fenced or broken producer is replaced. Holds the lock. */
    private void failTransaction(Exception cause) {
        List<CompletableFuture<Void>> sent = new ArrayList<>(pending);
        pending.clear();
        touched.clear();
        if (inTransaction) {
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (ProducerFencedException | AuthorizationException | IllegalStateException fatal) {
                replaceProducer(fatal);
            } catch (KafkaException e) {
                replaceProducer(e);
            }
        }
        sent.forEach(f -> f.completeExceptionally(cause));
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
            if (inTransaction) {
                commitQuietly();
            }
            closed = true;
            producer.close(Duration.ofSeconds(10));
        }
    }
}
