package io.floatwatch.bench.e2e;

import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.runtime.AnalyzerRuntime;
import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import io.floatwatch.analyzer.runtime.AnalyzerTopics;
import io.floatwatch.analyzer.runtime.ObservationReader;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.bench.region.SyntheticRegion;
import io.floatwatch.collector.publish.KafkaObservationSink;
import io.floatwatch.collector.publish.ObservationEncoder;
import io.floatwatch.collector.publish.ObservationPublisher;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Topics;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.json.Json;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.testkit.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Observations per second from the collector's publish to the finding consumed, through a real
 * broker on this machine (issue 7: at least 100,000 observations/s on 2 cores).
 *
 * <p>Everything is the production code path: the embedded KRaft broker of the testkit, the topics
 * as {@link TopicProvisioner} creates them, the collector's {@link ObservationPublisher} and
 * {@link KafkaObservationSink} (its serializer, partitioner and producer settings), and the
 * analyzer's Kafka Streams runtime ({@link AnalyzerRuntime}, exactly_once_v2, its stores and
 * changelogs). The stream is {@link RoundStream}: the synthetic region, round after round, ended by
 * a sentinel failover whose FAILOVER_CONVERGED event and FSX_FAILED_OVER finding a read_committed
 * consumer waits for. Every round is published by a fresh publisher, i.e. in full, as a restarted
 * collector (or a 10-minute inventory) publishes it; a running collector with nothing changed sends
 * only its markers.
 *
 * <p>Phases ({@code --phases}, default all three):
 * <ul>
 *   <li>{@code e2e}: analyzer running, warm-up rounds published and judged, then the measured
 *       rounds published as fast as the publisher goes, until the sentinel is consumed;</li>
 *   <li>{@code split}: a fresh broker; the producer alone publishes everything, then the analyzer
 *       starts on that backlog (broker + analyzer alone);</li>
 *   <li>{@code micro}: in this JVM without Kafka: encode, change detection, decode, the core, and
 *       the scope state's JSON, per observation.</li>
 * </ul>
 */
public final class EndToEndBench {

    private static final Set<String> PHASES = Set.of("e2e", "split", "micro");

    private final int clients;
    private final int warmupRounds;
    private final int rounds;
    private final int lastRoundSize;
    private final int partitions;
    private final Duration timeout;
    private final boolean profile;
    private final RoundStream stream;
    private final Map<String, String> collectorProperties = new TreeMap<>();
    private final Map<String, String> streamsProperties = new TreeMap<>();

    private EndToEndBench(RoundStream.Kind kind, int clients, int warmupRounds, int rounds, int lastRoundSize, int partitions,
            Duration timeout, boolean profile) {
        this.stream = new RoundStream(kind);
        this.clients = clients;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.lastRoundSize = lastRoundSize;
        this.partitions = partitions;
        this.timeout = timeout;
        this.profile = profile;
    }

