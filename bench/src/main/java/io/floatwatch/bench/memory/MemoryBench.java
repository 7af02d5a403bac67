package io.floatwatch.bench.memory;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.bench.region.SyntheticRegion;
import io.floatwatch.bench.region.Workload;
import io.floatwatch.model.observation.Observation;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Heap the analyzer needs to hold the synthetic region: the region model as a restarted analyzer
 * rebuilds it from its observation store ({@link ScopeAnalyzer#load}), with the 2,000 declared
 * clients. Run it with {@code -Xmx1g}: finishing at all is the first half of the answer.
 *
 * <p>{@code --every-file-system}: the same clients without their {@code fileSystemIds}, so each is
 * judged against all 500 file systems (a million paths), the worst case a config can ask for.
 */
public final class MemoryBench {

    private MemoryBench() {
    }

    public static void main(String[] args) {
        boolean everyFileSystem = List.of(args).contains("--every-file-system");
        List<DeclaredClient> clients = SyntheticRegion.clients().stream()
                .map(c -> everyFileSystem ? c.mounting(List.of()) : c).toList();
        long before = usedAfterGc();
        List<Observation> observations = SyntheticRegion.baseline(Workload.START);
        ScopeAnalyzer analyzer = new ScopeAnalyzer(SyntheticRegion.SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(),
                clients);
        observations.forEach(analyzer::load);
        observations = null;
        long after = usedAfterGc();
        System.out.printf("MEMORY region model: %d observations, %d resources held, heap %.1f MiB (max heap %d MiB)%n",
                SyntheticRegion.baseline(Workload.START).size(), analyzer.model().size(), (after - before) / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576);
        // One judged observation adds the rules' memory: per file system, and per client path.
        long started = System.nanoTime();
        ScopeState state = analyzer.observe(ScopeState.empty(SyntheticRegion.SCOPE),
                new PollCompleted(SyntheticRegion.SCOPE, Workload.START, "ec2.route-tables", PollCompleted.OK, 0, 1, null)).state();
        double seconds = (System.nanoTime() - started) / 1e9;
        long judged = usedAfterGc();
        System.out.printf("MEMORY plus the rules' state and indexes after judging everything once (%.1f s, clients mount %s):"
                + " %d open findings, %d non-reachable paths remembered, heap %.1f MiB%n", seconds,
                everyFileSystem ? "every file system" : "their own file system", state.open().size(), state.paths().size(),
                (judged - before) / 1048576.0);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
