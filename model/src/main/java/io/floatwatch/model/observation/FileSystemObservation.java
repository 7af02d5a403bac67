package io.floatwatch.model.observation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An FSx file system as DescribeFileSystems reports it, limited to what decides reachability
 * of its floating IPs.
 *
 * @param fileSystemType         {@code ONTAP}, {@code OPENZFS}, {@code WINDOWS}, {@code LUSTRE}
 * @param deploymentType         e.g. {@code MULTI_AZ_1}, {@code MULTI_AZ_2}, {@code SINGLE_AZ_HA_1}
 * @param endpointIpAddressRange the range floating IPs come from, e.g. {@code 10.0.255.224/28}
 * @param floatingIps            endpoint addresses inside that range (OpenZFS EndpointIpAddress,
 *                               ONTAP management and SVM endpoints)
 * @param routeTableIds          tables FSx writes the floating /32 routes into
 * @param preferredSubnetId      the home subnet; its ENI is the preferred one
 * @param networkInterfaceIds    one ENI per subnet for Multi-AZ
 * @param managementIps          ONTAP: the file system's management endpoint (floating on Multi-AZ)
 * @param interclusterIps        ONTAP: the intercluster endpoints, ordinary ENI addresses (one per subnet)
 */
public record FileSystemObservation(
        Scope scope,
        Instant observedAt,
        String fileSystemId,
        String fileSystemType,
        String deploymentType,
        String lifecycle,
        String vpcId,
        String endpointIpAddressRange,
        List<String> floatingIps,
        List<String> routeTableIds,
        List<String> subnetIds,
        String preferredSubnetId,
        List<String> networkInterfaceIds,
        Integer throughputCapacity,
        String weeklyMaintenanceStartTime,
        List<AdministrativeAction> administrativeActions,
        List<String> managementIps,
        List<String> interclusterIps) implements Observation {

    public FileSystemObservation {
        floatingIps = floatingIps == null ? List.of() : List.copyOf(floatingIps);
        routeTableIds = routeTableIds == null ? List.of() : List.copyOf(routeTableIds);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
        administrativeActions = administrativeActions == null ? List.of() : List.copyOf(administrativeActions);
        managementIps = managementIps == null ? List.of() : List.copyOf(managementIps);
        interclusterIps = interclusterIps == null ? List.of() : List.copyOf(interclusterIps);
    }

    /** A file system without separately reported ONTAP endpoints (OpenZFS, and records written before they were). */
    public FileSystemObservation(Scope scope, Instant observedAt, String fileSystemId, String fileSystemType,
            String deploymentType, String lifecycle, String vpcId, String endpointIpAddressRange, List<String> floatingIps,
            List<String> routeTableIds, List<String> subnetIds, String preferredSubnetId, List<String> networkInterfaceIds,
            Integer throughputCapacity, String weeklyMaintenanceStartTime, List<AdministrativeAction> administrativeActions) {
        this(scope, observedAt, fileSystemId, fileSystemType, deploymentType, lifecycle, vpcId, endpointIpAddressRange,
                floatingIps, routeTableIds, subnetIds, preferredSubnetId, networkInterfaceIds, throughputCapacity,
                weeklyMaintenanceStartTime, administrativeActions, List.of(), List.of());
    }

    @Override
    public String resourceId() {
        return fileSystemId;
    }

    /** Only Multi-AZ file systems have floating IPs and FSx-managed routes. */
    @JsonIgnore
    public boolean multiAz() {
        return deploymentType != null && deploymentType.startsWith("MULTI_AZ");
    }
}
