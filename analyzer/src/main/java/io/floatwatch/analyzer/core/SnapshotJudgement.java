package io.floatwatch.analyzer.core;

import io.floatwatch.analyzer.core.path.ClientPath;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.observation.Observation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules over one complete snapshot of every watched scope, without Kafka: what {@code floatwatch check}
 * judges after polling each source once. The same {@link ScopeAnalyzer}s as the streaming runtime, with the
 * same start gate, so a source whose poll failed holds every piece that needs it, exactly as at a start.
 *
 * <p>Every scope's model is loaded before any is judged, because a client's path crosses accounts (its
 * subnet in one, the TGW in another, the file system in a third): judged in turn, the first scope would see
 * the others empty. Then each scope's newest observation is applied to the loaded model, which judges every
 * piece once at the snapshot's own time.
 */
public final class SnapshotJudgement {

    /**
     * @param findings the findings firing after the snapshot, by id
     * @param paths    every declared client's path to every endpoint it uses, reachable ones included
     */
    public record Result(List<Finding> findings, List<ClientPath> paths) {

        public Result {
            findings = List.copyOf(findings);
            paths = List.copyOf(paths);
        }
    }

    private SnapshotJudgement() {
    }

    public static Result judge(List<Observation> snapshot, FailoverPolicy policy, RulePolicy rules,
            List<DeclaredClient> clients, List<Scope> watched) {
        Map<Scope, List<Observation>> byScope = new LinkedHashMap<>();
        for (Observation o : snapshot) {
            byScope.computeIfAbsent(o.scope(), s -> new ArrayList<>()).add(o);
        }
        Map<Scope, ScopeAnalyzer> analyzers = new LinkedHashMap<>();
        for (Scope scope : byScope.keySet()) {
            ScopeAnalyzer analyzer = new ScopeAnalyzer(scope, policy, rules, clients, watched).gateOnFirstPolls(true);
            analyzer.joinRegion(() -> analyzers.values().stream()
                    .filter(a -> a.scope().region().equals(scope.region())).toList());
            analyzers.put(scope, analyzer);
        }
        Map<Scope, Observation> newest = new LinkedHashMap<>();
        byScope.forEach((scope, observations) -> {
            Observation last = observations.stream().max(Comparator.comparing(Observation::observedAt)).orElseThrow();
            newest.put(scope, last);
            for (Observation o : observations) {
                if (o != last) {
                    analyzers.get(scope).load(o);
                }
            }
            // Loaded too, so every model is whole before the first judgement reads a neighbour.
            analyzers.get(scope).load(last);
        });
        List<Finding> findings = new ArrayList<>();
        List<ClientPath> paths = new ArrayList<>();
        for (Map.Entry<Scope, ScopeAnalyzer> e : analyzers.entrySet()) {
            ScopeAnalyzer analyzer = e.getValue();
            ScopeState state = analyzer.observe(ScopeState.empty(e.getKey()), newest.get(e.getKey())).state();
            state.open().values().stream().filter(Finding::firing).forEach(findings::add);
            state.fileSystems().values().forEach(fs -> fs.open().values().stream().filter(Finding::firing).forEach(findings::add));
            paths.addAll(analyzer.clientPaths(state));
        }
        findings.sort(Comparator.comparing(Finding::id));
        return new Result(findings, paths);
    }
}
