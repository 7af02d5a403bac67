package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The mutable state of one simulated account in one region. Every method is thread-safe: the
 * demo changes routes while the collector polls. Values are immutable records swapped under one
 * lock, and reads return copies, so a Describe call sees each resource either before or after
 * a change, never half of it.
 *
 * <p>Maps are sorted by id so that pages come out in a stable order.
 */
public final class SimulatedRegion {

    private final String name;
    private final String accountId;
    private final Map<String, SimVpc> vpcs = new TreeMap<>();
    private final Map<String, SimSubnet> subnets = new TreeMap<>();
    private final Map<String, SimRouteTable> routeTables = new TreeMap<>();
    private final Map<String, SimNetworkInterface> networkInterfaces = new TreeMap<>();
    private final Map<String, SimFileSystem> fileSystems = new TreeMap<>();
    private final Map<String, SimVpcPeering> peerings = new TreeMap<>();
    private final Map<String, SimTransitGateway> transitGateways = new TreeMap<>();
    private final Map<String, SimTgwAttachment> tgwAttachments = new TreeMap<>();
    private final Map<String, SimTgwRouteTable> tgwRouteTables = new TreeMap<>();
    private final Map<String, SimVpnConnection> vpnConnections = new TreeMap<>();
    private final Map<String, SimVpnGateway> vpnGateways = new TreeMap<>();
    private final Map<String, SimStorageVirtualMachine> storageVirtualMachines = new TreeMap<>();
    private final Map<String, SimSecurityGroup> securityGroups = new TreeMap<>();
    private final Map<String, SimNetworkAcl> networkAcls = new TreeMap<>();
    /** AWS/VPN TunnelState by TunnelIpAddress, in any order: GetMetricData sorts. */
    private final Map<String, List<SimDatapoint>> tunnelState = new TreeMap<>();

    SimulatedRegion(String name, String accountId) {
        this.name = name;
        this.accountId = accountId;
    }

    public String name() {
        return name;
    }

    public String accountId() {
        return accountId;
    }

    public synchronized SimulatedRegion putVpc(String vpcId, String cidrBlock) {
        return putVpc(new SimVpc(vpcId, List.of(cidrBlock)));
    }

    public synchronized SimulatedRegion putVpc(SimVpc vpc) {
        vpcs.put(vpc.vpcId(), vpc);
        return this;
    }

    public synchronized List<SimVpc> vpcs() {
        return List.copyOf(vpcs.values());
    }

    public synchronized boolean removeVpc(String vpcId) {
        return vpcs.remove(vpcId) != null;
    }

    public synchronized boolean removeSubnet(String subnetId) {
        return subnets.remove(subnetId) != null;
    }

    public synchronized SimulatedRegion putSubnet(SimSubnet subnet) {
        subnets.put(subnet.subnetId(), subnet);
        return this;
    }

    public synchronized Optional<String> vpcCidr(String vpcId) {
        return Optional.ofNullable(vpcs.get(vpcId)).map(v -> v.cidrBlocks().get(0));
    }

    public synchronized List<SimSubnet> subnets() {
        return List.copyOf(subnets.values());
    }

    // ---- route tables

    public synchronized SimulatedRegion putRouteTable(SimRouteTable table) {
        routeTables.put(table.routeTableId(), table);
        return this;
    }

    public synchronized boolean removeRouteTable(String routeTableId) {
        return routeTables.remove(routeTableId) != null;
    }

    public synchronized SimRouteTable routeTable(String routeTableId) {
        return require(routeTables, routeTableId, "route table");
    }

    public synchronized List<SimRouteTable> routeTables() {
        return List.copyOf(routeTables.values());
    }

