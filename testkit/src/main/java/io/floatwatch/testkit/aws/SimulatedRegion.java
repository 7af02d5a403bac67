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
    private final Map<String, String> vpcs = new TreeMap<>();
    private final Map<String, SimSubnet> subnets = new TreeMap<>();
    private final Map<String, SimRouteTable> routeTables = new TreeMap<>();
    private final Map<String, SimNetworkInterface> networkInterfaces = new TreeMap<>();
    private final Map<String, SimFileSystem> fileSystems = new TreeMap<>();

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
        vpcs.put(vpcId, cidrBlock);
        return this;
    }

    public synchronized SimulatedRegion putSubnet(SimSubnet subnet) {
        subnets.put(subnet.subnetId(), subnet);
        return this;
    }

    public synchronized Optional<String> vpcCidr(String vpcId) {
        return Optional.ofNullable(vpcs.get(vpcId));
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

    public synchronized SimFileSystem fileSystem(String fileSystemId) {
        return require(fileSystems, fileSystemId, "file system");
    }

    public synchronized List<SimFileSystem> fileSystems() {
        return List.copyOf(fileSystems.values());
    }

    /** Drops every resource; scenarios call this before installing a baseline. */
    public synchronized void clear() {
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
