package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.NetworkAclObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Network ACLs, by id and by the subnets they guard. */
final class NetworkAclIndex implements ObservationIndex<NetworkAclObservation> {

    private final Consumer<String> changed;
    final Map<String, NetworkAclObservation> byId = new HashMap<>();
    final Map<String, String> ofSubnet = new HashMap<>();
    /** The subnets each ACL guards as far as the model knows: {@link #ofSubnet} the other way round. */
    private final Map<String, Set<String>> subnetsOfAcl = new HashMap<>();

    NetworkAclIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<NetworkAclObservation> kind() {
        return NetworkAclObservation.class;
    }

    @Override
    public NetworkAclObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(NetworkAclObservation acl) {
        String id = acl.networkAclId();
        if (byId.put(id, acl) == null && byId.size() == 1) {
            changed.accept(ModelKey.ANY_NETWORK_ACL);
        }
        Set<String> claims = subnetsOfAcl.computeIfAbsent(id, a -> new TreeSet<>());
        // A subnet moved here from another ACL (ReplaceNetworkAclAssociation) is this newer record's. One that
        // left this ACL stays with it until the ACL it joined is read: every subnet has exactly one ACL, and
        // the two records of a move arrive one after the other, so dropping it at once would judge the
        // subnet without an ACL in between.
        for (String subnet : acl.subnetIds()) {
            String before = ofSubnet.put(subnet, id);
            if (before != null && !before.equals(id) && subnetsOfAcl.containsKey(before)) {
                subnetsOfAcl.get(before).remove(subnet);
            }
            claims.add(subnet);
        }
        for (String subnet : claims) {
            changed.accept(ModelKey.aclOfSubnet(subnet));
        }
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        if (byId.remove(resourceId) == null) {
            return false;
        }
        for (String guarded : subnetsOfAcl.getOrDefault(resourceId, Set.of())) {
            changed.accept(ModelKey.aclOfSubnet(guarded));
            ofSubnet.remove(guarded, resourceId);
        }
        subnetsOfAcl.remove(resourceId);
        if (byId.isEmpty()) {
            changed.accept(ModelKey.ANY_NETWORK_ACL);
        }
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }
}
