package io.floatwatch.analyzer.runtime;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.failover.Phase;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTopologyTest {

    @TempDir
    Path stateDir;

    private AnalyzerSettings settings;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> observations;
    private TestOutputTopic<String, byte[]> findings;
    private TestOutputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        settings = new AnalyzerSettings("127.0.0.1:9", "analyzer-topology-test", stateDir, null, AnalyzerTopics.defaults());
        driver = new TopologyTestDriver(AnalyzerTopology.build(settings), AnalyzerTopology.streamsConfig(settings));
        AnalyzerTopics topics = settings.topics();
        observations = driver.createInputTopic(topics.observations(), new StringSerializer(), new ByteArraySerializer());
        findings = driver.createOutputTopic(topics.findings(), new StringDeserializer(), new ByteArrayDeserializer());
        events = driver.createOutputTopic(topics.events(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldPublishEventsAndFindingsKeyedBySubjectAndIdWhenRoutesMoveToTheStandby() {
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)));
        events.readRecordsToList();

        send(table("rtb-1", STANDBY, minutes(9)), table("rtb-2", STANDBY, minutes(10)));

        List<TestRecord<String, byte[]>> out = events.readRecordsToList();
        List<Event> decoded = out.stream().map(r -> RecordCodec.events().decode(r.value())).toList();
        assertThat(decoded).extracting(Event::type).containsExactly(EventType.ROUTE_TARGET, EventType.FAILOVER_STARTED,
                EventType.ROUTE_TARGET, EventType.FAILOVER_CONVERGED);
        assertThat(out).allSatisfy(r -> assertThat(r.key()).isEqualTo("123456789012/ap-northeast-1/fs-0abc"));
        List<TestRecord<String, byte[]>> published = findings.readRecordsToList();
        assertThat(published).allSatisfy(r -> assertThat(r.key()).isEqualTo(RecordCodec.findings().decode(r.value()).id()));
        Finding last = RecordCodec.findings().decode(published.get(published.size() - 1).value());
        assertThat(last.type()).isEqualTo(FindingType.FSX_FAILED_OVER);
        assertThat(last.evidence()).containsEntry("phase", "converged").containsEntry("convergence_seconds", "60");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterUndecodableRecordsWithTheReasonAndKeepProcessingWhenPoisoned() {
        observations.pipeInput("123456789012/ap-northeast-1/rtb-1", "{not json".getBytes(StandardCharsets.UTF_8));
        observations.pipeInput("123456789012/ap-northeast-1/rtb-1", "{\"schemaVersion\":99}".getBytes(StandardCharsets.UTF_8));
        observations.pipeInput("no-slashes", RecordCodec.observations().encode(table("rtb-1", PREFERRED, minutes(0))));
        observations.pipeInput("123456789012/ap-northeast-1/rtb-9", RecordCodec.observations().encode(table("rtb-1", PREFERRED, minutes(0))));
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)), table("rtb-1", STANDBY, minutes(3)));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> reason(r)).satisfiesExactly(
                r -> assertThat(r).startsWith("not JSON"),
                r -> assertThat(r).contains("schemaVersion 99 is not supported"),
                r -> assertThat(r).startsWith("bad key"),
                r -> assertThat(r).contains("does not match"));
        assertThat(dead.get(0).value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(0).headers().lastHeader(DeadLetters.SOURCE_TOPIC).value())
                .isEqualTo(settings.topics().observations().getBytes(StandardCharsets.UTF_8));
        List<EventType> types = events.readValuesToList().stream().map(v -> RecordCodec.events().decode(v).type()).toList();
        assertThat(types).as("the stream went on after the poison records").contains(EventType.FAILOVER_STARTED);
    }

    @Test
    void shouldForgetTheResourceAndResolveItsFindingsWhenATombstoneArrives() {
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)), table("rtb-1", STANDBY, minutes(3)));
        findings.readRecordsToList();

        observations.pipeInput("123456789012/ap-northeast-1/fs-0abc", (byte[]) null);

        Finding resolved = RecordCodec.findings().decode(findings.readValue());
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AnalyzerTopology.OBSERVATION_STORE);
        assertThat(store.get("123456789012/ap-northeast-1/fs-0abc")).isNull();
        assertThat(store.get("123456789012/ap-northeast-1/rtb-1")).isNotNull();
    }

    @Test
    void shouldPublishNothingWhenTheSameObservationArrivesTwice() {
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)), table("rtb-1", STANDBY, minutes(3)));
        events.readRecordsToList();
        findings.readRecordsToList();

        send(table("rtb-1", STANDBY, minutes(3)));

        assertThat(events.isEmpty()).isTrue();
        assertThat(findings.isEmpty()).isTrue();
    }

    @Test
    void shouldStoreTheStateWithItsRecordWhenItChangesAndAClockTickOnlyOnPunctuation() {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AnalyzerTopology.SCOPE_STATE_STORE);
        String scope = io.floatwatch.analyzer.core.Fixture.SCOPE.id();
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)));
        byte[] home = store.get(scope);
        ScopeState homeState = stored(store);

        send(eni(PREFERRED, "subnet-1a", minutes(1)));
        assertThat(store.get(scope)).as("an unchanged observation only moves the clock").isEqualTo(home);

        driver.advanceWallClockTime(ObservationProcessor.CLOCK_FLUSH);
        ScopeState ticked = stored(store);
        assertThat(ticked.clock()).isEqualTo(minutes(1));
        assertThat(ticked.sameButClock(homeState)).isTrue();

        send(table("rtb-1", STANDBY, minutes(3)));
        ScopeState moved = stored(store);
        assertThat(moved.clock()).isEqualTo(minutes(3));
        assertThat(moved.fileSystems().get("fs-0abc").phase()).isEqualTo(Phase.FAILING_OVER);
    }

    @Test
    void shouldKeepTheRecordOfUnchangedContentAndStoreEveryRecordTheCoreTook() {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AnalyzerTopology.OBSERVATION_STORE);
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)));
        String rtb2 = table("rtb-2", PREFERRED, minutes(0)).key().value();
        String rtb1 = table("rtb-1", PREFERRED, minutes(0)).key().value();
        String fs = fileSystem(minutes(0)).key().value();

        send(table("rtb-2", PREFERRED, minutes(1)), fileSystem(minutes(1)));
        assertThat(observedAt(store, rtb2)).as("a repeat the core took for a clock tick is not written").isEqualTo(minutes(0));
        assertThat(observedAt(store, fs)).isEqualTo(minutes(0));

        send(table("rtb-1", STANDBY, minutes(3)));
        assertThat(observedAt(store, rtb1)).as("a change is written").isEqualTo(minutes(3));
        send(fileSystem(minutes(4)));
        assertThat(observedAt(store, fs)).as("the same file system after a failover started decides its cause: the core took it")
                .isEqualTo(minutes(4));
    }

    private static Instant observedAt(KeyValueStore<String, byte[]> store, String key) {
        return RecordCodec.observations().decode(store.get(key)).observedAt();
    }

    private static ScopeState stored(KeyValueStore<String, byte[]> store) {
        return new ScopeStateStore(store).load(io.floatwatch.analyzer.core.Fixture.SCOPE);
    }

    private void send(Observation... list) {
        for (Observation o : list) {
            observations.pipeInput(o.key().value(), RecordCodec.observations().encode(o));
        }
    }

    private static String reason(TestRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(DeadLetters.REASON);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
