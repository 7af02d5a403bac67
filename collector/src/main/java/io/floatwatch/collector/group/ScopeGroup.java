package io.floatwatch.collector.group;

import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A collector replica that polls only the scopes the consumer group gives it.
 *
 * <p>Membership is Kafka's own: each replica subscribes to the coordination topic (one partition per scope, see
 * {@link ScopePartitions}) in one consumer group with the classic protocol and the cooperative sticky assignor, so
 * scopes are spread evenly, a rebalance moves only the scopes that must move, and a replica that dies is out of the
 * group after its session timeout. On losing scopes the replica stops their polls and lets those in flight end before
 * the rebalance goes on; on gaining scopes it reads their last published state back from the observations topic before
 * it polls them. Its records go out in transactions fenced by its group membership ({@link TransactionalObservationSink}).
 */
public final class ScopeGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeGroup.class);
    public static final String SCOPES_OWNED = "floatwatch.collector.scopes.owned";
    public static final String SCOPE_CHANGES = "floatwatch.collector.scope.changes";
    /** How often the members' scope lists are compared (and after every rebalance). */
    static final Duration SCOPE_LIST_CHECK_INTERVAL = Duration.ofSeconds(15);

    private final ScopeGroupSettings group;
    private final ScopePartitions partitions;
    private final Collector collector;
    private final TransactionalObservationSink sink;
    private final ScopeStateReader reader;
    private final RegionFollower follower;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScopeListWatch scopeListWatch;
    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ConsumerGroupMetadata> membership = new AtomicReference<>();
    private final Counter gained;
    private final Counter lost;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable died;

    private ScopeGroup(CollectorSettings settings, ScopeGroupSettings group, AwsCredentialsProvider credentials, Clock clock,
            MeterRegistry registry) {
        this.group = group;
        this.partitions = new ScopePartitions(settings.scopes());
        ensureTopic(settings, group, partitions.count());
        Map<String, Scope> byId = partitions.all().stream().collect(Collectors.toMap(Scope::id, s -> s));
        this.sink = new TransactionalObservationSink(settings.bootstrapServers(), settings.topic(), settings.clientId() + "-" + group.memberName(),
                settings.producerProperties(), group, owned::contains, membership::get,
                id -> new TopicPartition(group.topic(), partitions.partitionOf(byId.get(id))));
        Sightings sightings = new Sightings();
        this.collector = Collector.create(settings, credentials, sink, clock, registry, sightings);
        this.follower = new RegionFollower(settings.bootstrapServers(), settings.topic(), settings.producerProperties(), settings.scopes(),
                sightings);
        this.reader = new ScopeStateReader(settings.bootstrapServers(), settings.topic(), settings.producerProperties(), Duration.ofMinutes(2));
        ScopeListFingerprint fingerprint = ScopeListFingerprint.of(partitions);
        this.scopeListWatch = new ScopeListWatch(settings.bootstrapServers(), settings.producerProperties(), group.groupId(),
                new ScopeListCheck(fingerprint), registry);
        this.consumer = new KafkaConsumer<>(consumerProperties(settings, group, fingerprint), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Gauge.builder(SCOPES_OWNED, owned, Set::size).description("Scopes (account, region) this collector replica polls now")
                .register(registry);
        this.gained = Counter.builder(SCOPE_CHANGES).tag("change", "gained").description("Scopes this replica gained or lost in rebalances")
                .register(registry);
        this.lost = Counter.builder(SCOPE_CHANGES).tag("change", "lost").description("Scopes this replica gained or lost in rebalances")
                .register(registry);
        this.thread = new Thread(this::run, "floatwatch-collector-group");
        thread.setDaemon(true);
    }

    /** Joins the group and polls what it is given, until {@link #close()}. */
    public static ScopeGroup start(CollectorSettings settings, ScopeGroupSettings group, AwsCredentialsProvider credentials, Clock clock,
            MeterRegistry registry) {
        ScopeGroup g = new ScopeGroup(settings, group, credentials, clock, registry);
        g.collector.startIdle();
        g.follower.start();
        g.thread.start();
        g.scopeListWatch.start(SCOPE_LIST_CHECK_INTERVAL);
        LOG.info("collector replica {} joining group {} to share {} (coordination topic {}, session timeout {} s)", group.memberName(),
                group.groupId(), ScopeListFingerprint.of(g.partitions), group.topic(), group.sessionTimeout().toSeconds());
        return g;
    }

    private static Map<String, Object> consumerProperties(CollectorSettings settings, ScopeGroupSettings group,
            ScopeListFingerprint fingerprint) {
        Map<String, Object> props = new HashMap<>(settings.producerProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group.groupId());
        // The fingerprint rides on the client id, which every member can read from the coordinator (ScopeListFingerprint).
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, fingerprint.tag(settings.clientId() + "-group-" + group.memberName()));
        // The classic protocol keeps the assignment on the client: the cooperative sticky assignor balances one partition
        // per scope evenly and moves only what must move. (The newer consumer protocol assigns on the broker.)
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) group.sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1000, group.sessionTimeout().toMillis() / 3));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return props;
    }

    /**
     * One partition per scope; a topic made for fewer scopes grows (it cannot shrink: extra partitions stand for nothing).
     * Described first and created only when missing, so a topic made beforehand (deploy/kafka/create-topics.sh, a Strimzi
     * KafkaTopic) with enough partitions needs only Describe here, not Create or Alter: a broker checks the Create ACL
     * before it looks whether the topic exists.
     */
    private static void ensureTopic(CollectorSettings settings, ScopeGroupSettings group, int scopes) {
        Map<String, Object> props = new HashMap<>(settings.producerProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            int have = partitions(admin, group.topic());
            if (have < 0) {
                try {
                    admin.createTopics(List.of(new NewTopic(group.topic(), Optional.of(scopes), Optional.empty())))
                            .all().get(60, TimeUnit.SECONDS);
                    LOG.info("created coordination topic {} with {} partitions", group.topic(), scopes);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create the coordination topic " + group.topic() + " (" + e.getCause()
                                + "): grant the collector's principal Create on it, or create it with one partition per scope"
                                + " (deploy/kafka/create-topics.sh, SCOPES=" + scopes + ")", e.getCause());
                    }
                    have = partitions(admin, group.topic()); // another replica made it meanwhile
                }
            }
            if (have < scopes) {
                try {
                    admin.createPartitions(Map.of(group.topic(), NewPartitions.increaseTo(scopes))).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the coordination topic " + group.topic() + " has " + have + " partitions for " + scopes
                            + " scopes and cannot grow (" + e.getCause() + "): grant the collector's principal Alter on it, or add the"
                            + " partitions (kafka-topics.sh --alter --partitions " + scopes + ")", e.getCause());
                }
                LOG.info("coordination topic {} grown from {} to {} partitions", group.topic(), have, scopes);
            } else if (have > scopes) {
                LOG.warn("coordination topic {} has {} partitions for {} scopes: the {} beyond stand for no scope", group.topic(), have, scopes,
                        have - scopes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the coordination topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot check the coordination topic " + group.topic() + ": " + e, e);
        }
    }

    /** The topic's partition count, or -1 when it does not exist. */
    private static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(group.topic()), new Listener());
            while (running) {
                consumer.poll(Duration.ofMillis(500));
                membership.set(consumer.groupMetadata());
            }
        } catch (WakeupException closing) {
            // close() below
        } catch (Throwable t) {
            died = t;
            LOG.error("collector group membership failed; this replica polls nothing until restarted", t);
        } finally {
            try {
                consumer.close(); // leaves the group: its scopes go to the others at once, not after the session timeout
            } catch (RuntimeException e) {
                LOG.warn("leaving the group failed: {}", e.toString());
            }
        }
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            handOn(revoked, "revoked", false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> gone) {
            // Out of the group (silent past the session timeout): others may poll these already; the fenced transactions
            // keep whatever this replica still writes from the analyzer.
            handOn(gone, "lost", true);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            membership.set(consumer.groupMetadata());
            scopeListWatch.checkSoon(); // a member that just joined may map partitions differently
            List<Scope> scopes = partitions.scopesOf(assigned.stream().map(TopicPartition::partition).toList());
            if (scopes.isEmpty()) {
                LOG.info("collector group {} generation {}: no scope gained, {} owned", group.groupId(), generation(), owned.size());
                return;
            }
            Map<Scope, List<Observation>> state = reader.read(scopes);
            scopes.forEach(s -> owned.add(s.id()));
            collector.gain(state);
            gained.increment(scopes.size());
            LOG.info("collector group {} generation {}: gained {} scope(s) {}, {} owned", group.groupId(), generation(), scopes.size(),
                    ids(scopes), owned.size());
        }

        /**
         * Revoked (this replica still owns them until this returns): polls in flight end and publish first, then nothing
         * of these scopes is sent any more, and the last transaction is committed before the rebalance hands them on.
         * Lost (out of the group: another replica may poll them already): nothing of them is sent from the start, not
         * even what a poll in flight had sent, which a refreshed membership would otherwise let commit.
         */
        private void handOn(Collection<TopicPartition> partitionsGone, String how, boolean alreadyOwnedElsewhere) {
            List<Scope> scopes = partitions.scopesOf(partitionsGone.stream().map(TopicPartition::partition).toList());
            if (alreadyOwnedElsewhere) {
                scopes.forEach(s -> owned.remove(s.id()));
            }
            membership.set(consumer.groupMetadata());
            if (scopes.isEmpty()) {
                return;
            }
            collector.lose(scopes, group.lostScopeGrace());
            scopes.forEach(s -> owned.remove(s.id()));
            sink.flush();
            lost.increment(scopes.size());
            LOG.info("collector group {} generation {}: {} {} scope(s) {}, {} owned", group.groupId(), generation(), how, scopes.size(),
                    ids(scopes), owned.size());
        }
    }

    private int generation() {
        ConsumerGroupMetadata m = membership.get();
        return m == null ? -1 : m.generationId();
    }

    private static String ids(List<Scope> scopes) {
        return scopes.stream().map(Scope::id).toList().toString();
    }

    /** The scopes this replica owns now, as {@code account/region}. */
    public Set<String> ownedScopes() {
        return Set.copyOf(owned);
    }

    /** Other members whose scope list differs from this replica's, as of the last comparison (0 = all agree). */
    public int scopeListMismatches() {
        return scopeListWatch.mismatching();
    }

    /** Why this replica no longer takes part (for /healthz), or null. */
    public String liveProblem() {
        Throwable t = died;
        if (t != null || (!thread.isAlive() && running)) {
            return "collector group membership stopped: " + (t == null ? "thread ended" : t.toString());
        }
        return collector.liveProblem();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scopeListWatch.close();
        collector.close();
        follower.close();
        sink.close();
        LOG.info("collector replica {} left group {}", group.memberName(), group.groupId());
    }
}
