package io.floatwatch.analyzer.core;

import io.floatwatch.model.Scope;
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
 */
public record ScopeState(int version, Scope scope, Instant clock, Map<String, FileSystemState> fileSystems) {

    public static final int VERSION = 1;

    public ScopeState {
        Objects.requireNonNull(scope, "scope");
        fileSystems = fileSystems == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fileSystems));
    }

    public static ScopeState empty(Scope scope) {
        return new ScopeState(VERSION, scope, null, Map.of());
    }
}
