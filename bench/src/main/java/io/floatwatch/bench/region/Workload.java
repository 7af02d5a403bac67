package io.floatwatch.bench.region;

import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the analyzer is fed in the benchmarks: every resource of the {@link SyntheticRegion},
 * polled round after round, 30 s apart. In every other round one file system in
 * {@link #FAILOVER_EVERY} has all its managed tables on the standby ENI, so the stream holds
 * failovers, convergences and failbacks as well as the unchanged re-observations that dominate a
 * real stream (and every record a restarted collector republishes).
 */
public final class Workload {

    public static final int FAILOVER_EVERY = 10;
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Workload() {
    }

    /** Two rounds of the whole region: home, then one file system in ten failed over. */
    public static List<Observation> rounds() {
        List<Observation> all = new ArrayList<>(SyntheticRegion.baseline(START));
        Instant second = START.plus(Duration.ofSeconds(30));
        for (Observation o : SyntheticRegion.baseline(second)) {
            all.add(failedOverCopy(o, second));
        }
        return all;
    }

    private static Observation failedOverCopy(Observation o, Instant at) {
        if (o instanceof io.floatwatch.model.observation.RouteTableObservation table) {
            long index = Long.parseLong(table.routeTableId().substring(4), 16);
            int fs = (int) (index / SyntheticRegion.TABLES_PER_VPC);
            int t = (int) (index % SyntheticRegion.TABLES_PER_VPC);
            return SyntheticRegion.routeTable(fs, t, fs % FAILOVER_EVERY == 0, at);
        }
        return o;
    }

    /**
     * An analyzer holding the whole region, as a restarted analyzer rebuilds it from its store
     * ({@code load}), that has then judged every file system once: the state a running analyzer has.
     *
     * @param clients how many of the synthetic region's declared clients to judge paths for
     */
    public static Loaded load(int clients) {
        ScopeAnalyzer analyzer = new ScopeAnalyzer(SyntheticRegion.SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(),
                SyntheticRegion.clients().subList(0, clients));
        ScopeState state = ScopeState.empty(SyntheticRegion.SCOPE);
        List<Observation> baseline = SyntheticRegion.baseline(START);
        baseline.forEach(analyzer::load);
        for (Observation o : baseline) {
            if (o instanceof io.floatwatch.model.observation.FileSystemObservation) {
                state = analyzer.observe(state, o).state();
            }
        }
        return new Loaded(analyzer, state);
    }

    /** An analyzer with its state; {@link #feed} carries the state forward like the runtime does. */
    public static final class Loaded {
        private final ScopeAnalyzer analyzer;
        private ScopeState state;

        Loaded(ScopeAnalyzer analyzer, ScopeState state) {
            this.analyzer = analyzer;
            this.state = state;
        }

        /** Returns the number of events and findings produced, so that nothing is optimised away. */
        public int feed(Observation o) {
            Outcome outcome = analyzer.observe(state, o);
            state = outcome.state();
            return outcome.events().size() + outcome.findings().size();
        }

        public ScopeAnalyzer analyzer() {
            return analyzer;
        }

        public ScopeState state() {
            return state;
        }
    }
}
