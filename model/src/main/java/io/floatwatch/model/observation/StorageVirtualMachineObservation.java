package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An ONTAP storage virtual machine and its endpoint addresses. Whether each address is floating
 * (inside the file system's EndpointIpAddressRange) or an ordinary ENI address is for the analyzer.
 */
public record StorageVirtualMachineObservation(
        Scope scope,
        Instant observedAt,
        String storageVirtualMachineId,
        String fileSystemId,
        String name,
        List<String> managementIps,
        List<String> nfsIps,
        List<String> smbIps,
        List<String> iscsiIps,
        List<String> nvmeIps) implements Observation {

    public StorageVirtualMachineObservation {
        managementIps = managementIps == null ? List.of() : List.copyOf(managementIps);
        nfsIps = nfsIps == null ? List.of() : List.copyOf(nfsIps);
        smbIps = smbIps == null ? List.of() : List.copyOf(smbIps);
        iscsiIps = iscsiIps == null ? List.of() : List.copyOf(iscsiIps);
        nvmeIps = nvmeIps == null ? List.of() : List.copyOf(nvmeIps);
    }

    /**
     * An SVM whose NVMe/TCP endpoints are not reported apart: FSx for ONTAP serves NVMe/TCP on the iSCSI
     * endpoint addresses (port 4420), and the SDK's SvmEndpoints has no NVMe entry.
     */
    public StorageVirtualMachineObservation(Scope scope, Instant observedAt, String storageVirtualMachineId,
            String fileSystemId, String name, List<String> managementIps, List<String> nfsIps, List<String> smbIps,
            List<String> iscsiIps) {
        this(scope, observedAt, storageVirtualMachineId, fileSystemId, name, managementIps, nfsIps, smbIps, iscsiIps, iscsiIps);
    }

    @Override
    public String resourceId() {
        return storageVirtualMachineId;
    }
}
