package io.floatwatch.analyzer.core.state;

import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.path.PathMemory;
import io.floatwatch.analyzer.core.sources.SourceCadence;
import io.floatwatch.analyzer.core.vpn.TunnelMemory;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The rules' memory for one scope (account, region): its event-time clock and the state of each
 * Multi-AZ file system. The runtime stores one of these per scope.
 *
 * @param version     bumped when the shape changes incompatibly; the runtime rebuilds from the
 *                    observations when it reads a version it does not know
 * @param clock       the latest observedAt seen in this scope; null before the first observation.
 *                    It only moves forward, so a late observation cannot turn time back.
 * @param fileSystems state per file system id
 * @param open        scope-wide findings (VPN, paths, lint, staleness) emitted as firing and not yet resolved
 * @param tunnels     memory per VPN tunnel outside IP, for flapping
 * @param paths       last verdict per client path, key {@code client fs-id address}
 * @param sources     learned poll cadence per source, for staleness
 */
public record ScopeState(int version, Scope scope, Instant clock, Map<String, FileSystemState> fileSystems,
        Map<String, Finding> open, Map<String, TunnelMemory> tunnels, Map<String, PathMemory> paths,
        Map<String, SourceCadence> sources) {

    public static final int VERSION = 1;

    public ScopeState {
        Objects.requireNonNull(scope, "scope");
        fileSystems = frozen(fileSystems);
        // Null when read from a state written before these existed: same version, nothing remembered yet.
        open = frozen(open);
        tunnels = frozen(tunnels);
        paths = frozen(paths);
        sources = frozen(sources);
    }

    private static final Class<?> FROZEN = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    /**
     * A sorted read-only copy, or the map itself when it already is one: the state is rebuilt on
     * every observation, and copying 500 file system states (or every remembered path) each time
     * was a third of the core's cost. The core never keeps a writable view of a map it froze.
     */
    static <V> Map<String, V> frozen(Map<String, V> map) {
        if (map == null) {
            return Collections.unmodifiableSortedMap(new TreeMap<>());
        }
        return map.getClass() == FROZEN ? map : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    public ScopeState withClock(Instant newClock) {
        return new ScopeState(version, scope, newClock, fileSystems, open, tunnels, paths, sources);
    }

    ScopeState withClockAndFileSystems(Instant newClock, Map<String, FileSystemState> newFileSystems) {
        return new ScopeState(version, scope, newClock, newFileSystems, open, tunnels, paths, sources);
    }

    ScopeState withScopeWide(Map<String, Finding> newOpen, Map<String, TunnelMemory> newTunnels,
            Map<String, PathMemory> newPaths, Map<String, SourceCadence> newSources) {
        return new ScopeState(version, scope, clock, fileSystems, newOpen, newTunnels, newPaths, newSources);
    }

    /**
     * True when {@code other} differs from this state at most in its clock: what an observation that
     * only moved event time returns. The runtime persists such a state lazily. Cheap when nothing
     * changed, since the core then hands back the very same maps and map equality starts with identity.
     */
    public boolean sameButClock(ScopeState other) {
        return other != null && version == other.version && scope.equals(other.scope)
                && fileSystems.equals(other.fileSystems) && open.equals(other.open) && tunnels.equals(other.tunnels)
                && paths.equals(other.paths) && sources.equals(other.sources);
    }

    public static ScopeState empty(Scope scope) {
        return new ScopeState(VERSION, scope, null, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }
}