    /** CreateRoute or ReplaceRoute: points {@code destinationCidrBlock} at {@code targetId}, active. */
    public synchronized SimulatedRegion setRoute(String routeTableId, String destinationCidrBlock, String targetId) {
        SimRouteTable table = routeTable(routeTableId);
        SimRoute route = table.route(destinationCidrBlock)
                .map(r -> r.withTarget(targetId))
                .orElseGet(() -> SimRoute.to(destinationCidrBlock, targetId));
        routeTables.put(routeTableId, table.withRoute(route));
        return this;
    }

    public synchronized SimulatedRegion deleteRoute(String routeTableId, String destinationCidrBlock) {
        routeTables.put(routeTableId, routeTable(routeTableId).withoutRoute(destinationCidrBlock));
        return this;
    }

    /** What EC2 shows when a route's target (e.g. the ENI) is gone: the route stays, state blackhole. */
    public synchronized SimulatedRegion blackholeRoute(String routeTableId, String destinationCidrBlock) {
        SimRouteTable table = routeTable(routeTableId);
        SimRoute route = table.route(destinationCidrBlock).orElseThrow(() ->
                new NoSuchElementException("no route " + destinationCidrBlock + " in " + routeTableId));
        routeTables.put(routeTableId, table.withRoute(route.withState(SimRoute.BLACKHOLE)));
        return this;
    }

    // ---- network interfaces

    public synchronized SimulatedRegion putNetworkInterface(SimNetworkInterface eni) {
        networkInterfaces.put(eni.networkInterfaceId(), eni);
        return this;
    }

    public synchronized boolean removeNetworkInterface(String networkInterfaceId) {
        return networkInterfaces.remove(networkInterfaceId) != null;
    }

    public synchronized List<SimNetworkInterface> networkInterfaces() {
        return List.copyOf(networkInterfaces.values());
    }

    // ---- file systems

    public synchronized SimulatedRegion putFileSystem(SimFileSystem fileSystem) {
        fileSystems.put(fileSystem.fileSystemId(), fileSystem);
        return this;
    }

    public synchronized SimulatedRegion updateFileSystem(String fileSystemId, UnaryOperator<SimFileSystem> change) {
        fileSystems.put(fileSystemId, change.apply(require(fileSystems, fileSystemId, "file system")));
        return this;
    }

    public synchronized boolean removeFileSystem(String fileSystemId) {
        return fileSystems.remove(fileSystemId) != null;
    }

    /** DeleteFileSystem as its answer shows it: Lifecycle DELETING, everything else still there. */
    public synchronized SimulatedRegion startDeletingFileSystem(String fileSystemId) {
        return updateFileSystem(fileSystemId, fs -> fs.withLifecycle("DELETING"));
    }

    /**
     * DeleteFileSystem as AWS plays it out (after {@link #startDeletingFileSystem}, for a poll to see): the file
     * system and its ENIs are gone; FSx removes its floating
     * /32 routes from the tables in RouteTableIds, and every other route to one of its ENIs (a table FSx
     * no longer manages, a hand-made copy) stays behind as a blackhole, which nothing will remove.
     */
    public synchronized SimulatedRegion deleteFileSystem(String fileSystemId) {
        SimFileSystem fs = require(fileSystems, fileSystemId, "file system");
        fileSystems.remove(fileSystemId);
        fs.networkInterfaceIds().forEach(networkInterfaces::remove);
        for (SimRouteTable table : List.copyOf(routeTables.values())) {
            boolean managed = fs.routeTableIds().contains(table.routeTableId());
            List<SimRoute> kept = new ArrayList<>();
            for (SimRoute route : table.routes()) {
                if (!fs.networkInterfaceIds().contains(route.targetId())) {
                    kept.add(route);
                } else if (!managed) {
                    kept.add(route.withState(SimRoute.BLACKHOLE));
                }
            }
            if (!kept.equals(table.routes())) {
                routeTables.put(table.routeTableId(), table.withRoutes(kept));
            }
        }
        return this;
    }

    public synchronized SimFileSystem fileSystem(String fileSystemId) {
        return require(fileSystems, fileSystemId, "file system");
    }

