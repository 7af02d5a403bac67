package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one scope sees of its region: its own model first, then the models of the region's other
 * accounts (docs/domain.md section 6: a client in one account, a RAM-shared TGW in a network account, the file
 * system in a third). Every lookup of another account is recorded on the own model as a foreign key
 * ({@link #foreignKey}), so a piece that crossed accounts is judged again when that account's answer
 * changes.
 *
 * <p>Opened around one piece's judgement and closed after it: while open, the other models record
 * their reads into sinks of this view.
 */
public final class RegionView implements AutoCloseable {

    private final RegionModel own;
    private final List<RegionModel> others;
    private final Map<RegionModel, Set<String>> sinks = new LinkedHashMap<>();

    private RegionView(RegionModel own, Collection<RegionModel> others) {
        this.own = own;
        this.others = List.copyOf(others);
        for (RegionModel other : this.others) {
            Set<String> sink = new HashSet<>();
            sinks.put(other, sink);
            other.recordReads(sink);
        }
    }

    /** A view over the own model alone: what a scope sees when it shares its region with no other account. */
    public static RegionView alone(RegionModel own) {
        return new RegionView(own, List.of());
    }

    public static RegionView open(RegionModel own, Supplier<Collection<RegionModel>> neighbours) {
        List<RegionModel> others = new ArrayList<>();
        if (neighbours != null) {
            for (RegionModel m : neighbours.get()) {
                if (m != own && m.scope().region().equals(own.scope().region())) {
                    others.add(m);
                }
            }
        }
        return new RegionView(own, others);
    }

    /** The key a piece of this scope reads when it asks {@code account}'s model for {@code key}. */
    public static String foreignKey(String account, String key) {
        return "@" + account + "|" + key;
    }

    @Override
    public void close() {
        for (Map.Entry<RegionModel, Set<String>> e : sinks.entrySet()) {
            e.getKey().recordReads(null);
            String account = e.getKey().scope().account();
            for (String key : e.getValue()) {
                own.read(foreignKey(account, key));
            }
        }
    }

    public RegionModel own() {
        return own;
    }

    /** The accounts this view spans, the own one first. */
    List<RegionModel> models() {
        List<RegionModel> all = new ArrayList<>(others.size() + 1);
        all.add(own);
        all.addAll(others);
        return all;
    }

    private <T> Optional<T> first(Function<RegionModel, Optional<T>> lookup) {
        Optional<T> found = lookup.apply(own);
        for (int i = 0; found.isEmpty() && i < others.size(); i++) {
            found = lookup.apply(others.get(i));
        }
        return found;
    }

    private <T> List<T> union(Function<RegionModel, List<T>> lookup) {
        List<T> all = new ArrayList<>(lookup.apply(own));
        for (RegionModel other : others) {
            all.addAll(lookup.apply(other));
        }
        return all;
    }

    public Optional<RouteTableObservation> routeTableOfSubnet(String subnetId, String vpcId) {
        return first(m -> m.routeTableOfSubnet(subnetId, vpcId));
    }

    public Optional<io.floatwatch.model.observation.NetworkAclObservation> networkAclOfSubnet(String subnetId) {
        return first(m -> m.networkAclOfSubnet(subnetId));
    }

    public Optional<SubnetObservation> subnet(String subnetId) {
        return first(m -> m.subnet(subnetId));
    }

    public Optional<VpcObservation> vpc(String vpcId) {
        return first(m -> m.vpc(vpcId));
    }

    public Optional<FileSystemObservation> fileSystem(String fileSystemId) {
        return first(m -> m.fileSystem(fileSystemId));
    }

    public Optional<NetworkInterfaceObservation> networkInterfaceWithAddress(String address) {
        return first(m -> m.networkInterfaceWithAddress(address));
    }

    public Optional<TransitGatewayRouteTableObservation> tgwRouteTable(String id) {
        return first(m -> m.tgwRouteTable(id));
    }

    public Optional<VpnConnectionObservation> vpnConnection(String id) {
        return first(m -> m.vpnConnection(id));
    }

    public Optional<VpnGatewayObservation> vpnGateway(String id) {
        return first(m -> m.vpnGateway(id));
    }

    public List<FileSystemObservation> fileSystems() {
        return union(RegionModel::fileSystems);
    }

    public List<TransitGatewayRouteTableObservation> tgwRouteTables() {
        return union(RegionModel::tgwRouteTables);
    }

    public List<VpnConnectionObservation> vpnConnections() {
        return union(RegionModel::vpnConnections);
    }

    public List<VpcPeeringObservation> peerings() {
        return union(RegionModel::peerings);
    }

    /**
     * Every attachment of the region, once: the TGW owner and the attaching account both list an attachment,
     * and only the owner sees which TGW route table it is associated with, so that copy wins.
     */
    public List<TransitGatewayAttachmentObservation> tgwAttachments() {
        Map<String, TransitGatewayAttachmentObservation> byId = new LinkedHashMap<>();
        for (TransitGatewayAttachmentObservation a : union(RegionModel::tgwAttachments)) {
            byId.merge(a.attachmentId(), a, (was, now) -> was.associatedRouteTableId() == null ? now : was);
        }
        return List.copyOf(byId.values());
    }

    /** Whether {@code account} is in the view and its latest poll of {@code source} succeeded. */
    public boolean polled(String account, String source) {
        for (RegionModel m : models()) {
            if (m.scope().account().equals(account)) {
                PollCompleted p = m.polls().get(source);
                return p != null && p.ok();
            }
        }
        return false;
    }

    /** The account owning a Transit Gateway, as its attachments report it; null when unknown. */
    public String transitGatewayOwner(String tgwId) {
        for (TransitGatewayAttachmentObservation a : tgwAttachments()) {
            if (tgwId.equals(a.transitGatewayId()) && a.associatedRouteTableId() != null) {
                return a.scope().account();
            }
        }
        return null;
    }

    /** The latest poll marker of {@code source} in each account of the view. */
    public Map<String, PollCompleted> polls(String source) {
        Map<String, PollCompleted> out = new LinkedHashMap<>();
        for (RegionModel m : models()) {
            PollCompleted p = m.polls().get(source);
            if (p != null) {
                out.put(m.scope().account(), p);
            }
        }
        return out;
    }
}
