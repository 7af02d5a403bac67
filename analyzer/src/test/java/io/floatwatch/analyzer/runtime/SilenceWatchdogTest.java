package io.floatwatch.analyzer.runtime;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.sources.ScopeSilence;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall-clock watchdog through the topology: the driver's mock wall clock plays the silence, and
 * the observations are dated at the fixture's T0, long before that clock, as a replay's would be.
 */
class SilenceWatchdogTest {

    private static final Duration STALE_AFTER = RulePolicy.defaults().staleAfter();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private AnalyzerStats stats;
    private TestInputTopic<String, byte[]> observations;
    private TestOutputTopic<String, byte[]> findings;

    @BeforeEach
    void start() {
        AnalyzerSettings settings = new AnalyzerSettings("127.0.0.1:9", "watchdog-test", stateDir, null,
                AnalyzerTopics.defaults(), RulePolicy.defaults(), List.of());
        stats = new AnalyzerStats(settings.topics());
        driver = new TopologyTestDriver(AnalyzerTopology.build(settings, stats), AnalyzerTopology.streamsConfig(settings));
        observations = driver.createInputTopic(settings.topics().observations(), new StringSerializer(), new ByteArraySerializer());
        findings = driver.createOutputTopic(settings.topics().findings(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldRaiseDataStaleForTheScopeWhenNothingArrivesForLongerThanStaleAfterAndResolveItWhenRecordsReturn() {
        send(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)));
        findings.readRecordsToList();

        driver.advanceWallClockTime(STALE_AFTER.minusSeconds(10));
        assertThat(watchdogFindings()).as("silent, but not yet for staleAfter").isEmpty();

        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<Finding> raised = watchdogFindings();
        assertThat(raised).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.DATA_STALE);
            assertThat(f.status()).isEqualTo(FindingStatus.FIRING);
            assertThat(f.labels()).containsEntry("account", SCOPE.account()).containsEntry("region", SCOPE.region());
            assertThat(f.summary()).contains("nothing received from any source");
        });

        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(watchdogFindings()).as("published once while the silence lasts").isEmpty();

        send(table("rtb-1", PREFERRED, minutes(1)));
        assertThat(watchdogFindings()).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.RESOLVED));
    }

    @Test
    void shouldCountEachRecordByOutcomeAndMarkTheScopesLastRecordWhenRecordsArrive() {
        send(fileSystem(minutes(0)), table("rtb-1", PREFERRED, minutes(2)));
        observations.pipeInput("123456789012/ap-northeast-1/rtb-1", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        observations.pipeInput("123456789012/ap-northeast-1/rtb-2", (byte[]) null);

        assertThat(stats.readCount(AnalyzerStats.Read.APPLIED)).isEqualTo(2);
        assertThat(stats.readCount(AnalyzerStats.Read.DEAD_LETTERED)).isEqualTo(1);
        assertThat(stats.readCount(AnalyzerStats.Read.TOMBSTONE)).isEqualTo(1);
        assertThat(stats.writtenCount(AnalyzerTopics.defaults().deadLetter())).isEqualTo(1);
        assertThat(stats.scopes().get(SCOPE).newestObservedAt()).isEqualTo(minutes(2).toEpochMilli());
    }

    @Test
    void shouldFindEveryStoredScopeHeadAndSkipTheirEntriesWhenTheTaskStarts() {
        Scope other = new Scope("123456789012", "ap-northeast-10");
        send(fileSystem(minutes(0)), table("rtb-1", PREFERRED, minutes(0)), table("rtb-1", STANDBY, minutes(1)));
        send(new io.floatwatch.model.observation.PollCompleted(other, minutes(0), "route-tables",
                io.floatwatch.model.observation.PollCompleted.OK, 0, 1, null));

        assertThat(SilenceWatch.storedScopes(driver.getKeyValueStore(AnalyzerTopology.SCOPE_STATE_STORE)))
                .containsExactlyInAnyOrder(SCOPE, other);
    }

    @Test
    void shouldWatchEveryStoredScopeAndRememberAFiringWatchdogFindingWhenStartedOverTheStores() {
        send(fileSystem(minutes(0)), table("rtb-1", PREFERRED, minutes(0)));
        driver.advanceWallClockTime(STALE_AFTER.plusSeconds(10));
        assertThat(watchdogFindings()).singleElement().satisfies(f -> assertThat(f.firing()).isTrue());
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> states =
                driver.getKeyValueStore(AnalyzerTopology.SCOPE_STATE_STORE);
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> published =
                driver.getKeyValueStore(AnalyzerTopology.FINDING_STORE);
        long restartedAt = 1_000_000L;

        // A restarted task: a new watch over the same stores, before any record arrives.
        AnalyzerStats fresh = new AnalyzerStats(AnalyzerTopics.defaults());
        SilenceWatch watch = new SilenceWatch(RulePolicy.defaults(), fresh);
        watch.init(states, published, restartedAt);

        assertThat(fresh.scopes()).as("watched from the store").containsKey(SCOPE);
        assertThat(watch.tick(restartedAt + STALE_AFTER.toMillis() * 2, s -> io.floatwatch.analyzer.core.state.ScopeState.empty(s)))
                .as("its finding fires already: not raised twice").isEmpty();
        assertThat(watch.heard(SCOPE, restartedAt + 1, 0)).as("the next record must resolve it").isTrue();
        assertThat(watch.resolve(SCOPE, published, restartedAt + 1).status()).isEqualTo(FindingStatus.RESOLVED);
    }

    @Test
    void shouldRaiseTheWatchdogForAStoredScopeThatStaysSilentAfterARestart() {
        send(fileSystem(minutes(0)));
        AnalyzerStats fresh = new AnalyzerStats(AnalyzerTopics.defaults());
        SilenceWatch watch = new SilenceWatch(RulePolicy.defaults(), fresh);
        long restartedAt = 1_000_000L;
        watch.init(driver.getKeyValueStore(AnalyzerTopology.SCOPE_STATE_STORE),
                driver.getKeyValueStore(AnalyzerTopology.FINDING_STORE), restartedAt);

        assertThat(watch.tick(restartedAt + STALE_AFTER.toMillis() - 1000, io.floatwatch.analyzer.core.state.ScopeState::empty)).isEmpty();
        assertThat(watch.tick(restartedAt + STALE_AFTER.toMillis() + 1000, io.floatwatch.analyzer.core.state.ScopeState::empty))
                .singleElement().satisfies(f -> assertThat(f.id()).isEqualTo(ScopeSilence.findingId(SCOPE)));
    }

    private List<Finding> watchdogFindings() {
        return findings.readValuesToList().stream().map(v -> RecordCodec.findings().decode(v))
                .filter(f -> f.subject().equals(ScopeSilence.subject(SCOPE))).toList();
    }

    private void send(Observation... list) {
        for (Observation o : list) {
            observations.pipeInput(o.key().value(), RecordCodec.observations().encode(o));
        }
    }
}
