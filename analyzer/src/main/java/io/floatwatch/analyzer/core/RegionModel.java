package io.floatwatch.analyzer.core;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.PollCompleted;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The latest observation of every resource of one scope, with the few indexes the rules need.
 *
 * <p>This is a cache, not state of its own: it holds exactly what the compacted observations
 * topic (or the analyzer's observation store) holds, so it can always be rebuilt from there and
 * never has to be persisted. Putting the same observation twice is harmless.
 *
 * <p>It also tells the rules what changed. Every accessor names the piece of the model it reads
 * (a {@link Key}); while a rule runs under {@link #recordReads}, those names are collected, and every
 * put or remove lists the names whose answer it may have changed ({@link #takeChanges}). A rule
 * whose reads do not meet the changes would judge as it did before, so the analyzer skips it.
 * A new accessor must call {@link #read}, and put/remove must name what it changes: the
 * equivalence test in the tests compares this against judging everything on every observation.
 */
public final class RegionModel {

    /** Names of the pieces of the model that rules read and observations change. */
    static final class Key {
        static final String PEERINGS = "pcx:*";
        static final String ATTACHMENTS = "tgw-att:*";
        static final String TGW_ROUTE_TABLES = "tgw-rt:*";
        static final String VPNS = "vpn:*";
        static final String POLLS = "poll:*";
        static final String ANY_TUNNEL_STATE = "tunnel-state:any";
        static final String SVMS = "svm:*";
        static final String FILE_SYSTEMS = "fs:*";
        static final String VPNS_IN_MAINTENANCE = "vpn-maintenance:*";
        /** Whether any network ACL is observed: none at all means the ACL layer is not watched here. */
        static final String ANY_NETWORK_ACL = "acl:any";

        private Key() {
        }

        static String routeTable(String id) {
            return "rt:" + id;
        }

        static String tableOfSubnet(String subnetId) {
            return "subnet-rt:" + subnetId;
        }

        static String mainTable(String vpcId) {
            return "main-rt:" + vpcId;
        }

        static String tablesOfVpc(String vpcId) {
            return "rt-in:" + vpcId;
        }

        static String hostRoute(String address) {
            return "host:" + address;
        }

        static String fileSystem(String id) {
            return "fs:" + id;
        }

        static String fileSystemsOfVpc(String vpcId) {
            return "fs-in:" + vpcId;
        }

        static String eni(String id) {
            return "eni:" + id;
        }

        static String eniOwner(String eniId) {
            return "eni-owner:" + eniId;
        }

        static String eniAddress(String address) {
            return "eni-addr:" + address;
        }

        static String vpc(String id) {
            return "vpc:" + id;
        }

        static String subnet(String id) {
            return "subnet:" + id;
        }

        static String subnetsOfVpc(String vpcId) {
            return "subnet-in:" + vpcId;
        }

        static String tgw(String id) {
            return "tgw:" + id;
        }

        static String attachment(String id) {
            return "tgw-att:" + id;
        }

        static String tgwRouteTable(String id) {
            return "tgw-rt:" + id;
        }

        static String vpn(String id) {
            return "vpn:" + id;
        }

        /** The probes of one client towards one endpoint address of one file system (every port). */
        static String probe(String client, String fsId, String ip) {
            return "probe:" + client + "/" + fsId + "/" + ip;
        }

        static String vpnsOn(String gatewayId) {
            return "vpn-on:" + gatewayId;
        }

        static String vgw(String id) {
            return "vgw:" + id;
        }

        static String tunnelState(String tunnelIp) {
            return "tunnel-state:" + tunnelIp;
        }

        static String securityGroup(String id) {
            return "sg:" + id;
        }

        static String groupMembers(String groupId) {
            return "sg-members:" + groupId;
        }

        static String aclOfSubnet(String subnetId) {
            return "subnet-acl:" + subnetId;
        }
    }

    private final Scope scope;
    private final Map<String, RouteTableObservation> routeTables = new HashMap<>();
    // Sorted so that evaluations, and therefore outputs, come in the same order on every replay.
    private final Map<String, FileSystemObservation> fileSystems = new TreeMap<>();
    private final Map<String, Set<String>> fileSystemsByVpc = new HashMap<>();
    private final Map<String, NetworkInterfaceObservation> networkInterfaces = new HashMap<>();
    /** private address -> ids of the ENIs holding it. */
    private final Map<String, Set<String>> enisByAddress = new HashMap<>();
    /** eni id -> id of the file system listing it in NetworkInterfaceIds. */
    private final Map<String, String> eniOwners = new HashMap<>();
    /** host address of a /32 route -> ids of the tables holding one; finds hand-made floating routes. */
    private final Map<String, Set<String>> tablesByHostAddress = new HashMap<>();
    /** subnet id -> the table explicitly associated with it; subnets without one use their VPC's main table. */
    private final Map<String, String> tableOfSubnet = new HashMap<>();
    private final Map<String, String> mainTableOfVpc = new HashMap<>();
    private final Map<String, Set<String>> tablesByVpc = new HashMap<>();
    private final Map<String, VpcObservation> vpcs = new HashMap<>();
    private final Map<String, SubnetObservation> subnets = new TreeMap<>();
    /** vpc id -> its subnet ids: the scope-wide rules ask per file system on every observation. */
    private final Map<String, Set<String>> subnetsByVpc = new HashMap<>();
    /** fs id -> subnets overlapping its endpoint range, kept as subnets arrive one record at a time. */
    private final Map<String, Set<String>> rangeOverlaps = new HashMap<>();
    private final Map<String, VpcPeeringObservation> peerings = new TreeMap<>();
    private final Map<String, TransitGatewayObservation> transitGateways = new TreeMap<>();
    private final Map<String, TransitGatewayAttachmentObservation> tgwAttachments = new TreeMap<>();
    private final Map<String, TransitGatewayRouteTableObservation> tgwRouteTables = new TreeMap<>();
    private final Map<String, VpnConnectionObservation> vpnConnections = new TreeMap<>();
    /** ids of the VPN connections with a tunnel under maintenance. */
    private final Set<String> vpnsInMaintenance = new TreeSet<>();
    /** gateway (TGW or VGW) id -> ids of the VPN connections ending on it. */
    private final Map<String, Set<String>> vpnsByGateway = new HashMap<>();
    private final Map<String, VpnGatewayObservation> vpnGateways = new TreeMap<>();
    /** tunnel outside IP -> its CloudWatch TunnelState. */
    private final Map<String, TunnelStateObservation> tunnelStates = new TreeMap<>();
    private final Map<String, StorageVirtualMachineObservation> svms = new TreeMap<>();
    private final Map<String, SecurityGroupObservation> securityGroups = new HashMap<>();
    /** ENIs by the security groups they are in: the members a rule referencing the group admits. */
    private final Map<String, Set<String>> enisByGroup = new HashMap<>();
    private final Map<String, NetworkAclObservation> networkAcls = new HashMap<>();
    private final Map<String, String> aclOfSubnet = new HashMap<>();
    /** The subnets each ACL guards as far as the model knows: {@link #aclOfSubnet} the other way round. */
    private final Map<String, Set<String>> subnetsOfAcl = new HashMap<>();
    /** source -> its latest poll marker. */
    private final Map<String, PollCompleted> polls = new TreeMap<>();
    /**
     * ENIs seen and then deleted (tombstoned) while this model lived, with the scope's event time of the
     * tombstone (null when the scope had no clock yet). Not rebuilt after a restart;
     * a route to a deleted ENI is also a blackhole in AWS, which the rules read as well.
     */
    private final Map<String, Instant> deletedEnis = new TreeMap<>();
    /** Probe records by resource id ({@code probe/<client>/<fs-id>/<ip>:<port>}). */
    private final TreeMap<String, io.floatwatch.model.observation.ProbeObservation> probes = new TreeMap<>();
    /** Keys read since {@link #recordReads} started; null when nobody records. */
    private Set<String> reads;
    /** Keys whose answer changed since the last {@link #takeChanges}. */
    private Set<String> changes = new HashSet<>();

    public RegionModel(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public Scope scope() {
        return scope;
    }

    /** From now on, every key read goes into {@code sink}; null stops recording. */
    void recordReads(Set<String> sink) {
        reads = sink;
    }

    /** Notes a key read by the rule being recorded; for inputs that live outside the model, such as a cadence. */
    void read(String key) {
        if (reads != null) {
            reads.add(key);
        }
    }

    private void changed(String key) {
        changes.add(key);
    }

    /** The keys changed since the last call, and forgets them. */
    Set<String> takeChanges() {
        Set<String> out = changes;
        changes = new HashSet<>();
        return out;
    }

    /** The observation held for the same resource and kind as {@code like}, or null. */
    Observation held(Observation like) {
        // Java 17: no pattern switch yet.
        if (like instanceof RouteTableObservation t) {
            return routeTables.get(t.routeTableId());
        } else if (like instanceof FileSystemObservation f) {
            return fileSystems.get(f.fileSystemId());
        } else if (like instanceof NetworkInterfaceObservation e) {
            return networkInterfaces.get(e.networkInterfaceId());
        } else if (like instanceof PollCompleted p) {
            return polls.get(p.source());
        } else if (like instanceof VpcObservation v) {
            return vpcs.get(v.vpcId());
        } else if (like instanceof SubnetObservation sn) {
            return subnets.get(sn.subnetId());
        } else if (like instanceof VpcPeeringObservation p) {
            return peerings.get(p.vpcPeeringConnectionId());
        } else if (like instanceof TransitGatewayObservation t) {
            return transitGateways.get(t.transitGatewayId());
        } else if (like instanceof TransitGatewayAttachmentObservation a) {
            return tgwAttachments.get(a.attachmentId());
        } else if (like instanceof TransitGatewayRouteTableObservation t) {
            return tgwRouteTables.get(t.transitGatewayRouteTableId());
        } else if (like instanceof VpnConnectionObservation v) {
            return vpnConnections.get(v.vpnConnectionId());
        } else if (like instanceof VpnGatewayObservation g) {
            return vpnGateways.get(g.vpnGatewayId());
        } else if (like instanceof TunnelStateObservation t) {
            return tunnelStates.get(t.tunnelIpAddress());
        } else if (like instanceof StorageVirtualMachineObservation svm) {
            return svms.get(svm.storageVirtualMachineId());
        } else if (like instanceof SecurityGroupObservation sg) {
            return securityGroups.get(sg.groupId());
        } else if (like instanceof NetworkAclObservation acl) {
            return networkAcls.get(acl.networkAclId());
        } else if (like instanceof io.floatwatch.model.observation.ProbeObservation p) {
            return probes.get(p.resourceId());
        }
        return null;
    }

    /** Records the latest state of one resource; observations of other scopes are refused. */
    public void put(Observation observation) {
        if (!scope.equals(observation.scope())) {
            throw new IllegalArgumentException("observation of " + observation.scope() + " fed to the model of " + scope);
        }
        if (observation instanceof RouteTableObservation table) {
            remove(table.routeTableId());
            routeTables.put(table.routeTableId(), table);
            tablesByVpc.computeIfAbsent(table.vpcId(), v -> new TreeSet<>()).add(table.routeTableId());
            changedTable(table);
            if (table.main()) {
                mainTableOfVpc.put(table.vpcId(), table.routeTableId());
            }
            for (String subnet : table.associatedSubnetIds()) {
                tableOfSubnet.put(subnet, table.routeTableId());
            }
            for (Route route : table.routes()) {
                if (route.isHostRoute()) {
                    tablesByHostAddress.computeIfAbsent(route.hostAddress(), a -> new TreeSet<>()).add(table.routeTableId());
                }
            }
        } else if (observation instanceof FileSystemObservation fs) {
            remove(fs.fileSystemId());
            fileSystems.put(fs.fileSystemId(), fs);
            fileSystemsByVpc.computeIfAbsent(fs.vpcId(), v -> new TreeSet<>()).add(fs.fileSystemId());
            changedFileSystem(fs);
            for (String eni : fs.networkInterfaceIds()) {
                eniOwners.put(eni, fs.fileSystemId());
            }
            Set<String> overlapping = new TreeSet<>();
            for (String subnetId : subnetsByVpc.getOrDefault(fs.vpcId(), Set.of())) {
                if (Cidr.overlaps(fs.endpointIpAddressRange(), subnets.get(subnetId).cidrBlock())) {
                    overlapping.add(subnetId);
                }
            }
            rangeOverlaps.put(fs.fileSystemId(), overlapping);
        } else if (observation instanceof NetworkInterfaceObservation eni) {
            remove(eni.networkInterfaceId());
            networkInterfaces.put(eni.networkInterfaceId(), eni);
            deletedEnis.remove(eni.networkInterfaceId());
            changed(Key.eni(eni.networkInterfaceId()));
            for (String address : eni.privateIpAddresses()) {
                enisByAddress.computeIfAbsent(address, a -> new TreeSet<>()).add(eni.networkInterfaceId());
                changed(Key.eniAddress(address));
            }
            for (String group : eni.securityGroupIds()) {
                enisByGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(eni.networkInterfaceId());
                changed(Key.groupMembers(group));
            }
        } else if (observation instanceof PollCompleted poll) {
            // Only the latest marker per source matters: it says how fresh that source's view is.
            polls.put(poll.source(), poll);
            changed(Key.POLLS);
        } else if (observation instanceof VpcObservation vpc) {
            vpcs.put(vpc.vpcId(), vpc);
            changed(Key.vpc(vpc.vpcId()));
        } else if (observation instanceof SubnetObservation subnet) {
            remove(subnet.subnetId());
            subnets.put(subnet.subnetId(), subnet);
            subnetsByVpc.computeIfAbsent(subnet.vpcId(), v -> new TreeSet<>()).add(subnet.subnetId());
            changed(Key.subnet(subnet.subnetId()));
            changed(Key.subnetsOfVpc(subnet.vpcId()));
            for (String fsId : fileSystemsByVpc.getOrDefault(subnet.vpcId(), Set.of())) {
                FileSystemObservation fs = fileSystems.get(fsId);
                if (Cidr.overlaps(fs.endpointIpAddressRange(), subnet.cidrBlock())) {
                    rangeOverlaps.computeIfAbsent(fs.fileSystemId(), k -> new TreeSet<>()).add(subnet.subnetId());
                }
            }
        } else if (observation instanceof VpcPeeringObservation pcx) {
            peerings.put(pcx.vpcPeeringConnectionId(), pcx);
            changed(Key.PEERINGS);
        } else if (observation instanceof TransitGatewayObservation tgw) {
            transitGateways.put(tgw.transitGatewayId(), tgw);
            changed(Key.tgw(tgw.transitGatewayId()));
        } else if (observation instanceof TransitGatewayAttachmentObservation att) {
            tgwAttachments.put(att.attachmentId(), att);
            changed(Key.ATTACHMENTS);
            changed(Key.attachment(att.attachmentId()));
        } else if (observation instanceof TransitGatewayRouteTableObservation trt) {
            tgwRouteTables.put(trt.transitGatewayRouteTableId(), trt);
            changed(Key.TGW_ROUTE_TABLES);
            changed(Key.tgwRouteTable(trt.transitGatewayRouteTableId()));
        } else if (observation instanceof VpnConnectionObservation vpn) {
            remove(vpn.vpnConnectionId());
            vpnConnections.put(vpn.vpnConnectionId(), vpn);
            changedVpn(vpn);
            String gateway = gatewayOf(vpn);
            if (gateway != null) {
                vpnsByGateway.computeIfAbsent(gateway, g -> new TreeSet<>()).add(vpn.vpnConnectionId());
            }
            if (inMaintenance(vpn)) {
                vpnsInMaintenance.add(vpn.vpnConnectionId());
            }
        } else if (observation instanceof VpnGatewayObservation vgw) {
            vpnGateways.put(vgw.vpnGatewayId(), vgw);
            changed(Key.vgw(vgw.vpnGatewayId()));
        } else if (observation instanceof TunnelStateObservation ts) {
            if (tunnelStates.isEmpty()) {
                changed(Key.ANY_TUNNEL_STATE);
            }
            tunnelStates.put(ts.tunnelIpAddress(), ts);
            changed(Key.tunnelState(ts.tunnelIpAddress()));
        } else if (observation instanceof StorageVirtualMachineObservation svm) {
            svms.put(svm.storageVirtualMachineId(), svm);
            changed(Key.SVMS);
        } else if (observation instanceof SecurityGroupObservation sg) {
            securityGroups.put(sg.groupId(), sg);
            changed(Key.securityGroup(sg.groupId()));
        } else if (observation instanceof NetworkAclObservation acl) {
            String id = acl.networkAclId();
            if (networkAcls.put(id, acl) == null && networkAcls.size() == 1) {
                changed(Key.ANY_NETWORK_ACL);
            }
            Set<String> claims = subnetsOfAcl.computeIfAbsent(id, a -> new TreeSet<>());
            // A subnet moved here from another ACL (ReplaceNetworkAclAssociation) is this newer record's. One that
            // left this ACL stays with it until the ACL it joined is read: every subnet has exactly one ACL, and
            // the two records of a move arrive one after the other, so dropping it at once would judge the
            // subnet without an ACL in between.
            for (String subnet : acl.subnetIds()) {
                String before = aclOfSubnet.put(subnet, id);
                if (before != null && !before.equals(id) && subnetsOfAcl.containsKey(before)) {
                    subnetsOfAcl.get(before).remove(subnet);
                }
                claims.add(subnet);
            }
            for (String subnet : claims) {
                changed(Key.aclOfSubnet(subnet));
            }
        } else if (observation instanceof io.floatwatch.model.observation.ProbeObservation probe && probe.complete()) {
            io.floatwatch.model.observation.ProbeObservation before = probes.put(probe.resourceId(), probe);
            // A heartbeat only moves the record's time (and the latest handshake's latency, which no rule reads): the
            // pieces that read it learn of it at their staleness deadline, so heartbeats do not re-judge paths.
            if (before == null || before.outcome() != probe.outcome() || !before.since().equals(probe.since())
                    || !Objects.equals(before.outageStart(), probe.outageStart())
                    || !Objects.equals(before.endpointKind(), probe.endpointKind())) {
                changed(Key.probe(probe.client(), probe.fileSystemId(), probe.targetIp()));
            }
        }
    }

    /** The fresh and stale probe records of one client towards one endpoint address, by port. */
    public List<io.floatwatch.model.observation.ProbeObservation> probes(String client, String fsId, String ip) {
        read(Key.probe(client, fsId, ip));
        String prefix = io.floatwatch.model.observation.ProbeObservation.ID_PREFIX + client + "/" + fsId + "/" + ip + ":";
        return List.copyOf(probes.subMap(prefix, prefix + Character.MAX_VALUE).values());
    }

    /**
     * Every probe record towards a file system, of any client, without noting a read: the failover piece reads them
     * only to describe the cycle it just closed, never to decide anything.
     */
    List<io.floatwatch.model.observation.ProbeObservation> probesOfFileSystem(String fsId) {
        return probes.values().stream().filter(p -> p.fileSystemId().equals(fsId)).toList();
    }

    private void changedTable(RouteTableObservation table) {
        changed(Key.routeTable(table.routeTableId()));
        changed(Key.tablesOfVpc(table.vpcId()));
        if (table.main()) {
            changed(Key.mainTable(table.vpcId()));
        }
        for (String subnet : table.associatedSubnetIds()) {
            changed(Key.tableOfSubnet(subnet));
        }
        for (Route route : table.routes()) {
            if (route.isHostRoute()) {
                changed(Key.hostRoute(route.hostAddress()));
            }
        }
    }

    private void changedFileSystem(FileSystemObservation fs) {
        changed(Key.fileSystem(fs.fileSystemId()));
        changed(Key.fileSystemsOfVpc(fs.vpcId()));
        changed(Key.FILE_SYSTEMS);
        for (String eni : fs.networkInterfaceIds()) {
            changed(Key.eniOwner(eni));
        }
    }

    private void changedVpn(VpnConnectionObservation vpn) {
        changed(Key.vpn(vpn.vpnConnectionId()));
        changed(Key.VPNS);
        if (inMaintenance(vpn)) {
            changed(Key.VPNS_IN_MAINTENANCE);
        }
        String gateway = gatewayOf(vpn);
        if (gateway != null) {
            changed(Key.vpnsOn(gateway));
        }
    }

    private static boolean inMaintenance(VpnConnectionObservation vpn) {
        return vpn.tunnels().stream().anyMatch(t -> t.maintenance() != null && !t.maintenance().isBlank());
    }

    private static String gatewayOf(VpnConnectionObservation vpn) {
        return vpn.transitGatewayId() != null ? vpn.transitGatewayId() : vpn.vpnGatewayId();
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
        io.floatwatch.model.observation.ProbeObservation probe = probes.remove(resourceId);
        if (probe != null) {
            changed(Key.probe(probe.client(), probe.fileSystemId(), probe.targetIp()));
            return;
        }
        RouteTableObservation table = routeTables.remove(resourceId);
        if (table != null) {
            changedTable(table);
            Set<String> ofVpc = tablesByVpc.get(table.vpcId());
            if (ofVpc != null) {
                ofVpc.remove(resourceId);
            }
            mainTableOfVpc.remove(table.vpcId(), resourceId);
            for (String subnet : table.associatedSubnetIds()) {
                tableOfSubnet.remove(subnet, resourceId);
            }
            for (Route route : table.routes()) {
                if (route.isHostRoute()) {
                    Set<String> tables = tablesByHostAddress.get(route.hostAddress());
                    if (tables != null) {
                        tables.remove(resourceId);
                        if (tables.isEmpty()) {
                            tablesByHostAddress.remove(route.hostAddress());
                        }
                    }
                }
            }
        }
        FileSystemObservation fs = fileSystems.remove(resourceId);
        if (fs != null) {
            changedFileSystem(fs);
            Set<String> ofVpc = fileSystemsByVpc.get(fs.vpcId());
            if (ofVpc != null) {
                ofVpc.remove(resourceId);
            }
            for (String eni : fs.networkInterfaceIds()) {
                eniOwners.remove(eni, resourceId);
            }
        }
        NetworkInterfaceObservation eni = networkInterfaces.remove(resourceId);
        if (eni != null) {
            deletedEnis.put(resourceId, at);
            changed(Key.eni(resourceId));
            for (String group : eni.securityGroupIds()) {
                changed(Key.groupMembers(group));
                Set<String> members = enisByGroup.get(group);
                if (members != null) {
                    members.remove(resourceId);
                    if (members.isEmpty()) {
                        enisByGroup.remove(group);
                    }
                }
            }
            for (String address : eni.privateIpAddresses()) {
                changed(Key.eniAddress(address));
                Set<String> holders = enisByAddress.get(address);
                if (holders != null) {
                    holders.remove(resourceId);
                    if (holders.isEmpty()) {
                        enisByAddress.remove(address);
                    }
                }
            }
        }
        if (vpcs.remove(resourceId) != null) {
            changed(Key.vpc(resourceId));
        }
        SubnetObservation subnet = subnets.remove(resourceId);
        if (subnet != null) {
            changed(Key.subnet(resourceId));
            changed(Key.subnetsOfVpc(subnet.vpcId()));
            if (subnetsByVpc.containsKey(subnet.vpcId())) {
                subnetsByVpc.get(subnet.vpcId()).remove(resourceId);
            }
            for (String fsId : fileSystemsByVpc.getOrDefault(subnet.vpcId(), Set.of())) {
                Set<String> overlaps = rangeOverlaps.get(fsId);
                if (overlaps != null) {
                    overlaps.remove(resourceId);
                }
            }
        }
        rangeOverlaps.remove(resourceId);
        if (peerings.remove(resourceId) != null) {
            changed(Key.PEERINGS);
        }
        if (transitGateways.remove(resourceId) != null) {
            changed(Key.tgw(resourceId));
        }
        if (tgwAttachments.remove(resourceId) != null) {
            changed(Key.ATTACHMENTS);
            changed(Key.attachment(resourceId));
        }
        if (tgwRouteTables.remove(resourceId) != null) {
            changed(Key.TGW_ROUTE_TABLES);
            changed(Key.tgwRouteTable(resourceId));
        }
        VpnConnectionObservation vpn = vpnConnections.remove(resourceId);
        if (vpn != null) {
            changedVpn(vpn);
            vpnsInMaintenance.remove(resourceId);
            Set<String> onGateway = gatewayOf(vpn) == null ? null : vpnsByGateway.get(gatewayOf(vpn));
            if (onGateway != null) {
                onGateway.remove(resourceId);
            }
        }
        if (vpnGateways.remove(resourceId) != null) {
            changed(Key.vgw(resourceId));
        }
        if (svms.remove(resourceId) != null) {
            changed(Key.SVMS);
        }
        if (securityGroups.remove(resourceId) != null) {
            changed(Key.securityGroup(resourceId));
        }
        if (networkAcls.remove(resourceId) != null) {
            for (String guarded : subnetsOfAcl.getOrDefault(resourceId, Set.of())) {
                changed(Key.aclOfSubnet(guarded));
                aclOfSubnet.remove(guarded, resourceId);
            }
            subnetsOfAcl.remove(resourceId);
            if (networkAcls.isEmpty()) {
                changed(Key.ANY_NETWORK_ACL);
            }
        }
        if (resourceId.startsWith(TunnelStateObservation.ID_PREFIX)) {
            String ip = resourceId.substring(TunnelStateObservation.ID_PREFIX.length());
            if (tunnelStates.remove(ip) != null) {
                changed(Key.tunnelState(ip));
                if (tunnelStates.isEmpty()) {
                    changed(Key.ANY_TUNNEL_STATE);
                }
            }
        }
        if (resourceId.startsWith(io.floatwatch.model.ResourceKey.POLL_PREFIX)
                && polls.remove(resourceId.substring(io.floatwatch.model.ResourceKey.POLL_PREFIX.length())) != null) {
            changed(Key.POLLS);
        }
    }

    public Optional<SecurityGroupObservation> securityGroup(String groupId) {
        read(Key.securityGroup(groupId));
        return Optional.ofNullable(securityGroups.get(groupId));
    }

    /** The ENIs floatwatch knows to be in the group, sorted by id: not every member, only those it observes. */
    public List<NetworkInterfaceObservation> groupMembers(String groupId) {
        read(Key.groupMembers(groupId));
        return enisByGroup.getOrDefault(groupId, Set.of()).stream().map(networkInterfaces::get).filter(Objects::nonNull).toList();
    }

    /** The network ACL guarding the subnet, as the latest ACL record naming it says. */
    public Optional<NetworkAclObservation> networkAclOfSubnet(String subnetId) {
        read(Key.aclOfSubnet(subnetId));
        return Optional.ofNullable(aclOfSubnet.get(subnetId)).map(networkAcls::get);
    }

    /** Whether any network ACL of the scope is observed. */
    public boolean anyNetworkAcl() {
        read(Key.ANY_NETWORK_ACL);
        return !networkAcls.isEmpty();
    }

    public Optional<RouteTableObservation> routeTable(String routeTableId) {
        read(Key.routeTable(routeTableId));
        return Optional.ofNullable(routeTables.get(routeTableId));
    }

    public Optional<FileSystemObservation> fileSystem(String fileSystemId) {
        read(Key.fileSystem(fileSystemId));
        return Optional.ofNullable(fileSystems.get(fileSystemId));
    }

    public Optional<NetworkInterfaceObservation> networkInterface(String eniId) {
        read(Key.eni(eniId));
        return Optional.ofNullable(networkInterfaces.get(eniId));
    }

    /** The file system that lists this ENI, if any. */
    public Optional<String> ownerOf(String eniId) {
        read(Key.eniOwner(eniId));
        return Optional.ofNullable(eniOwners.get(eniId));
    }

    /** All file systems, sorted by id. */
    public List<FileSystemObservation> fileSystems() {
        read(Key.FILE_SYSTEMS);
        return List.copyOf(fileSystems.values());
    }

    /** Ids of the file systems of one VPC, sorted. */
    public List<FileSystemObservation> fileSystemsOfVpc(String vpcId) {
        read(Key.fileSystemsOfVpc(vpcId));
        return fileSystemsByVpc.getOrDefault(vpcId, Set.of()).stream().map(fileSystems::get).toList();
    }

    /** Ids of the tables that hold a /32 route for this address, sorted. */
    public Set<String> tablesWithHostRoute(String address) {
        read(Key.hostRoute(address));
        Set<String> tables = tablesByHostAddress.get(address);
        return tables == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(tables));
    }

    /** The table routing traffic that leaves this subnet: its explicit association, else its VPC's main table. */
    public Optional<RouteTableObservation> routeTableOfSubnet(String subnetId, String vpcId) {
        read(Key.tableOfSubnet(subnetId));
        String id = tableOfSubnet.get(subnetId);
        if (id == null && vpcId == null) {
            vpcId = subnet(subnetId).map(SubnetObservation::vpcId).orElse(null);
        }
        if (id == null && vpcId != null) {
            read(Key.mainTable(vpcId));
            id = mainTableOfVpc.get(vpcId);
        }
        return id == null ? Optional.empty() : routeTable(id);
    }

    /** True when the subnet has an explicit association (not falling back to the main table). */
    public boolean explicitlyAssociated(String subnetId) {
        read(Key.tableOfSubnet(subnetId));
        return tableOfSubnet.containsKey(subnetId);
    }

    /** The route tables of a VPC, sorted by id. */
    public List<RouteTableObservation> routeTablesOfVpc(String vpcId) {
        read(Key.tablesOfVpc(vpcId));
        Set<String> ids = tablesByVpc.getOrDefault(vpcId, Set.of());
        return ids.stream().map(routeTables::get).filter(Objects::nonNull).toList();
    }

    public Optional<VpcObservation> vpc(String vpcId) {
        read(Key.vpc(vpcId));
        return Optional.ofNullable(vpcs.get(vpcId));
    }

    public Optional<SubnetObservation> subnet(String subnetId) {
        read(Key.subnet(subnetId));
        return Optional.ofNullable(subnets.get(subnetId));
    }

    public List<SubnetObservation> subnetsOfVpc(String vpcId) {
        read(Key.subnetsOfVpc(vpcId));
        return subnetsByVpc.getOrDefault(vpcId, Set.of()).stream().map(subnets::get).filter(Objects::nonNull).toList();
    }

    /** Subnets of the file system's VPC that overlap its endpoint range, sorted by id. */
    public List<SubnetObservation> subnetsOverlappingRange(String fileSystemId) {
        read(Key.fileSystem(fileSystemId));
        FileSystemObservation fs = fileSystems.get(fileSystemId);
        if (fs != null) {
            read(Key.subnetsOfVpc(fs.vpcId()));
        }
        return rangeOverlaps.getOrDefault(fileSystemId, Set.of()).stream().map(subnets::get).filter(Objects::nonNull)
                .toList();
    }

    public List<VpcPeeringObservation> peerings() {
        read(Key.PEERINGS);
        return List.copyOf(peerings.values());
    }

    public Optional<TransitGatewayObservation> transitGateway(String id) {
        read(Key.tgw(id));
        return Optional.ofNullable(transitGateways.get(id));
    }

    public List<TransitGatewayAttachmentObservation> tgwAttachments() {
        read(Key.ATTACHMENTS);
        return List.copyOf(tgwAttachments.values());
    }

    public Optional<TransitGatewayAttachmentObservation> tgwAttachment(String id) {
        read(Key.attachment(id));
        return Optional.ofNullable(tgwAttachments.get(id));
    }

    public Optional<TransitGatewayRouteTableObservation> tgwRouteTable(String id) {
        read(Key.tgwRouteTable(id));
        return Optional.ofNullable(tgwRouteTables.get(id));
    }

    public List<TransitGatewayRouteTableObservation> tgwRouteTables() {
        read(Key.TGW_ROUTE_TABLES);
        return List.copyOf(tgwRouteTables.values());
    }

    public List<VpnConnectionObservation> vpnConnections() {
        read(Key.VPNS);
        return List.copyOf(vpnConnections.values());
    }

    public Optional<VpnConnectionObservation> vpnConnection(String id) {
        read(Key.vpn(id));
        return Optional.ofNullable(vpnConnections.get(id));
    }

    /** The VPN connections with a tunnel under maintenance, sorted by id. */
    public List<VpnConnectionObservation> vpnConnectionsInMaintenance() {
        read(Key.VPNS_IN_MAINTENANCE);
        return vpnsInMaintenance.stream().map(vpnConnections::get).toList();
    }

    /** The VPN connections ending on a Transit Gateway or virtual private gateway, sorted by id. */
    public List<VpnConnectionObservation> vpnConnectionsOn(String gatewayId) {
        read(Key.vpnsOn(gatewayId));
        return vpnsByGateway.getOrDefault(gatewayId, Set.of()).stream().map(vpnConnections::get).toList();
    }

    public Optional<VpnGatewayObservation> vpnGateway(String id) {
        read(Key.vgw(id));
        return Optional.ofNullable(vpnGateways.get(id));
    }

    public Optional<TunnelStateObservation> tunnelState(String tunnelIp) {
        read(Key.tunnelState(tunnelIp));
        return Optional.ofNullable(tunnelStates.get(tunnelIp));
    }

    /** True once CloudWatch delivered a TunnelState for any tunnel of the scope. */
    public boolean anyTunnelState() {
        read(Key.ANY_TUNNEL_STATE);
        return !tunnelStates.isEmpty();
    }

    public List<StorageVirtualMachineObservation> storageVirtualMachines() {
        read(Key.SVMS);
        return List.copyOf(svms.values());
    }

    /** The latest poll marker of each source, by source name. */
    public Map<String, PollCompleted> polls() {
        read(Key.POLLS);
        return Collections.unmodifiableMap(polls);
    }

    /** The ENI holding this private address (ordinary addresses only: no ENI holds a floating IP). */
    public Optional<NetworkInterfaceObservation> networkInterfaceWithAddress(String address) {
        read(Key.eniAddress(address));
        Set<String> holders = enisByAddress.get(address);
        return holders == null || holders.isEmpty() ? Optional.empty()
                : Optional.of(networkInterfaces.get(holders.iterator().next()));
    }

    public boolean eniDeleted(String eniId) {
        read(Key.eni(eniId));
        return deletedEnis.containsKey(eniId);
    }

    /** When a deleted ENI's tombstone was seen (the scope's event time then); null when unknown or not deleted. */
    public Instant eniDeletedAt(String eniId) {
        read(Key.eni(eniId));
        return deletedEnis.get(eniId);
    }

    /** Ids of every route table held. */
    Collection<String> routeTableIds() {
        return Collections.unmodifiableSet(routeTables.keySet());
    }

    /** Ids of every VPN connection held, sorted. */
    Collection<String> vpnConnectionIds() {
        return Collections.unmodifiableSet(vpnConnections.keySet());
    }

    /** Ids of every file system held, sorted. */
    Collection<String> fileSystemIds() {
        return Collections.unmodifiableSet(fileSystems.keySet());
    }

    public int size() {
        return routeTables.size() + fileSystems.size() + networkInterfaces.size() + vpcs.size() + subnets.size()
                + peerings.size() + transitGateways.size() + tgwAttachments.size() + tgwRouteTables.size()
                + vpnConnections.size() + vpnGateways.size() + tunnelStates.size() + svms.size() + securityGroups.size()
                + networkAcls.size();
    }
}
