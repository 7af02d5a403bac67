package io.floatwatch.app.probe;

import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.probe.ProbeTargets;
import io.floatwatch.app.config.ProbeConfig;
import io.floatwatch.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a probe's targets come from: learned from the file-system observations (the default), or the endpoints
 * listed in {@code probe.targets} (an override, for a file system the collector does not watch or a pinned set).
 */
public interface ProbeTargetSource {

    /** A scope (the file system's account and region) and one of its targets. */
    record Located(Scope scope, ProbeTargets.Target target) {
    }

    /** Every address and port to probe now, in a stable order. */
    List<Located> targets();

    static ProbeTargetSource fixed(List<ProbeConfig.StaticTarget> configured, Set<EndpointKind> clientKinds) {
        List<Located> out = new ArrayList<>();
        for (ProbeConfig.StaticTarget t : configured) {
            Set<EndpointKind> kinds = t.endpoints().isEmpty() ? clientKinds : EndpointKind.parseAll(t.endpoints());
            Set<Integer> seen = new java.util.TreeSet<>();
            for (EndpointKind kind : kinds.stream().sorted().toList()) {
                for (int port : ProbeTargets.PORTS.getOrDefault(kind, List.of())) {
                    if (seen.add(port)) {
                        out.add(new Located(new Scope(t.account(), t.region()),
                                new ProbeTargets.Target(t.fileSystemId(), t.endpointIp(), port, kind.label())));
                    }
                }
            }
        }
        List<Located> fixed = List.copyOf(out);
        return () -> fixed;
    }

    static Learned learned(Set<String> fileSystemIds, Set<EndpointKind> kinds, String region) {
        return new Learned(fileSystemIds, kinds, region);
    }

    /** Targets learned from the observations topic ({@link EndpointLearner}). */
    final class Learned implements ProbeTargetSource {
        private final EndpointLearner learner;

        Learned(Set<String> fileSystemIds, Set<EndpointKind> kinds, String region) {
            this.learner = new EndpointLearner(fileSystemIds, kinds, region);
        }

        public void accept(String key, byte[] value) {
            learner.accept(key, value);
        }

        @Override
        public List<Located> targets() {
            return learner.targets();
        }
    }
}
