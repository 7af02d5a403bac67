package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.SubnetObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** File systems, by id, by VPC, as owners of their ENIs, and with the subnets their endpoint range overlaps. */
final class FileSystemIndex implements ObservationIndex<FileSystemObservation> {

    private final Consumer<String> changed;
    private final SubnetIndex subnets;
    // Sorted so that evaluations, and therefore outputs, come in the same order on every replay.
    final Map<String, FileSystemObservation> byId = new TreeMap<>();
    final Map<String, Set<String>> byVpc = new HashMap<>();
    /** eni id -> id of the file system listing it in NetworkInterfaceIds. */
    final Map<String, String> eniOwners = new HashMap<>();
    /** fs id -> subnets overlapping its endpoint range, kept as subnets arrive one record at a time. */
    final Map<String, Set<String>> rangeOverlaps = new HashMap<>();

    FileSystemIndex(Consumer<String> changed, SubnetIndex subnets) {
        this.changed = changed;
        this.subnets = subnets;
    }

    @Override
    public Class<FileSystemObservation> kind() {
        return FileSystemObservation.class;
    }

    @Override
    public FileSystemObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(FileSystemObservation fs) {
        remove(fs.fileSystemId(), null);
        byId.put(fs.fileSystemId(), fs);
        byVpc.computeIfAbsent(fs.vpcId(), v -> new TreeSet<>()).add(fs.fileSystemId());
        changedFileSystem(fs);
        for (String eni : fs.networkInterfaceIds()) {
            eniOwners.put(eni, fs.fileSystemId());
        }
        Set<String> overlapping = new TreeSet<>();
        for (String subnetId : subnets.byVpc.getOrDefault(fs.vpcId(), Set.of())) {
            if (Cidr.overlaps(fs.endpointIpAddressRange(), subnets.byId.get(subnetId).cidrBlock())) {
                overlapping.add(subnetId);
            }
        }
        rangeOverlaps.put(fs.fileSystemId(), overlapping);
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        FileSystemObservation fs = byId.remove(resourceId);
        rangeOverlaps.remove(resourceId);
        if (fs == null) {
            return false;
        }
        changedFileSystem(fs);
        Set<String> ofVpc = byVpc.get(fs.vpcId());
        if (ofVpc != null) {
            ofVpc.remove(resourceId);
        }
        for (String eni : fs.networkInterfaceIds()) {
            eniOwners.remove(eni, resourceId);
        }
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }

    /** A subnet arrived: the file systems of its VPC whose endpoint range it overlaps list it. */
    void subnetPut(SubnetObservation subnet) {
        for (String fsId : byVpc.getOrDefault(subnet.vpcId(), Set.of())) {
            FileSystemObservation fs = byId.get(fsId);
            if (Cidr.overlaps(fs.endpointIpAddressRange(), subnet.cidrBlock())) {
                rangeOverlaps.computeIfAbsent(fs.fileSystemId(), k -> new TreeSet<>()).add(subnet.subnetId());
            }
        }
    }

    /** A subnet left: no file system of its VPC lists it any more. */
    void subnetRemoved(SubnetObservation subnet) {
        for (String fsId : byVpc.getOrDefault(subnet.vpcId(), Set.of())) {
            Set<String> overlaps = rangeOverlaps.get(fsId);
            if (overlaps != null) {
                overlaps.remove(subnet.subnetId());
            }
        }
    }

    private void changedFileSystem(FileSystemObservation fs) {
        changed.accept(ModelKey.fileSystem(fs.fileSystemId()));
        changed.accept(ModelKey.fileSystemsOfVpc(fs.vpcId()));
        changed.accept(ModelKey.FILE_SYSTEMS);
        for (String eni : fs.networkInterfaceIds()) {
            changed.accept(ModelKey.eniOwner(eni));
        }
    }
}
