package io.floatwatch.analyzer.core;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
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
import java.util.Collections;
import java.util.HashMap;
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
 */
public final class RegionModel {

    private final Scope scope;
    private final Map<String, RouteTableObservation> routeTables = new HashMap<>();
    // Sorted so that evaluations, and therefore outputs, come in the same order on every replay.
    private final Map<String, FileSystemObservation> fileSystems = new TreeMap<>();
    private final Map<String, NetworkInterfaceObservation> networkInterfaces = new HashMap<>();
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
    private final Map<String, VpnGatewayObservation> vpnGateways = new TreeMap<>();
    /** tunnel outside IP -> its CloudWatch TunnelState. */
    private final Map<String, TunnelStateObservation> tunnelStates = new TreeMap<>();
    private final Map<String, StorageVirtualMachineObservation> svms = new TreeMap<>();
    /** source -> its latest poll marker. */
    private final Map<String, PollCompleted> polls = new TreeMap<>();
    /**
     * ENIs seen and then deleted (tombstoned) while this model lived. Not rebuilt after a restart;
     * a route to a deleted ENI is also a blackhole in AWS, which the rules read as well.
     */
    private final Set<String> deletedEnis = new TreeSet<>();

    public RegionModel(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public Scope scope() {
        return scope;
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
            networkInterfaces.put(eni.networkInterfaceId(), eni);
            deletedEnis.remove(eni.networkInterfaceId());
        } else if (observation instanceof PollCompleted poll) {
            // Only the latest marker per source matters: it says how fresh that source's view is.
            polls.put(poll.source(), poll);
        } else if (observation instanceof VpcObservation vpc) {
            vpcs.put(vpc.vpcId(), vpc);
        } else if (observation instanceof SubnetObservation subnet) {
            remove(subnet.subnetId());
            subnets.put(subnet.subnetId(), subnet);
            subnetsByVpc.computeIfAbsent(subnet.vpcId(), v -> new TreeSet<>()).add(subnet.subnetId());
            for (FileSystemObservation fs : fileSystems.values()) {
                if (Objects.equals(fs.vpcId(), subnet.vpcId()) && Cidr.overlaps(fs.endpointIpAddressRange(), subnet.cidrBlock())) {
                    rangeOverlaps.computeIfAbsent(fs.fileSystemId(), k -> new TreeSet<>()).add(subnet.subnetId());
                }
            }
        } else if (observation instanceof VpcPeeringObservation pcx) {
            peerings.put(pcx.vpcPeeringConnectionId(), pcx);
        } else if (observation instanceof TransitGatewayObservation tgw) {
            transitGateways.put(tgw.transitGatewayId(), tgw);
        } else if (observation instanceof TransitGatewayAttachmentObservation att) {
            tgwAttachments.put(att.attachmentId(), att);
        } else if (observation instanceof TransitGatewayRouteTableObservation trt) {
            tgwRouteTables.put(trt.transitGatewayRouteTableId(), trt);
        } else if (observation instanceof VpnConnectionObservation vpn) {
            vpnConnections.put(vpn.vpnConnectionId(), vpn);
        } else if (observation instanceof VpnGatewayObservation vgw) {
            vpnGateways.put(vgw.vpnGatewayId(), vgw);
        } else if (observation instanceof TunnelStateObservation ts) {
            tunnelStates.put(ts.tunnelIpAddress(), ts);
        } else if (observation instanceof StorageVirtualMachineObservation svm) {
            svms.put(svm.storageVirtualMachineId(), svm);
        }
    }

    /** Forgets a resource after a tombstone; resource ids are unique across kinds (rtb-, fs-, eni-). */
    public void remove(String resourceId) {
        RouteTableObservation table = routeTables.remove(resourceId);
        if (table != null) {
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
            for (String eni : fs.networkInterfaceIds()) {
                eniOwners.remove(eni, resourceId);
            }
        }
        if (networkInterfaces.remove(resourceId) != null) {
            deletedEnis.add(resourceId);
        }
        vpcs.remove(resourceId);
        SubnetObservation subnet = subnets.remove(resourceId);
        if (subnet != null && subnetsByVpc.containsKey(subnet.vpcId())) {
            subnetsByVpc.get(subnet.vpcId()).remove(resourceId);
        }
        if (subnet != null) {
            rangeOverlaps.values().forEach(set -> set.remove(resourceId));
        }
        rangeOverlaps.remove(resourceId);
        peerings.remove(resourceId);
        transitGateways.remove(resourceId);
        tgwAttachments.remove(resourceId);
        tgwRouteTables.remove(resourceId);
        vpnConnections.remove(resourceId);
        vpnGateways.remove(resourceId);
        svms.remove(resourceId);
        if (resourceId.startsWith(TunnelStateObservation.ID_PREFIX)) {
            tunnelStates.remove(resourceId.substring(TunnelStateObservation.ID_PREFIX.length()));
        }
        if (resourceId.startsWith(io.floatwatch.model.ResourceKey.POLL_PREFIX)) {
            polls.remove(resourceId.substring(io.floatwatch.model.ResourceKey.POLL_PREFIX.length()));
        }
    }

