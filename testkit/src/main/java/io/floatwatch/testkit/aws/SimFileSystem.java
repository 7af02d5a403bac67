package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Objects;

/**
 * A simulated FSx file system (ONTAP or OpenZFS), limited to the fields that decide where its
 * floating IPs are routed.
 *
 * @param fileSystemType         {@code OPENZFS} or {@code ONTAP}
 * @param deploymentType         e.g. {@code MULTI_AZ_1}
 * @param endpointIpAddress      OpenZFS only: the floating NFS endpoint
 * @param managementIps          ONTAP only: Endpoints.Management.IpAddresses
 * @param interclusterIps        ONTAP only: Endpoints.Intercluster.IpAddresses (ordinary ENI addresses)
 * @param weeklyMaintenanceStartTime FSx's {@code d:HH:MM} (UTC); null by default, which the simulator leaves out of its answer:
 *                               any real start is an hour of some week, and a test on the wall clock that ran in it would see
 *                               the collector's urgent cadence and the analyzer's planned failovers, so only a test that sets
 *                               one ({@link #withWeeklyMaintenanceStartTime}) has a maintenance window
 */
public record SimFileSystem(
        String fileSystemId,
        String fileSystemType,
        String deploymentType,
        String lifecycle,
        String vpcId,
        List<String> subnetIds,
        String preferredSubnetId,
        List<String> networkInterfaceIds,
        String endpointIpAddressRange,
        String endpointIpAddress,
        List<String> managementIps,
        List<String> interclusterIps,
        List<String> routeTableIds,
        int throughputCapacity,
        String weeklyMaintenanceStartTime,
        List<SimAdministrativeAction> administrativeActions) {

    public static final String OPENZFS = "OPENZFS";
    public static final String ONTAP = "ONTAP";

    public SimFileSystem {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        Objects.requireNonNull(fileSystemType, "fileSystemType");
        lifecycle = lifecycle == null ? "AVAILABLE" : lifecycle;
        subnetIds = copy(subnetIds);
        networkInterfaceIds = copy(networkInterfaceIds);
        managementIps = copy(managementIps);
        interclusterIps = copy(interclusterIps);
        routeTableIds = copy(routeTableIds);
        administrativeActions = administrativeActions == null ? List.of() : List.copyOf(administrativeActions);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An OpenZFS MULTI_AZ_1 file system; {@code subnetIds} start with the preferred subnet. */
    public static SimFileSystem openZfsMultiAz(String fileSystemId, String vpcId, List<String> subnetIds,
            List<String> networkInterfaceIds, String endpointIpAddressRange, String endpointIpAddress,
            List<String> routeTableIds, int throughputCapacity) {
        return new SimFileSystem(fileSystemId, OPENZFS, "MULTI_AZ_1", "AVAILABLE", vpcId, subnetIds, subnetIds.get(0),
                networkInterfaceIds, endpointIpAddressRange, endpointIpAddress, List.of(), List.of(), routeTableIds,
                throughputCapacity, null, List.of());
    }

    /** An ONTAP MULTI_AZ_1 file system; {@code subnetIds} start with the preferred subnet. */
    public static SimFileSystem ontapMultiAz(String fileSystemId, String vpcId, List<String> subnetIds,
            List<String> networkInterfaceIds, String endpointIpAddressRange, List<String> managementIps,
            List<String> interclusterIps, List<String> routeTableIds, int throughputCapacity) {
        return new SimFileSystem(fileSystemId, ONTAP, "MULTI_AZ_1", "AVAILABLE", vpcId, subnetIds, subnetIds.get(0),
                networkInterfaceIds, endpointIpAddressRange, null, managementIps, interclusterIps, routeTableIds,
                throughputCapacity, null, List.of());
    }

    public SimFileSystem withThroughputCapacity(int value) {
        return new SimFileSystem(fileSystemId, fileSystemType, deploymentType, lifecycle, vpcId, subnetIds, preferredSubnetId,
                networkInterfaceIds, endpointIpAddressRange, endpointIpAddress, managementIps, interclusterIps, routeTableIds,
                value, weeklyMaintenanceStartTime, administrativeActions);
    }

    public SimFileSystem withLifecycle(String value) {
        return new SimFileSystem(fileSystemId, fileSystemType, deploymentType, value, vpcId, subnetIds, preferredSubnetId,
                networkInterfaceIds, endpointIpAddressRange, endpointIpAddress, managementIps, interclusterIps, routeTableIds,
                throughputCapacity, weeklyMaintenanceStartTime, administrativeActions);
    }

    public SimFileSystem withNetworkInterfaceIds(List<String> value) {
        return new SimFileSystem(fileSystemId, fileSystemType, deploymentType, lifecycle, vpcId, subnetIds, preferredSubnetId,
                value, endpointIpAddressRange, endpointIpAddress, managementIps, interclusterIps, routeTableIds,
                throughputCapacity, weeklyMaintenanceStartTime, administrativeActions);
    }

    public SimFileSystem withRouteTableIds(List<String> value) {
        return new SimFileSystem(fileSystemId, fileSystemType, deploymentType, lifecycle, vpcId, subnetIds, preferredSubnetId,
                networkInterfaceIds, endpointIpAddressRange, endpointIpAddress, managementIps, interclusterIps, value,
                throughputCapacity, weeklyMaintenanceStartTime, administrativeActions);
    }

    public SimFileSystem withAdministrativeActions(List<SimAdministrativeAction> value) {
        return new SimFileSystem(fileSystemId, fileSystemType, deploymentType, lifecycle, vpcId, subnetIds, preferredSubnetId,
                networkInterfaceIds, endpointIpAddressRange, endpointIpAddress, managementIps, interclusterIps, routeTableIds,
                throughputCapacity, weeklyMaintenanceStartTime, value);
    }

    /** FSx's {@code d:HH:MM} (UTC, 1 = Monday). */
    public SimFileSystem withWeeklyMaintenanceStartTime(String value) {
        return new SimFileSystem(fileSystemId, fileSystemType, deploymentType, lifecycle, vpcId, subnetIds, preferredSubnetId,
                networkInterfaceIds, endpointIpAddressRange, endpointIpAddress, managementIps, interclusterIps, routeTableIds,
                throughputCapacity, value, administrativeActions);
    }
}
