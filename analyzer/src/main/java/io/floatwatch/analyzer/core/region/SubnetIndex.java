package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.SubnetObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Subnets, by id and by VPC; each one also tells the file systems whose endpoint range it may overlap. */
final class SubnetIndex implements ObservationIndex<SubnetObservation> {

    private final Consumer<String> changed;
    /** The file systems' index, built after this one: each needs the other to keep the range overlaps. */
    private final Supplier<FileSystemIndex> fileSystems;
    final Map<String, SubnetObservation> byId = new TreeMap<>();
    /** vpc id -> its subnet ids: the scope-wide rules ask per file system on every observation. */
    final Map<String, Set<String>> byVpc = new HashMap<>();

    SubnetIndex(Consumer<String> changed, Supplier<FileSystemIndex> fileSystems) {
        this.changed = changed;
        this.fileSystems = fileSystems;
    }

    @Override
    public Class<SubnetObservation> kind() {
        return SubnetObservation.class;
    }

    @Override
    public SubnetObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(SubnetObservation subnet) {
        remove(subnet.subnetId(), null);
        byId.put(subnet.subnetId(), subnet);
        byVpc.computeIfAbsent(subnet.vpcId(), v -> new TreeSet<>()).add(subnet.subnetId());
        changed.accept(ModelKey.subnet(subnet.subnetId()));
        changed.accept(ModelKey.subnetsOfVpc(subnet.vpcId()));
        fileSystems.get().subnetPut(subnet);
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        SubnetObservation subnet = byId.remove(resourceId);
        if (subnet == null) {
            return false;
        }
        changed.accept(ModelKey.subnet(resourceId));
        changed.accept(ModelKey.subnetsOfVpc(subnet.vpcId()));
        if (byVpc.containsKey(subnet.vpcId())) {
            byVpc.get(subnet.vpcId()).remove(resourceId);
        }
        fileSystems.get().subnetRemoved(subnet);
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }
}