    public Optional<RouteTableObservation> routeTable(String routeTableId) {
        return Optional.ofNullable(routeTables.get(routeTableId));
    }

    public Optional<FileSystemObservation> fileSystem(String fileSystemId) {
        return Optional.ofNullable(fileSystems.get(fileSystemId));
    }

    public Optional<NetworkInterfaceObservation> networkInterface(String eniId) {
        return Optional.ofNullable(networkInterfaces.get(eniId));
    }

    /** The file system that lists this ENI, if any. */
    public Optional<String> ownerOf(String eniId) {
        return Optional.ofNullable(eniOwners.get(eniId));
    }

    /** All file systems, sorted by id. */
    public List<FileSystemObservation> fileSystems() {
        return List.copyOf(fileSystems.values());
    }

    /** Ids of the tables that hold a /32 route for this address, sorted. */
    public Set<String> tablesWithHostRoute(String address) {
        Set<String> tables = tablesByHostAddress.get(address);
        return tables == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(tables));
    }

    /** The table routing traffic that leaves this subnet: its explicit association, else its VPC's main table. */
    public Optional<RouteTableObservation> routeTableOfSubnet(String subnetId, String vpcId) {
        String id = tableOfSubnet.get(subnetId);
        if (id == null && vpcId == null) {
            vpcId = subnet(subnetId).map(SubnetObservation::vpcId).orElse(null);
        }
        if (id == null && vpcId != null) {
            id = mainTableOfVpc.get(vpcId);
        }
        return id == null ? Optional.empty() : routeTable(id);
    }

    /** True when the subnet has an explicit association (not falling back to the main table). */
    public boolean explicitlyAssociated(String subnetId) {
        return tableOfSubnet.containsKey(subnetId);
    }

    /** The route tables of a VPC, sorted by id. */
    public List<RouteTableObservation> routeTablesOfVpc(String vpcId) {
        Set<String> ids = tablesByVpc.getOrDefault(vpcId, Set.of());
        return ids.stream().map(routeTables::get).filter(Objects::nonNull).toList();
    }

    public Optional<VpcObservation> vpc(String vpcId) {
        return Optional.ofNullable(vpcs.get(vpcId));
    }

    public Optional<SubnetObservation> subnet(String subnetId) {
        return Optional.ofNullable(subnets.get(subnetId));
    }

    public List<SubnetObservation> subnetsOfVpc(String vpcId) {
        return subnetsByVpc.getOrDefault(vpcId, Set.of()).stream().map(subnets::get).filter(Objects::nonNull).toList();
    }

    /** Subnets of the file system's VPC that overlap its endpoint range, sorted by id. */
    public List<SubnetObservation> subnetsOverlappingRange(String fileSystemId) {
        return rangeOverlaps.getOrDefault(fileSystemId, Set.of()).stream().map(subnets::get).filter(Objects::nonNull)
                .toList();
    }

    public List<VpcPeeringObservation> peerings() {
        return List.copyOf(peerings.values());
    }

    public Optional<TransitGatewayObservation> transitGateway(String id) {
        return Optional.ofNullable(transitGateways.get(id));
    }

    public List<TransitGatewayAttachmentObservation> tgwAttachments() {
        return List.copyOf(tgwAttachments.values());
    }

    public Optional<TransitGatewayAttachmentObservation> tgwAttachment(String id) {
        return Optional.ofNullable(tgwAttachments.get(id));
    }

    public Optional<TransitGatewayRouteTableObservation> tgwRouteTable(String id) {
        return Optional.ofNullable(tgwRouteTables.get(id));
    }

    public List<TransitGatewayRouteTableObservation> tgwRouteTables() {
        return List.copyOf(tgwRouteTables.values());
    }

    public List<VpnConnectionObservation> vpnConnections() {
        return List.copyOf(vpnConnections.values());
    }

    public Optional<VpnGatewayObservation> vpnGateway(String id) {
        return Optional.ofNullable(vpnGateways.get(id));
    }

    public Optional<TunnelStateObservation> tunnelState(String tunnelIp) {
        return Optional.ofNullable(tunnelStates.get(tunnelIp));
    }

    public List<StorageVirtualMachineObservation> storageVirtualMachines() {
        return List.copyOf(svms.values());
    }

    /** The latest poll marker of each source, by source name. */
    public Map<String, PollCompleted> polls() {
        return Collections.unmodifiableMap(polls);
    }

    /** The ENI holding this private address (ordinary addresses only: no ENI holds a floating IP). */
    public Optional<NetworkInterfaceObservation> networkInterfaceWithAddress(String address) {
        return networkInterfaces.values().stream().filter(e -> e.privateIpAddresses().contains(address))
                .sorted(java.util.Comparator.comparing(NetworkInterfaceObservation::networkInterfaceId)).findFirst();
    }

    public boolean eniDeleted(String eniId) {
        return deletedEnis.contains(eniId);
    }

    public int size() {
        return routeTables.size() + fileSystems.size() + networkInterfaces.size() + vpcs.size() + subnets.size()
                + peerings.size() + transitGateways.size() + tgwAttachments.size() + tgwRouteTables.size()
                + vpnConnections.size() + vpnGateways.size() + tunnelStates.size() + svms.size();
    }
}
