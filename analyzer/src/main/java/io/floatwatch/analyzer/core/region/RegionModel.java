package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.ProbeObservation;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SecurityGroupObservation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The latest observation of every resource of one scope, with the few indexes the rules need.
 *
 * <p>This is a cache, not state of its own: it holds exactly what the compacted observations
 * topic (or the analyzer's observation store) holds, so it can always be rebuilt from there and
 * never has to be persisted. Putting the same observation twice is harmless.
 *
 * <p>It also tells the rules what changed. Every accessor names the piece of the model it reads
 * (a {@link ModelKey}); while a rule runs under {@link #recordReads}, those names are collected, and every
 * put or remove lists the names whose answer it may have changed ({@link #takeChanges}). A rule
 * whose reads do not meet the changes would judge as it did before, so the analyzer skips it.
 * A new accessor must call {@link #read}, and put/remove must name what it changes: the
 * equivalence test in the tests compares this against judging everything on every observation.
 */
public final class RegionModel {

    private final Scope scope;
    private final Consumer<String> changed = this::changed;
    private final RouteTableIndex routeTables = new RouteTableIndex(changed);
    private final SubnetIndex subnets = new SubnetIndex(changed, this::fileSystemIndex);
    private final FileSystemIndex fileSystems = new FileSystemIndex(changed, subnets);
    private final NetworkInterfaceIndex networkInterfaces = new NetworkInterfaceIndex(changed);
    private final PollIndex polls = new PollIndex(changed);
    private final PlainIndex<VpcObservation> vpcs = new PlainIndex<>(VpcObservation.class, new HashMap<>(),
            id -> List.of(ModelKey.vpc(id)), changed);
    private final PlainIndex<VpcPeeringObservation> peerings = new PlainIndex<>(VpcPeeringObservation.class,
            new TreeMap<>(), id -> List.of(ModelKey.PEERINGS), changed);
    private final PlainIndex<TransitGatewayObservation> transitGateways = new PlainIndex<>(
            TransitGatewayObservation.class, new TreeMap<>(), id -> List.of(ModelKey.tgw(id)), changed);
    private final PlainIndex<TransitGatewayAttachmentObservation> tgwAttachments = new PlainIndex<>(
            TransitGatewayAttachmentObservation.class, new TreeMap<>(),
            id -> List.of(ModelKey.ATTACHMENTS, ModelKey.attachment(id)), changed);
    private final PlainIndex<TransitGatewayRouteTableObservation> tgwRouteTables = new PlainIndex<>(
            TransitGatewayRouteTableObservation.class, new TreeMap<>(),
            id -> List.of(ModelKey.TGW_ROUTE_TABLES, ModelKey.tgwRouteTable(id)), changed);
    private final VpnConnectionIndex vpnConnections = new VpnConnectionIndex(changed);
    private final PlainIndex<VpnGatewayObservation> vpnGateways = new PlainIndex<>(VpnGatewayObservation.class,
            new TreeMap<>(), id -> List.of(ModelKey.vgw(id)), changed);
    private final TunnelStateIndex tunnelStates = new TunnelStateIndex(changed);
    private final PlainIndex<StorageVirtualMachineObservation> svms = new PlainIndex<>(
            StorageVirtualMachineObservation.class, new TreeMap<>(), id -> List.of(ModelKey.SVMS), changed);
    private final PlainIndex<SecurityGroupObservation> securityGroups = new PlainIndex<>(SecurityGroupObservation.class,
            new HashMap<>(), id -> List.of(ModelKey.securityGroup(id)), changed);
    private final NetworkAclIndex networkAcls = new NetworkAclIndex(changed);
    private final ProbeIndex probes = new ProbeIndex(changed);
    /** Every kind's index, by kind: a put goes to its kind's index, a tombstone to the index holding its id. */
    private final Map<Class<? extends Observation>, ObservationIndex<?>> indexes = new LinkedHashMap<>();
    /** Keys read since {@link #recordReads} started; null when nobody records. */
    private Set<String> reads;
    /** Keys whose answer changed since the last {@link #takeChanges}. */
    private Set<String> changes = new HashSet<>();

    public RegionModel(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
        for (ObservationIndex<?> index : List.of(probes, routeTables, fileSystems, networkInterfaces, vpcs, subnets,
                peerings, transitGateways, tgwAttachments, tgwRouteTables, vpnConnections, vpnGateways, svms,
                securityGroups, networkAcls, tunnelStates, polls)) {
            indexes.put(index.kind(), index);
        }
        Set<Class<?>> unindexed = new TreeSet<>(java.util.Comparator.comparing(Class::getSimpleName));
        unindexed.addAll(List.of(Observation.class.getPermittedSubclasses()));
        unindexed.removeAll(indexes.keySet());
        if (!unindexed.isEmpty()) {
            // Fails every test at once rather than when the first such observation arrives in production.
            throw new IllegalStateException("no ObservationIndex in RegionModel's table for " + unindexed
                    + ": each observation kind needs one");
        }
    }

    public Scope scope() {
        return scope;
    }

    /** From now on, every key read goes into {@code sink}; null stops recording. */
    public void recordReads(Set<String> sink) {
        reads = sink;
    }

    /** Notes a key read by the rule being recorded; for inputs that live outside the model, such as a cadence. */
    public void read(String key) {
        if (reads != null) {
            reads.add(key);
        }
    }

    private void changed(String key) {
        changes.add(key);
    }

    /** The keys changed since the last call, and forgets them. */
    public Set<String> takeChanges() {
        Set<String> out = changes;
        changes = new HashSet<>();
        return out;
    }

    private FileSystemIndex fileSystemIndex() {
        return fileSystems;
    }

    /** The index of the observation's kind; every kind of the sealed {@link Observation} has one. */
    @SuppressWarnings("unchecked")
    private <T extends Observation> ObservationIndex<T> indexOf(T observation) {
        ObservationIndex<T> index = (ObservationIndex<T>) indexes.get(observation.getClass());
        if (index == null) {
            throw new IllegalStateException("no index for observations of kind " + observation.getClass().getSimpleName()
                    + ": a new kind needs an ObservationIndex in RegionModel's table");
        }
        return index;
    }

    /** The observation held for the same resource and kind as {@code like}, or null. */
    public Observation held(Observation like) {
        return indexOf(like).held(like.resourceId());
    }

    /** The observation held under this resource id, of whichever kind; null when none is. */
    public Observation held(String resourceId) {
        for (ObservationIndex<?> index : indexes.values()) {
            Observation held = index.held(resourceId);
            if (held != null) {
                return held;
            }
        }
        return null;
    }

    /** Records the latest state of one resource; observations of other scopes are refused. */
    public void put(Observation observation) {
        if (!scope.equals(observation.scope())) {
            throw new IllegalArgumentException("observation of " + observation.scope() + " fed to the model of " + scope);
        }
        indexOf(observation).put(observation);
    }

    /** The fresh and stale probe records of one client towards one endpoint address, by port. */
    public List<ProbeObservation> probes(String client, String fsId, String ip) {
        read(ModelKey.probe(client, fsId, ip));
        return probes.towards(client, fsId, ip);
    }

    /**
     * Every probe record towards a file system, of any client, without noting a read: the failover piece reads them
     * only to describe the cycle it just closed, never to decide anything.
     */
    public List<ProbeObservation> probesOfFileSystem(String fsId) {
        return probes.ofFileSystem(fsId);
    }

    /** Forgets a resource after a tombstone; resource ids are unique across kinds (rtb-, fs-, eni-). */
    public void remove(String resourceId) {
        remove(resourceId, null);
    }

    /**
     * Forgets a resource after a tombstone seen at the scope's event time {@code at} (null when unknown): an
     * ENI remembers when it vanished, so a route to it is judged on a table read newer than that.
     */
    public void remove(String resourceId, Instant at) {
        for (ObservationIndex<?> index : indexes.values()) {
            if (index.remove(resourceId, at)) {
                // Resource ids are unique across kinds: no other index holds this one.
                return;
            }
        }
    }

    public Optional<SecurityGroupObservation> securityGroup(String groupId) {
        read(ModelKey.securityGroup(groupId));
        return Optional.ofNullable(securityGroups.held(groupId));
    }

    /** The ENIs floatwatch knows to be in the group, sorted by id: not every member, only those it observes. */
    public List<NetworkInterfaceObservation> groupMembers(String groupId) {
        read(ModelKey.groupMembers(groupId));
        return networkInterfaces.byGroup.getOrDefault(groupId, Set.of()).stream().map(networkInterfaces.byId::get)
                .filter(Objects::nonNull).toList();
    }

    /** The network ACL guarding the subnet, as the latest ACL record naming it says. */
    public Optional<NetworkAclObservation> networkAclOfSubnet(String subnetId) {
        read(ModelKey.aclOfSubnet(subnetId));
        return Optional.ofNullable(networkAcls.ofSubnet.get(subnetId)).map(networkAcls.byId::get);
    }

    /** Whether any network ACL of the scope is observed. */
    public boolean anyNetworkAcl() {
        read(ModelKey.ANY_NETWORK_ACL);
        return !networkAcls.byId.isEmpty();
    }

    public Optional<RouteTableObservation> routeTable(String routeTableId) {
        read(ModelKey.routeTable(routeTableId));
        return Optional.ofNullable(routeTables.byId.get(routeTableId));
    }

    public Optional<FileSystemObservation> fileSystem(String fileSystemId) {
        read(ModelKey.fileSystem(fileSystemId));
        return Optional.ofNullable(fileSystems.byId.get(fileSystemId));
    }

    public Optional<NetworkInterfaceObservation> networkInterface(String eniId) {
        read(ModelKey.eni(eniId));
        return Optional.ofNullable(networkInterfaces.byId.get(eniId));
    }

    /** The file system that lists this ENI, if any. */
    public Optional<String> ownerOf(String eniId) {
        read(ModelKey.eniOwner(eniId));
        return Optional.ofNullable(fileSystems.eniOwners.get(eniId));
    }

    /** All file systems, sorted by id. */
    public List<FileSystemObservation> fileSystems() {
        read(ModelKey.FILE_SYSTEMS);
        return List.copyOf(fileSystems.byId.values());
    }

    /** Ids of the file systems of one VPC, sorted. */
    public List<FileSystemObservation> fileSystemsOfVpc(String vpcId) {
        read(ModelKey.fileSystemsOfVpc(vpcId));
        return fileSystems.byVpc.getOrDefault(vpcId, Set.of()).stream().map(fileSystems.byId::get).toList();
    }

    /** Ids of the tables that hold a /32 route for this address, sorted. */
    public Set<String> tablesWithHostRoute(String address) {
        read(ModelKey.hostRoute(address));
        Set<String> tables = routeTables.byHostAddress.get(address);
        return tables == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(tables));
    }

    /** The table routing traffic that leaves this subnet: its explicit association, else its VPC's main table. */
    public Optional<RouteTableObservation> routeTableOfSubnet(String subnetId, String vpcId) {
        read(ModelKey.tableOfSubnet(subnetId));
        String id = routeTables.ofSubnet.get(subnetId);
        if (id == null && vpcId == null) {
            vpcId = subnet(subnetId).map(SubnetObservation::vpcId).orElse(null);
        }
        if (id == null && vpcId != null) {
            read(ModelKey.mainTable(vpcId));
            id = routeTables.mainOfVpc.get(vpcId);
        }
        return id == null ? Optional.empty() : routeTable(id);
    }

    /** True when the subnet has an explicit association (not falling back to the main table). */
    public boolean explicitlyAssociated(String subnetId) {
        read(ModelKey.tableOfSubnet(subnetId));
        return routeTables.ofSubnet.containsKey(subnetId);
    }

    /** The route tables of a VPC, sorted by id. */
    public List<RouteTableObservation> routeTablesOfVpc(String vpcId) {
        read(ModelKey.tablesOfVpc(vpcId));
        Set<String> ids = routeTables.byVpc.getOrDefault(vpcId, Set.of());
        return ids.stream().map(routeTables.byId::get).filter(Objects::nonNull).toList();
    }

    public Optional<VpcObservation> vpc(String vpcId) {
        read(ModelKey.vpc(vpcId));
        return Optional.ofNullable(vpcs.held(vpcId));
    }

    public Optional<SubnetObservation> subnet(String subnetId) {
        read(ModelKey.subnet(subnetId));
        return Optional.ofNullable(subnets.byId.get(subnetId));
    }

    public List<SubnetObservation> subnetsOfVpc(String vpcId) {
        read(ModelKey.subnetsOfVpc(vpcId));
        return subnets.byVpc.getOrDefault(vpcId, Set.of()).stream().map(subnets.byId::get).filter(Objects::nonNull)
                .toList();
    }

    /** Subnets of the file system's VPC that overlap its endpoint range, sorted by id. */
    public List<SubnetObservation> subnetsOverlappingRange(String fileSystemId) {
        read(ModelKey.fileSystem(fileSystemId));
        FileSystemObservation fs = fileSystems.byId.get(fileSystemId);
        if (fs != null) {
            read(ModelKey.subnetsOfVpc(fs.vpcId()));
        }
        return fileSystems.rangeOverlaps.getOrDefault(fileSystemId, Set.of()).stream().map(subnets.byId::get)
                .filter(Objects::nonNull).toList();
    }

    public List<VpcPeeringObservation> peerings() {
        read(ModelKey.PEERINGS);
        return List.copyOf(peerings.all());
    }

    public Optional<TransitGatewayObservation> transitGateway(String id) {
        read(ModelKey.tgw(id));
        return Optional.ofNullable(transitGateways.held(id));
    }

    public List<TransitGatewayAttachmentObservation> tgwAttachments() {
        read(ModelKey.ATTACHMENTS);
        return List.copyOf(tgwAttachments.all());
    }

    public Optional<TransitGatewayAttachmentObservation> tgwAttachment(String id) {
        read(ModelKey.attachment(id));
        return Optional.ofNullable(tgwAttachments.held(id));
    }

    public Optional<TransitGatewayRouteTableObservation> tgwRouteTable(String id) {
        read(ModelKey.tgwRouteTable(id));
        return Optional.ofNullable(tgwRouteTables.held(id));
    }

    public List<TransitGatewayRouteTableObservation> tgwRouteTables() {
        read(ModelKey.TGW_ROUTE_TABLES);
        return List.copyOf(tgwRouteTables.all());
    }

    public List<VpnConnectionObservation> vpnConnections() {
        read(ModelKey.VPNS);
        return List.copyOf(vpnConnections.byId.values());
    }

    public Optional<VpnConnectionObservation> vpnConnection(String id) {
        read(ModelKey.vpn(id));
        return Optional.ofNullable(vpnConnections.byId.get(id));
    }

    /** The VPN connections with a tunnel under maintenance, sorted by id. */
    public List<VpnConnectionObservation> vpnConnectionsInMaintenance() {
        read(ModelKey.VPNS_IN_MAINTENANCE);
        return vpnConnections.inMaintenance.stream().map(vpnConnections.byId::get).toList();
    }

    /** The VPN connections ending on a Transit Gateway or virtual private gateway, sorted by id. */
    public List<VpnConnectionObservation> vpnConnectionsOn(String gatewayId) {
        read(ModelKey.vpnsOn(gatewayId));
        return vpnConnections.byGateway.getOrDefault(gatewayId, Set.of()).stream().map(vpnConnections.byId::get)
                .toList();
    }

    public Optional<VpnGatewayObservation> vpnGateway(String id) {
        read(ModelKey.vgw(id));
        return Optional.ofNullable(vpnGateways.held(id));
    }

    public Optional<TunnelStateObservation> tunnelState(String tunnelIp) {
        read(ModelKey.tunnelState(tunnelIp));
        return Optional.ofNullable(tunnelStates.byTunnelIp.get(tunnelIp));
    }

    /** True once CloudWatch delivered a TunnelState for any tunnel of the scope. */
    public boolean anyTunnelState() {
        read(ModelKey.ANY_TUNNEL_STATE);
        return !tunnelStates.byTunnelIp.isEmpty();
    }

    public List<StorageVirtualMachineObservation> storageVirtualMachines() {
        read(ModelKey.SVMS);
        return List.copyOf(svms.all());
    }

    /** The latest poll marker of each source, by source name. */
    public Map<String, PollCompleted> polls() {
        read(ModelKey.POLLS);
        return Collections.unmodifiableMap(polls.bySource);
    }

    /** The ENI holding this private address (ordinary addresses only: no ENI holds a floating IP). */
    public Optional<NetworkInterfaceObservation> networkInterfaceWithAddress(String address) {
        read(ModelKey.eniAddress(address));
        Set<String> holders = networkInterfaces.byAddress.get(address);
        return holders == null || holders.isEmpty() ? Optional.empty()
                : Optional.of(networkInterfaces.byId.get(holders.iterator().next()));
    }

    public boolean eniDeleted(String eniId) {
        read(ModelKey.eni(eniId));
        return networkInterfaces.deleted.containsKey(eniId);
    }

    /** When a deleted ENI's tombstone was seen (the scope's event time then); null when unknown or not deleted. */
    public Instant eniDeletedAt(String eniId) {
        read(ModelKey.eni(eniId));
        return networkInterfaces.deleted.get(eniId);
    }

    /** Ids of every route table held. */
    public Collection<String> routeTableIds() {
        return Collections.unmodifiableSet(routeTables.byId.keySet());
    }

    /** Ids of every VPN connection held, sorted. */
    public Collection<String> vpnConnectionIds() {
        return Collections.unmodifiableSet(vpnConnections.byId.keySet());
    }

    /** Ids of every file system held, sorted. */
    public Collection<String> fileSystemIds() {
        return Collections.unmodifiableSet(fileSystems.byId.keySet());
    }

    /** How many AWS resources the model holds (poll markers and probe records are not resources). */
    public int size() {
        return indexes.values().stream().mapToInt(ObservationIndex::resources).sum();
    }
}