    public synchronized List<SimFileSystem> fileSystems() {
        return List.copyOf(fileSystems.values());
    }

    // ---- peering, Transit Gateways, VPNs

    public synchronized SimulatedRegion putVpcPeering(SimVpcPeering peering) {
        peerings.put(peering.vpcPeeringConnectionId(), peering);
        return this;
    }

    public synchronized boolean removeVpcPeering(String id) {
        return peerings.remove(id) != null;
    }

    public synchronized List<SimVpcPeering> vpcPeerings() {
        return List.copyOf(peerings.values());
    }

    public synchronized SimulatedRegion putTransitGateway(SimTransitGateway tgw) {
        transitGateways.put(tgw.transitGatewayId(), tgw);
        return this;
    }

    public synchronized List<SimTransitGateway> transitGateways() {
        return List.copyOf(transitGateways.values());
    }

    public synchronized SimulatedRegion putTgwAttachment(SimTgwAttachment attachment) {
        tgwAttachments.put(attachment.attachmentId(), attachment);
        return this;
    }

    public synchronized boolean removeTgwAttachment(String attachmentId) {
        return tgwAttachments.remove(attachmentId) != null;
    }

    public synchronized List<SimTgwAttachment> tgwAttachments() {
        return List.copyOf(tgwAttachments.values());
    }

    public synchronized SimulatedRegion putTgwRouteTable(SimTgwRouteTable table) {
        tgwRouteTables.put(table.routeTableId(), table);
        return this;
    }

    public synchronized boolean removeTgwRouteTable(String routeTableId) {
        return tgwRouteTables.remove(routeTableId) != null;
    }

    public synchronized SimTgwRouteTable tgwRouteTable(String routeTableId) {
        return require(tgwRouteTables, routeTableId, "transit gateway route table");
    }

    public synchronized Optional<SimTgwRouteTable> findTgwRouteTable(String routeTableId) {
        return Optional.ofNullable(tgwRouteTables.get(routeTableId));
    }

    public synchronized List<SimTgwRouteTable> tgwRouteTables() {
        return List.copyOf(tgwRouteTables.values());
    }

    /** CreateTransitGatewayRoute or ReplaceTransitGatewayRoute. */
    public synchronized SimulatedRegion setTgwRoute(String routeTableId, SimTgwRouteTable.Route route) {
        tgwRouteTables.put(routeTableId, tgwRouteTable(routeTableId).withRoute(route));
        return this;
    }

    public synchronized SimulatedRegion putVpnConnection(SimVpnConnection vpn) {
        vpnConnections.put(vpn.vpnConnectionId(), vpn);
        return this;
    }

    public synchronized SimulatedRegion updateVpnConnection(String vpnConnectionId, UnaryOperator<SimVpnConnection> change) {
        vpnConnections.put(vpnConnectionId, change.apply(require(vpnConnections, vpnConnectionId, "VPN connection")));
        return this;
    }

    public synchronized boolean removeVpnConnection(String vpnConnectionId) {
        return vpnConnections.remove(vpnConnectionId) != null;
    }

    public synchronized List<SimVpnConnection> vpnConnections() {
        return List.copyOf(vpnConnections.values());
    }

    public synchronized SimulatedRegion putVpnGateway(SimVpnGateway vgw) {
        vpnGateways.put(vgw.vpnGatewayId(), vgw);
        return this;
    }

    public synchronized List<SimVpnGateway> vpnGateways() {
        return List.copyOf(vpnGateways.values());
    }

    // ---- ONTAP storage virtual machines

    public synchronized SimulatedRegion putStorageVirtualMachine(SimStorageVirtualMachine svm) {
        storageVirtualMachines.put(svm.storageVirtualMachineId(), svm);
        return this;
    }

    public synchronized boolean removeStorageVirtualMachine(String id) {
        return storageVirtualMachines.remove(id) != null;
    }

