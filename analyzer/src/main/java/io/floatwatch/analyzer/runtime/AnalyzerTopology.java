package io.floatwatch.analyzer.runtime;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The analyzer as one Kafka Streams topology:
 *
 * <pre>
 *   observations --> analyze --+--> findings
 *                     (stores) +--> events
 *                              +--> dead-letter
 * </pre>
 *
 * Bytes in, bytes out: decoding happens inside the processor so that a record that cannot be
 * decoded goes to the dead-letter topic with its reason instead of stopping the stream.
 */
public final class AnalyzerTopology {

    static final String SOURCE = "observations-source";
    static final String PROCESSOR = "analyze";
    static final String FINDINGS_SINK = "findings-sink";
    static final String EVENTS_SINK = "events-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    /**
     * Latest record per resource key, as the observations topic holds it after compaction (poison
     * included; it is skipped on reading): rebuilds the region models after a restart. Its changelog
     * is the observations topic itself.
     */
    public static final String OBSERVATION_STORE = "observations";
    /** {@link io.floatwatch.analyzer.core.state.ScopeState} per scope, one record per entry ({@link ScopeStateStore}). */
    public static final String SCOPE_STATE_STORE = "scope-state";
    /** Last published version of each finding: a restart or a rebuilt core never republishes it. */
    public static final String FINDING_STORE = "emitted-findings";

    private AnalyzerTopology() {
    }

    public static Topology build(AnalyzerSettings settings) {
        return build(settings, new AnalyzerStats(settings.topics()));
    }

    /** @param stats where the processor counts what it reads and writes, for {@link AnalyzerMetrics} */
    public static Topology build(AnalyzerSettings settings, AnalyzerStats stats) {
        AnalyzerTopics topics = settings.topics();
        Topology topology = new Topology();
        // The observation store is the latest record per key of the (compacted) observations topic,
        // so that topic is its changelog: a read-only store in Kafka Streams' terms, restored from the
        // source topic up to the committed offset, and maintained by the one processor that reads it,
        // which is the analyzer itself. A store changelog of its own would copy every observation the
        // collectors publish into a second topic, in the analyzer's transactions: half of the
        // analyzer's writes and as much broker work again as the input. A fresh application id reads
        // the whole compacted topic (earliest): that is the region's topology.
        topology.addReadOnlyStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OBSERVATION_STORE), Serdes.String(), Serdes.ByteArray()),
                SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.observations(), PROCESSOR, processor(settings, stats));
        // Persistent stores with changelogs (the default): local state survives a restart, and a new
        // pod restores it from the changelog topics.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCOPE_STATE_STORE),
                Serdes.String(), Serdes.ByteArray()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FINDING_STORE),
                Serdes.String(), Serdes.ByteArray()), PROCESSOR);
        topology.addSink(FINDINGS_SINK, topics.findings(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        topology.addSink(EVENTS_SINK, topics.events(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, topics.deadLetter(), new StringSerializer(), new ByteArraySerializer(),
                PROCESSOR);
        return topology;
    }

    /**
     * The analyzing processor, typed as the store-maintaining processor of a read-only store, whose
     * declared output is Void: that is only the API's expectation that such a processor forwards
     * nothing. This one forwards to the sinks added as its children; Kafka Streams routes by child
     * name and never looks at those type parameters at run time.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ProcessorSupplier<String, byte[], Void, Void> processor(AnalyzerSettings settings, AnalyzerStats stats) {
        ProcessorSupplier<String, byte[], String, byte[]> supplier = () -> new ObservationProcessor(settings.policy(),
                settings.rules(), settings.clients(), settings.watched(), stats);
        return (ProcessorSupplier) supplier;
    }

    /** Streams configuration for this topology. */
    public static Properties streamsConfig(AnalyzerSettings settings) {
        return streamsConfig(settings, Map.of());
    }

    /** Streams configuration for this topology, with extra client settings that cannot override the fixed ones. */
    public static Properties streamsConfig(AnalyzerSettings settings, Map<String, ?> clientProperties) {
        Properties p = new Properties();
        // Defaults the client properties may change.
        // One region is one partition's worth of work; more threads only help with many regions.
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // A region is one partition, so one partition carries the whole estate: fetch it in larger
        // pieces than the consumer's 1 MB (about 1,700 observations) per partition and request.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 8 * 1024 * 1024);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5_000);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StoreTuning.class);
        p.putAll(clientProperties);
        // Fixed.
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        // exactly_once_v2: the state-store changelogs, the findings and events written and the input
        // offsets commit in one transaction. With at_least_once a crash between sending a
        // FAILOVER_STARTED and committing would send it again after the restart: a second page and a
        // doubled failover count. It needs brokers >= 2.5 and a transaction log the cluster can
        // replicate (replication factor 1 on a single-node broker, such as the embedded one).
        // The commit interval stays at its exactly-once default (100 ms): outputs become visible to
        // read_committed consumers at commit, and 500 ms measured no clear gain (bench/README.md).
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }
}
