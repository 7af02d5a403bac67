package io.floatwatch.analyzer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.incremental.IncrementalJudgementTest.RandomRegion;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.SameContent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's observation store skips a record that repeats the last one of its key (all but
 * observedAt) when the core took it for a clock tick ({@link ScopeAnalyzer#holds} false): the store
 * then holds an earlier record of the same content, as the model does. Before, it wrote every
 * record. This restarts the core at many points of long random streams, rebuilt once from each
 * store, and requires both rebuilt cores to publish the same and keep the same state from there on.
 */
class StoredModelTest {

    private static final Scope SCOPE = Fixture.SCOPE;
    private static final int STEPS = 2_000;
    private static final int RESTART_EVERY = 37;
    private static final int COMPARED_AFTER_RESTART = 60;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void aCoreRebuiltFromTheSkippingStoreJudgesAsOneRebuiltFromEveryRecord(long seed) {
        RandomRegion region = new RandomRegion(new Random(seed));
        List<RandomRegion.Change> stream = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            stream.add(region.next());
        }
        List<DeclaredClient> clients = RandomRegion.clients();
        ScopeAnalyzer running = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(), clients);
        ScopeState state = ScopeState.empty(SCOPE);
        Map<String, Observation> skipping = new HashMap<>();
        Map<String, Observation> everyRecord = new HashMap<>();
        List<ScopeState> stateBefore = new ArrayList<>();
        List<Map<String, Observation>> skippingAt = new ArrayList<>();
        List<Map<String, Observation>> everyRecordAt = new ArrayList<>();
        int skipped = 0;
        for (RandomRegion.Change change : stream) {
            stateBefore.add(state);
            skippingAt.add(Map.copyOf(skipping));
            everyRecordAt.add(Map.copyOf(everyRecord));
            Outcome outcome;
            if (change.deleted() != null) {
                outcome = running.delete(state, change.deleted());
                skipping.remove(change.deleted());
                everyRecord.remove(change.deleted());
            } else {
                Observation o = change.observation();
                // What RepeatedRecords calls a repeat: the last record of the key, but for observedAt.
                boolean repeat = SameContent.of(o, everyRecord.get(o.resourceId()));
                outcome = running.observe(state, o);
                everyRecord.put(o.resourceId(), o);
                if (!repeat || running.holds(o)) {
                    skipping.put(o.resourceId(), o);
                } else {
                    skipped++;
                }
            }
            state = outcome.state();
        }
        assertThat(skipped).as("records the store skipped").isGreaterThan(STEPS / 10);

        int restarts = 0;
        long compared = 0;
        for (int at = 100; at + COMPARED_AFTER_RESTART < STEPS; at += RESTART_EVERY) {
            ScopeAnalyzer fromSkipping = rebuilt(skippingAt.get(at).values(), clients);
            ScopeAnalyzer fromEveryRecord = rebuilt(everyRecordAt.get(at).values(), clients);
            ScopeState a = stateBefore.get(at);
            ScopeState b = a;
            for (int i = at; i < at + COMPARED_AFTER_RESTART; i++) {
                RandomRegion.Change change = stream.get(i);
                Outcome x = feed(fromSkipping, a, change);
                Outcome y = feed(fromEveryRecord, b, change);
                String where = "seed " + seed + ", restart before step " + at + ", step " + i + ": " + change;
                assertThat(x.events()).as(where).isEqualTo(y.events());
                assertThat(x.findings()).as(where).isEqualTo(y.findings());
                assertThat(x.state()).as(where).isEqualTo(y.state());
                a = x.state();
                b = y.state();
                compared += x.events().size() + x.findings().size();
            }
            restarts++;
        }
        assertThat(restarts).isGreaterThan(40);
        assertThat(compared).as("versions compared, or the comparison proves nothing").isGreaterThan(150);
    }

    private static ScopeAnalyzer rebuilt(Collection<Observation> stored, List<DeclaredClient> clients) {
        ScopeAnalyzer analyzer = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(), clients);
        stored.forEach(analyzer::load);
        return analyzer;
    }

    private static Outcome feed(ScopeAnalyzer analyzer, ScopeState state, RandomRegion.Change change) {
        return change.deleted() != null ? analyzer.delete(state, change.deleted()) : analyzer.observe(state, change.observation());
    }
}
