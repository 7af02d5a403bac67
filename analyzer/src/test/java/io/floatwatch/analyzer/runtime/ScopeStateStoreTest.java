package io.floatwatch.analyzer.runtime;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.json.Json;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeStateStoreTest {

    private static final Scope OTHER = new Scope(SCOPE.account(), SCOPE.region() + "0");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void start() {
        AnalyzerSettings settings = new AnalyzerSettings("127.0.0.1:9", "scope-state-store-test", stateDir, null,
                AnalyzerTopics.defaults());
        driver = new TopologyTestDriver(AnalyzerTopology.build(settings), AnalyzerTopology.streamsConfig(settings));
        store = driver.getKeyValueStore(AnalyzerTopology.SCOPE_STATE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** The states a scope goes through: a file system at home, a failed poll (a scope-wide finding), then a failover. */
    private static List<ScopeState> history() {
        return outcomes().stream().map(Outcome::state).toList();
    }

    private static List<Outcome> outcomes() {
        ScopeAnalyzer analyzer = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(), List.of());
        ScopeState state = ScopeState.empty(SCOPE);
        List<Observation> feed = List.of(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)),
                eni(STANDBY, "subnet-1c", minutes(0)), table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)),
                new PollCompleted(SCOPE, minutes(1), "vpn.connections", PollCompleted.FAILED, 0, 10, "Throttling"),
                table("rtb-1", STANDBY, minutes(9)));
        List<Outcome> outcomes = new ArrayList<>();
        for (Observation o : feed) {
            Outcome outcome = analyzer.observe(state, o);
            state = outcome.state();
            outcomes.add(outcome);
        }
        return outcomes;
    }

    @Test
    void shouldLoadWhatWasWrittenWhenStoredEntryByEntry() {
        ScopeStateStore writer = new ScopeStateStore(store);
        writer.load(SCOPE);
        List<ScopeState> states = history();
        states.forEach(writer::write);
        ScopeState last = states.get(states.size() - 1);

        ScopeState loaded = new ScopeStateStore(store).load(SCOPE);

        assertThat(last.fileSystems()).isNotEmpty();
        assertThat(last.open()).as("a scope-wide finding is part of the history").isNotEmpty();
        assertThat(loaded).isEqualTo(last);
        assertThat(contents()).containsKey(SCOPE.id() + "|fileSystems|fs-0abc");
        assertThat(new ScopeStateStore(store).load(OTHER)).as("another scope shares no entry")
                .isEqualTo(ScopeState.empty(OTHER));
    }

    @Test
    void shouldStoreTheSameWhenOnlyTheEntriesTheCoreNamedAreCompared() {
        List<Outcome> outcomes = outcomes();
        assertThat(outcomes).as("the core names its changes").anyMatch(o -> o.changes() != null);
        ScopeStateStore compared = new ScopeStateStore(store);
        compared.load(SCOPE);
        outcomes.forEach(o -> compared.write(o.state()));
        Map<String, String> walked = contents();
        walked.keySet().forEach(store::delete);
        assertThat(contents()).isEmpty();
        ScopeStateStore named = new ScopeStateStore(store);
        named.load(SCOPE);
        for (Outcome o : outcomes) {
            named.write(o.state(), o.changes());
        }

        assertThat(contents()).isEqualTo(walked);
    }

    @Test
    void shouldWriteOnlyTheHeadAndTheEntriesThatChangedWhenOneFileSystemMoves() {
        ScopeStateStore writer = new ScopeStateStore(store);
        writer.load(SCOPE);
        List<ScopeState> states = history();
        states.subList(0, states.size() - 1).forEach(writer::write);
        Map<String, String> before = contents();

        writer.write(states.get(states.size() - 1));

        Map<String, String> after = contents();
        List<String> changed = after.keySet().stream().filter(k -> !after.get(k).equals(before.get(k))).toList();
        assertThat(changed).as("the head (its clock) and the file system that moved")
                .containsExactlyInAnyOrder(SCOPE.id(), SCOPE.id() + "|fileSystems|fs-0abc");
    }

    @Test
    void shouldReadTheWholeStateOfAnOlderBuildAndStoreItByEntryOnTheNextWrite() throws Exception {
        List<ScopeState> states = history();
        ScopeState last = states.get(states.size() - 1);
        store.put(SCOPE.id(), Json.mapper().writeValueAsBytes(last));

        ScopeStateStore upgraded = new ScopeStateStore(store);
        assertThat(upgraded.load(SCOPE)).isEqualTo(last);
        upgraded.write(last);

        assertThat(new String(store.get(SCOPE.id()), StandardCharsets.UTF_8)).contains(ScopeStateStore.LAYOUT)
                .doesNotContain("fs-0abc");
        assertThat(new ScopeStateStore(store).load(SCOPE)).isEqualTo(last);
    }

    @Test
    void shouldStartOverAndClearTheScopeWhenAnEntryIsUnreadable() {
        ScopeStateStore writer = new ScopeStateStore(store);
        writer.load(SCOPE);
        history().forEach(writer::write);
        store.put(SCOPE.id() + "|fileSystems|fs-0abc", "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(new ScopeStateStore(store).load(SCOPE)).isEqualTo(ScopeState.empty(SCOPE));
        assertThat(contents()).isEmpty();
    }

    private Map<String, String> contents() {
        Map<String, String> all = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                all.put(kv.key, Arrays.toString(kv.value));
            }
        }
        return all;
    }
}