    public static void main(String[] args) throws Exception {
        int clients = 0;
        int warmup = 1;
        int rounds = 10;
        long records = -1;
        int partitions = 6;
        Duration timeout = Duration.ofMinutes(10);
        boolean profile = false;
        RoundStream.Kind kind = RoundStream.Kind.REGION;
        Map<String, String> collectorProperties = new TreeMap<>();
        Map<String, String> streamsProperties = new TreeMap<>();
        Set<String> phases = new LinkedHashSet<>(List.of("e2e", "split", "micro"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--records" -> records = Long.parseLong(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--profile" -> profile = true;
                case "--collector-property" -> put(collectorProperties, args[++i]);
                case "--streams-property" -> put(streamsProperties, args[++i]);
                case "--stream" -> kind = RoundStream.Kind.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--phases" -> {
                    phases = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!PHASES.containsAll(phases)) {
                        throw new IllegalArgumentException("--phases: one or more of " + PHASES + ", got " + phases);
                    }
                }
                default -> {
                    System.err.println("""
                            usage: EndToEndBench [--clients 0] [--stream region|unchanged] [--rounds 10 | --records N] [--warmup 1] [--partitions 6]
                                                 [--timeout 600 (s, per wait)] [--phases e2e,split,micro] [--profile]
                                                 [--collector-property k=v]... (as kafka.properties would)
                                                 [--streams-property k=v]... (AnalyzerRuntime.create's client properties)""");
                    System.exit(2);
                }
            }
        }
        if (clients < 0 || clients > SyntheticRegion.DECLARED_CLIENTS) {
            throw new IllegalArgumentException("--clients: 0.." + SyntheticRegion.DECLARED_CLIENTS);
        }
        int perRound = RoundStream.perRound();
        int lastRoundSize = perRound;
        if (records > 0) {
            rounds = (int) ((records + perRound - 1) / perRound);
            lastRoundSize = (int) (records - (long) (rounds - 1) * perRound);
        }
        EndToEndBench bench = new EndToEndBench(kind, clients, warmup, rounds, lastRoundSize, partitions, timeout, profile);
        bench.collectorProperties.putAll(collectorProperties);
        bench.streamsProperties.putAll(streamsProperties);
        System.out.printf("E2E machine: %d cores, %d MiB max heap, %s %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), loadAverage());
        if (!collectorProperties.isEmpty() || !streamsProperties.isEmpty()) {
            System.out.printf("E2E extra properties: collector %s, analyzer %s%n", collectorProperties, streamsProperties);
        }
        System.out.printf("E2E stream %s: %d declared clients; %d warm-up + %d measured rounds of %,d observations (last %,d), "
                + "then a 4-table sentinel failover; %d partitions%n", kind.name().toLowerCase(Locale.ROOT), clients, warmup, rounds, perRound, lastRoundSize, partitions);
        for (String phase : phases) {
            switch (phase) {
                case "e2e" -> bench.endToEnd();
                case "split" -> bench.split();
                case "micro" -> bench.micro();
                default -> throw new IllegalStateException(phase);
            }
            System.out.printf("E2E load average after %s: %s%n", phase, loadAverage());
        }
        // The embedded broker and the clients leave non-daemon threads behind on some paths.
        System.exit(0);
    }

    /** Resources in the measured rounds (markers and sentinel not counted). */
    private long measuredRecords() {
        return (long) (rounds - 1) * RoundStream.perRound() + lastRoundSize;
    }

    private Instant sentinelAt() {
        return RoundStream.at(warmupRounds + rounds - 1).plusSeconds(10);
    }

    // ---------------------------------------------------------------------------------------------
    // e2e: analyzer running, publish as fast as the publisher goes, wait for the sentinel.

    private void endToEnd() throws Exception {
        System.out.println("E2E == phase e2e: collector publish -> broker -> analyzer -> findings/events consumed");
        double e2eRate = 0;
        Path stateDir = Files.createTempDirectory("e2e-bench-state-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), partitions, (short) 1);
            try (OutputWatcher watcher = new OutputWatcher(broker.bootstrapServers(), RoundStream.sentinelSubject());
                    AnalyzerRuntime analyzer = startAnalyzer(broker.bootstrapServers(), stateDir);
                    KafkaObservationSink sink = collectorSink(broker.bootstrapServers())) {
                watcher.expectSentinelAt(sentinelAt());
                long w0 = System.nanoTime();
                for (int r = 0; r < warmupRounds; r++) {
                    publishRound(sink, r, RoundStream.perRound());
                }
                long warmEnd = endOffset(admin);
                if (!awaitCommitted(admin, warmEnd, timeout, analyzer)) {
                    System.out.printf("E2E warm-up not judged within %s (committed %,d of %,d records; analyzer %s); stopping%n",
                            timeout, committed(admin), warmEnd, analyzer.state());
                    return;
                }
                System.out.printf("E2E warm-up: %d rounds published and judged in %.1f s%n", warmupRounds,
                        (System.nanoTime() - w0) / 1e9);
                Map<String, Double> before = streamsMetrics(analyzer);
                CpuBreakdown cpu = new CpuBreakdown(profile);
                cpu.start();
                long t0 = System.nanoTime();
                long sent = publishMeasured(sink);
                long published = System.nanoTime();
                long done = watcher.awaitSentinel(timeout, analyzer::alive);
                long end = done > 0 ? done : System.nanoTime();
                List<String> breakdown = cpu.stop();
                Map<String, Double> after = streamsMetrics(analyzer);
                if (done < 0) {
                    long processed = committed(admin) - warmEnd;
                    System.out.printf("E2E TIMEOUT (analyzer %s) after %.1f s: it committed %,d of %,d measured records: "
                            + "%,.0f obs/s (partial)%n", analyzer.state(), (end - t0) / 1e9, processed, sent, processed / ((end - t0) / 1e9));
                } else {
                    System.out.printf(Locale.ROOT, "E2E RESULT e2e clients=%d: %,d observations in %.2f s = %,.0f obs/s "
                            + "(publisher done after %.2f s = %,.0f obs/s; analyzer behind it by %.2f s)%n", clients, sent,
                            (end - t0) / 1e9, sent / ((end - t0) / 1e9), (published - t0) / 1e9, sent / ((published - t0) / 1e9),
                            (end - published) / 1e9);
                }
                System.out.printf("E2E outputs consumed: %,d findings, %,d events (failover started %d, converged %d, failback started %d, "
                        + "completed %d); sentinel finding %s; analyzer lag after %,d records%n", watcher.findings(), watcher.events(),
                        watcher.events(EventType.FAILOVER_STARTED), watcher.events(EventType.FAILOVER_CONVERGED),
                        watcher.events(EventType.FAILBACK_STARTED), watcher.events(EventType.FAILBACK_COMPLETED),
                        watcher.sentinelFindingSeen() ? "consumed" : "NOT consumed", endOffset(admin) - committed(admin));
                breakdown.forEach(l -> System.out.println("E2E   " + l));
                printStreams(before, after, (end - t0) / 1e9);
                if (done > 0) {
                    e2eRate = sent / ((end - t0) / 1e9);
                }
            }
            if (e2eRate > 0) {
                // The baseline on the same broker, right after: what Kafka itself takes to carry the same records.
                double kafka = plainKafka(broker.bootstrapServers());
                System.out.printf(Locale.ROOT, "E2E RATIO e2e/kafka = %,.0f / %,.0f obs/s = %.2f (the pipeline's throughput as a share "
                        + "of a plain produce+consume of the same records through the same broker)%n", e2eRate, kafka, e2eRate / kafka);
            }
        } finally {
            deleteTree(stateDir);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The baseline: plain Kafka, no publisher, no analyzer.

    /**
     * The measured rounds' records, encoded as the collector encodes them beforehand, produced with the collector's
     * producer settings and partitioner to a fresh topic of the same broker, and consumed by a plain consumer with the
     * analyzer's fetch sizes: observations/s from the first send to the last record consumed. One round is encoded
     * (56,000 records, ~33 MB) and sent {@code rounds} times, so the baseline holds no more than that in memory.
     */
    private double plainKafka(String bootstrapServers) throws Exception {
        String topic = "bench-plain-kafka";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (RoundStream.Poll poll : stream.round(warmupRounds, RoundStream.perRound())) {
            for (Observation o : poll.observations()) {
                keys.add(o.key().value());
                values.add(ObservationEncoder.encode(o));
            }
        }
        long total = measuredRecords();
        Map<String, Object> consumerProps = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers,
                "max.partition.fetch.bytes", 8 * 1024 * 1024, "fetch.max.bytes", 8 * 1024 * 1024, "enable.auto.commit", false));
        CompletableFuture<Long> consumed = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    tps.add(new TopicPartition(topic, p));
                }
                c.assign(tps);
                c.seekToBeginning(tps);
                long n = 0;
                long deadline = System.nanoTime() + timeout.toNanos();
                while (n < total && System.nanoTime() < deadline) {
                    n += c.poll(Duration.ofMillis(100)).count();
                }
                consumed.complete(n < total ? -n : System.nanoTime());
            } catch (RuntimeException e) {
                consumed.completeExceptionally(e);
            }
        }, "bench-plain-consumer");
        consumer.setDaemon(true);
        consumer.start();
        Map<String, String> producerProps = new HashMap<>(collectorProperties);
        long t0;
        long published;
        // The collector's producer: its settings and its partitioner (a region is one partition), only the topic differs.
        try (KafkaProducer<String, byte[]> producer = collectorProducer(bootstrapServers, producerProps)) {
            t0 = System.nanoTime();
            long sent = 0;
            for (int r = 0; r < rounds && sent < total; r++) {
                long at = RoundStream.at(warmupRounds + r).toEpochMilli();
                for (int i = 0; i < keys.size() && sent < total; i++, sent++) {
                    producer.send(new ProducerRecord<>(topic, null, at, keys.get(i), values.get(i)));
                }
            }
            producer.flush();
            published = System.nanoTime();
        }
        long end = consumed.get(timeout.toSeconds() + 60, TimeUnit.SECONDS);
        if (end < 0) {
            System.out.printf("E2E TIMEOUT plain kafka: consumed %,d of %,d records%n", -end, total);
            return Double.NaN;
        }
        double rate = total / ((end - t0) / 1e9);
        System.out.printf(Locale.ROOT, "E2E RESULT plain kafka: %,d records in %.2f s = %,.0f obs/s (producer done after %.2f s; "
                + "collector's producer settings and partitioner, a plain consumer)%n", total, (end - t0) / 1e9, rate, (published - t0) / 1e9);
        return rate;
    }

    /** A producer as KafkaObservationSink configures it. */
    private static KafkaProducer<String, byte[]> collectorProducer(String bootstrapServers, Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>(KafkaObservationSink.producerProperties(bootstrapServers, "bench-plain-kafka", extra));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    // ---------------------------------------------------------------------------------------------
    // split: producer alone, then broker + analyzer alone on the backlog.

    private void split() throws Exception {
        System.out.println("E2E == phase split: the producer alone, then the analyzer alone on that backlog");
        Path stateDir = Files.createTempDirectory("e2e-bench-state-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), partitions, (short) 1);
            long warmEnd;
            try (KafkaObservationSink sink = collectorSink(broker.bootstrapServers())) {
                for (int r = 0; r < warmupRounds; r++) {
                    publishRound(sink, r, RoundStream.perRound());
                }
                warmEnd = endOffset(admin);
                CpuBreakdown cpu = new CpuBreakdown(profile);
                cpu.start();
                long t0 = System.nanoTime();
                long sent = publishMeasured(sink);
                long t1 = System.nanoTime();
                List<String> breakdown = cpu.stop();
                System.out.printf(Locale.ROOT, "E2E RESULT producer alone: %,d observations in %.2f s = %,.0f obs/s "
                        + "(publisher, encode, producer, broker; acks=all)%n", sent, (t1 - t0) / 1e9, sent / ((t1 - t0) / 1e9));
                breakdown.forEach(l -> System.out.println("E2E   " + l));
            }
            long total = endOffset(admin);
            try (OutputWatcher watcher = new OutputWatcher(broker.bootstrapServers(), RoundStream.sentinelSubject())) {
                watcher.expectSentinelAt(sentinelAt());
                long s0 = System.nanoTime();
                try (AnalyzerRuntime analyzer = startAnalyzer(broker.bootstrapServers(), stateDir)) {
                    if (!awaitCommitted(admin, warmEnd, timeout, analyzer)) {
                        System.out.printf("E2E warm-up not judged within %s; stopping%n", timeout);
                        return;
                    }
                    long t0 = System.nanoTime();
                    System.out.printf("E2E analyzer started and judged the %d warm-up rounds in %.1f s%n", warmupRounds, (t0 - s0) / 1e9);
                    Map<String, Double> before = streamsMetrics(analyzer);
                    CpuBreakdown cpu = new CpuBreakdown(profile);
                    cpu.start();
                    long done = watcher.awaitSentinel(timeout, analyzer::alive);
                    long end = done > 0 ? done : System.nanoTime();
                    List<String> breakdown = cpu.stop();
                    Map<String, Double> after = streamsMetrics(analyzer);
                    long records = total - warmEnd;
                    if (done < 0) {
                        long processed = committed(admin) - warmEnd;
                        System.out.printf("E2E TIMEOUT (analyzer %s) analyzer alone: %,d of %,d records in %.1f s: "
                                + "%,.0f obs/s (partial)%n", analyzer.state(), processed, records, (end - t0) / 1e9, processed / ((end - t0) / 1e9));
                    } else {
                        System.out.printf(Locale.ROOT, "E2E RESULT broker + analyzer alone: %,d records in %.2f s = %,.0f obs/s "
                                + "(from the backlog, to the sentinel consumed)%n", records, (end - t0) / 1e9,
                                records / ((end - t0) / 1e9));
                    }
                    breakdown.forEach(l -> System.out.println("E2E   " + l));
                    printStreams(before, after, (end - t0) / 1e9);
                }
            }
        } finally {
            deleteTree(stateDir);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // micro: the per-observation costs in this JVM, no Kafka.

    private void micro() {
        System.out.println("E2E == phase micro: per-observation costs in one thread, no Kafka");
        List<Observation> round = flatten(stream.round(1, RoundStream.perRound()));
        int n = round.size();
        // Encode, as KafkaObservationSink does.
        List<byte[]> encoded = new ArrayList<>(n);
        long codecNs = best(5, () -> round.forEach(o -> RecordCodec.observations().encode(o)));
        long encodeNs = best(5, () -> {
            encoded.clear();
            round.forEach(o -> encoded.add(ObservationEncoder.encode(o)));
        });
        long bytes = encoded.stream().mapToLong(b -> b.length).sum();
        System.out.printf("E2E   encode: RecordCodec %.2f us/obs, the collector's ObservationEncoder %.2f us/obs; %d bytes/obs on average%n",
                codecNs / 1e3 / n, encodeNs / 1e3 / n, bytes / n);
        // The publisher's change detection, with a sink that costs nothing.
        long publishNs = best(5, () -> {
            ObservationPublisher publisher = new ObservationPublisher(new NullSink(), Duration.ofSeconds(60));
            for (RoundStream.Poll poll : stream.round(1, RoundStream.perRound())) {
                publisher.publishPoll(SyntheticRegion.SCOPE, poll.source(), poll.observations(), RoundStream.at(1), Duration.ZERO);
            }
        });
        System.out.printf("E2E   publisher, fresh (everything is new), incl. building the round: %.2f us/obs%n", publishNs / 1e3 / n);
        ObservationPublisher steady = new ObservationPublisher(new NullSink(), Duration.ofSeconds(60));
        for (RoundStream.Poll poll : stream.round(0, RoundStream.perRound())) {
            steady.publishPoll(SyntheticRegion.SCOPE, poll.source(), poll.observations(), RoundStream.at(0), Duration.ZERO);
        }
        int[] next = {2};
        long steadyNs = best(5, () -> {
            int r = next[0]++;
            for (RoundStream.Poll poll : stream.round(r, RoundStream.perRound())) {
                steady.publishPoll(SyntheticRegion.SCOPE, poll.source(), poll.observations(), RoundStream.at(r), Duration.ZERO);
            }
        });
        System.out.printf("E2E   publisher, running (sends only changes), incl. building the round: %.2f us/obs%n", steadyNs / 1e3 / n);
        long buildNs = best(5, () -> stream.round(1, RoundStream.perRound()));
        System.out.printf("E2E   building a round of observations (bench only): %.2f us/obs%n", buildNs / 1e3 / n);
        long decodeNs = best(5, () -> encoded.forEach(b -> RecordCodec.observations().decode(b)));
        long readerNs = best(5, () -> encoded.forEach(ObservationReader::decode));
        System.out.printf("E2E   decode: RecordCodec %.2f us/obs, the analyzer's ObservationReader %.2f us/obs%n", decodeNs / 1e3 / n,
                readerNs / 1e3 / n);

        // The core, fed as the runtime feeds it: warm-up rounds, then measured rounds, state carried.
        ScopeAnalyzer analyzer = new ScopeAnalyzer(SyntheticRegion.SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(),
                declaredClients());
        ScopeState state = ScopeState.empty(SyntheticRegion.SCOPE);
        long deadline = System.nanoTime() + timeout.toNanos();
        int fed = 0;
        int stateWrites = 0;
        int outputs = 0;
        long coreNs = 0;
        int measured = 0;
        int coreRounds = Math.min(rounds, 6);
        outer:
        for (int r = 0; r < warmupRounds + coreRounds; r++) {
            List<Observation> obs = flatten(stream.round(r, RoundStream.perRound()));
            long t0 = System.nanoTime();
            for (Observation o : obs) {
                Outcome out = analyzer.observe(state, o);
                if (out.state() != state && !out.state().sameButClock(state)) {
                    stateWrites += r >= warmupRounds ? 1 : 0;
                }
                outputs += r >= warmupRounds ? out.events().size() + out.findings().size() : 0;
                state = out.state();
                fed++;
                measured += r >= warmupRounds ? 1 : 0;
                if ((fed & 1023) == 0 && System.nanoTime() > deadline) {
                    coreNs += r >= warmupRounds ? System.nanoTime() - t0 : 0;
                    System.out.printf("E2E   core: stopped by --timeout after %,d observations%n", fed);
                    break outer;
                }
            }
            coreNs += r >= warmupRounds ? System.nanoTime() - t0 : 0;
        }
        if (measured > 0) {
            System.out.printf(Locale.ROOT, "E2E   core (ScopeAnalyzer.observe, %d clients), %,d observations after the warm-up: %.2f us/obs "
                    + "= %,.0f obs/s; %,d events and findings; %,d state changes that the runtime writes (%.1f per round)%n",
                    clients, measured, coreNs / 1e3 / measured, measured / (coreNs / 1e9), outputs, stateWrites,
                    stateWrites * (double) RoundStream.perRound() / measured);
        }
        try {
            byte[] json = Json.mapper().writeValueAsBytes(state);
            ScopeState last = state;
            long stateNs = best(5, () -> {
                try {
                    Json.mapper().writeValueAsBytes(last);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            System.out.printf("E2E   scope state as JSON: %,d bytes (%d file systems, %,d paths), %.2f ms to encode%n", json.length,
                    state.fileSystems().size(), state.paths().size(), stateNs / 1e6);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long best(int times, Runnable run) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            run.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private static List<Observation> flatten(List<RoundStream.Poll> polls) {
        List<Observation> all = new ArrayList<>();
        polls.forEach(p -> all.addAll(p.observations()));
        return all;
    }

    // ---------------------------------------------------------------------------------------------
    // Publishing, as the collector does.

    private KafkaObservationSink collectorSink(String bootstrapServers) {
        // What CollectorRole passes: the observations topic, its client id, the config's extra properties.
        return new KafkaObservationSink(bootstrapServers, Topics.OBSERVATIONS, "floatwatch-collector", collectorProperties);
    }

    private static void put(Map<String, String> into, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got " + keyValue);
        }
        into.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    /** One round through a fresh publisher: every resource, then one marker per source. */
    private int publishRound(ObservationSink sink, int round, int limit) {
        ObservationPublisher publisher = new ObservationPublisher(sink, Duration.ofSeconds(60));
        int sent = 0;
        for (RoundStream.Poll poll : stream.round(round, limit)) {
            sent += publisher.publishPoll(SyntheticRegion.SCOPE, poll.source(), poll.observations(), RoundStream.at(round),
                    Duration.ofMillis(200));
        }
        return sent;
    }

    private long publishMeasured(ObservationSink sink) throws Exception {
        long sent = 0;
        for (int i = 0; i < rounds; i++) {
            int r = warmupRounds + i;
            sent += publishRound(sink, r, i == rounds - 1 ? lastRoundSize : RoundStream.perRound());
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Observation o : stream.sentinel(sentinelAt())) {
            sends.add(sink.send(o.key(), o, o.observedAt()));
        }
        for (CompletableFuture<Void> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
        return sent;
    }

    /** A sink that accepts everything at once: the publisher's own cost. */
    private static final class NullSink implements ObservationSink {
        @Override
        public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The analyzer, as AnalyzerRole starts it.

    private List<DeclaredClient> declaredClients() {
        return SyntheticRegion.clients().subList(0, clients);
    }

    private AnalyzerRuntime startAnalyzer(String bootstrapServers, Path stateDir) throws InterruptedException {
        AnalyzerSettings settings = new AnalyzerSettings(bootstrapServers, AnalyzerSettings.DEFAULT_APPLICATION_ID, stateDir,
                FailoverPolicy.DEFAULT_STALL_DEADLINE, AnalyzerTopics.defaults(), RulePolicy.defaults(), declaredClients());
        AnalyzerRuntime runtime = AnalyzerRuntime.create(settings, streamsProperties);
        runtime.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (runtime.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return runtime;
    }

    private long endOffset(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Topics.OBSERVATIONS, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Input offsets the analyzer committed (with exactly-once: in the transaction of what it published). */
    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(AnalyzerSettings.DEFAULT_APPLICATION_ID)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.OBSERVATIONS) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static boolean awaitCommitted(Admin admin, long target, Duration timeout, AnalyzerRuntime analyzer) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && analyzer.alive()) {
            if (committed(admin) >= target) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Kafka Streams' own accounting of its thread and its producer.

    private static Map<String, Double> streamsMetrics(AnalyzerRuntime analyzer) {
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : analyzer.metrics().entrySet()) {
            MetricName name = e.getKey();
            Object value = e.getValue().metricValue();
            if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
                continue;
            }
            String group = name.group();
            boolean wanted = group.equals("stream-thread-metrics") || group.equals("stream-task-metrics")
                    || (group.equals("producer-metrics") && name.tags().getOrDefault("client-id", "").contains("StreamThread"))
                    || group.equals("stream-state-metrics");
            if (wanted) {
                String store = name.tags().getOrDefault("rocksdb-state-id", name.tags().getOrDefault("in-memory-state-id", ""));
                out.merge(group + ":" + name.name() + (store.isEmpty() ? "" : "[" + store + "]"), number.doubleValue(), Double::sum);
            }
        }
        return out;
    }

    private static void printStreams(Map<String, Double> before, Map<String, Double> after, double seconds) {
        System.out.println("E2E   Kafka Streams, stream thread (ratios: share of its wall time over the thread's life):");
        for (String ratio : List.of("process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio")) {
            Double v = after.get("stream-thread-metrics:" + ratio);
            if (v != null) {
                System.out.printf("E2E     %-16s %.2f%n", ratio, v);
            }
        }
        double commits = delta(before, after, "stream-thread-metrics:commit-total");
        double processed = delta(before, after, "stream-thread-metrics:process-total");
        System.out.printf("E2E     commits %.0f in %.1f s (%.1f/s, %.0f records each); commit-latency-avg %.1f ms; process-latency-avg %.3f ms "
                + "(per process call)%n", commits, seconds, commits / seconds, commits == 0 ? 0 : processed / commits,
                after.getOrDefault("stream-thread-metrics:commit-latency-avg", Double.NaN),
                after.getOrDefault("stream-thread-metrics:process-latency-avg", Double.NaN));
        double txnCommitNs = delta(before, after, "producer-metrics:txn-commit-time-ns-total");
        double flushNs = delta(before, after, "producer-metrics:flush-time-ns-total");
        double sendOffsetsNs = delta(before, after, "producer-metrics:txn-send-offsets-time-ns-total");
        double sent = delta(before, after, "producer-metrics:record-send-total");
        System.out.printf("E2E     producer of the stream thread: %,.0f records sent (changelogs, findings, events), %.0f bytes/record "
                + "avg; blocked in commitTransaction %.1f s, sendOffsetsToTransaction %.1f s, flush %.1f s%n", sent,
                after.getOrDefault("producer-metrics:record-size-avg", Double.NaN), txnCommitNs / 1e9, sendOffsetsNs / 1e9,
                flushNs / 1e9);
        after.forEach((k, v) -> {
            if (k.startsWith("stream-state-metrics:put-rate") || k.startsWith("stream-state-metrics:put-latency-avg")) {
                System.out.printf("E2E     %s %.1f%n", k, v);
            }
        });
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