    public synchronized List<SimStorageVirtualMachine> storageVirtualMachines() {
        return List.copyOf(storageVirtualMachines.values());
    }

    // ---- CloudWatch

    /** Adds datapoints to the AWS/VPN TunnelState series of one tunnel (dimension TunnelIpAddress). */
    public synchronized SimulatedRegion addTunnelState(String tunnelIpAddress, List<SimDatapoint> datapoints) {
        tunnelState.computeIfAbsent(tunnelIpAddress, k -> new ArrayList<>()).addAll(datapoints);
        return this;
    }

    public synchronized List<SimDatapoint> tunnelState(String tunnelIpAddress) {
        return List.copyOf(tunnelState.getOrDefault(tunnelIpAddress, List.of()));
    }

    // ---- security groups and network ACLs

    public synchronized SimulatedRegion putSecurityGroup(SimSecurityGroup group) {
        securityGroups.put(group.groupId(), group);
        return this;
    }

    public synchronized boolean removeSecurityGroup(String groupId) {
        return securityGroups.remove(groupId) != null;
    }

    public synchronized List<SimSecurityGroup> securityGroups() {
        return List.copyOf(securityGroups.values());
    }

    public synchronized SimSecurityGroup securityGroup(String groupId) {
        return require(securityGroups, groupId, "security group");
    }

    /** AuthorizeSecurityGroupIngress (or Egress) of one rule; a rule with the same id is replaced. */
    public synchronized SimulatedRegion authorizeRule(String groupId, SimSecurityGroupRule rule) {
        securityGroups.put(groupId, securityGroup(groupId).withRule(rule));
        return this;
    }

    /** RevokeSecurityGroupIngress (or Egress) by rule id. */
    public synchronized SimulatedRegion revokeRule(String groupId, String ruleId) {
        securityGroups.put(groupId, securityGroup(groupId).withoutRule(ruleId));
        return this;
    }

    public synchronized SimulatedRegion putNetworkAcl(SimNetworkAcl acl) {
        networkAcls.put(acl.networkAclId(), acl);
        return this;
    }

    public synchronized boolean removeNetworkAcl(String networkAclId) {
        return networkAcls.remove(networkAclId) != null;
    }

    public synchronized List<SimNetworkAcl> networkAcls() {
        return List.copyOf(networkAcls.values());
    }

    public synchronized SimNetworkAcl networkAcl(String networkAclId) {
        return require(networkAcls, networkAclId, "network ACL");
    }

    /** CreateNetworkAclEntry: fails like EC2 when the rule number is taken in that direction. */
    public synchronized SimulatedRegion createNetworkAclEntry(String networkAclId, SimNetworkAcl.Entry entry) {
        networkAcls.put(networkAclId, networkAcl(networkAclId).withEntry(entry));
        return this;
    }

    /** DeleteNetworkAclEntry. */
    public synchronized SimulatedRegion deleteNetworkAclEntry(String networkAclId, int ruleNumber, boolean egress) {
        networkAcls.put(networkAclId, networkAcl(networkAclId).withoutEntry(ruleNumber, egress));
        return this;
    }

    /** Drops every resource; scenarios call this before installing a baseline. */
    public synchronized void clear() {
        peerings.clear();
        transitGateways.clear();
        tgwAttachments.clear();
        tgwRouteTables.clear();
        vpnConnections.clear();
        vpnGateways.clear();
        storageVirtualMachines.clear();
        securityGroups.clear();
        networkAcls.clear();
        tunnelState.clear();
        vpcs.clear();
        subnets.clear();
        routeTables.clear();
        networkInterfaces.clear();
        fileSystems.clear();
    }

    private static <T> T require(Map<String, T> map, String id, String what) {
        T value = map.get(id);
        if (value == null) {
            throw new NoSuchElementException("no " + what + " " + id + " (have " + new ArrayList<>(map.keySet()) + ")");
        }
        return value;
    }
}
