package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.NetworkInterfaceObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** ENIs, by id, by private address and by security group, and the ones deleted while the model lived. */
final class NetworkInterfaceIndex implements ObservationIndex<NetworkInterfaceObservation> {

    private final Consumer<String> changed;
    final Map<String, NetworkInterfaceObservation> byId = new HashMap<>();
    /** private address -> ids of the ENIs holding it. */
    final Map<String, Set<String>> byAddress = new HashMap<>();
    /** ENIs by the security groups they are in: the members a rule referencing the group admits. */
    final Map<String, Set<String>> byGroup = new HashMap<>();
    /**
     * ENIs seen and then deleted (tombstoned) while this model lived, with the scope's event time of the
     * tombstone (null when the scope had no clock yet). Not rebuilt after a restart;
     * a route to a deleted ENI is also a blackhole in AWS, which the rules read as well.
     */
    final Map<String, Instant> deleted = new TreeMap<>();

    NetworkInterfaceIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<NetworkInterfaceObservation> kind() {
        return NetworkInterfaceObservation.class;
    }

    @Override
    public NetworkInterfaceObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(NetworkInterfaceObservation eni) {
        remove(eni.networkInterfaceId(), null);
        byId.put(eni.networkInterfaceId(), eni);
        deleted.remove(eni.networkInterfaceId());
        changed.accept(ModelKey.eni(eni.networkInterfaceId()));
        for (String address : eni.privateIpAddresses()) {
            byAddress.computeIfAbsent(address, a -> new TreeSet<>()).add(eni.networkInterfaceId());
            changed.accept(ModelKey.eniAddress(address));
        }
        for (String group : eni.securityGroupIds()) {
            byGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(eni.networkInterfaceId());
            changed.accept(ModelKey.groupMembers(group));
        }
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        NetworkInterfaceObservation eni = byId.remove(resourceId);
        if (eni == null) {
            return false;
        }
        deleted.put(resourceId, at);
        changed.accept(ModelKey.eni(resourceId));
        for (String group : eni.securityGroupIds()) {
            changed.accept(ModelKey.groupMembers(group));
            forget(byGroup, group, resourceId);
        }
        for (String address : eni.privateIpAddresses()) {
            changed.accept(ModelKey.eniAddress(address));
            forget(byAddress, address, resourceId);
        }
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }

    private static void forget(Map<String, Set<String>> index, String key, String eniId) {
        Set<String> ids = index.get(key);
        if (ids != null) {
            ids.remove(eniId);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
