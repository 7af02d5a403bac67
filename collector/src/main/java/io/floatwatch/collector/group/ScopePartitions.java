package io.floatwatch.collector.group;

import io.floatwatch.model.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which partition of the coordination topic stands for which scope: partition i is the i-th scope in (account, region)
 * order. Every replica computes the same table from the same configured scopes, so owning partition i means polling
 * scope i. Partitions beyond the scopes (scopes removed from the config; a topic cannot shrink) stand for nothing.
 */
public final class ScopePartitions {

    private final List<Scope> scopes;

    public ScopePartitions(Collection<Scope> scopes) {
        TreeSet<Scope> sorted = new TreeSet<>(Comparator.comparing(Scope::account).thenComparing(Scope::region));
        sorted.addAll(scopes);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no scopes to share");
        }
        this.scopes = List.copyOf(sorted);
    }

    /** How many partitions the coordination topic needs at least. */
    public int count() {
        return scopes.size();
    }

    public Optional<Scope> scopeOf(int partition) {
        return partition >= 0 && partition < scopes.size() ? Optional.of(scopes.get(partition)) : Optional.empty();
    }

    public int partitionOf(Scope scope) {
        int i = scopes.indexOf(scope);
        if (i < 0) {
            throw new IllegalArgumentException(scope + " is not a configured scope");
        }
        return i;
    }

    /** The scopes a set of partitions stands for, in partition order. */
    public List<Scope> scopesOf(Collection<Integer> partitions) {
        List<Scope> out = new ArrayList<>();
        new TreeSet<>(partitions).forEach(p -> scopeOf(p).ifPresent(out::add));
        return out;
    }

    public Set<Scope> all() {
        return Set.copyOf(scopes);
    }
}
