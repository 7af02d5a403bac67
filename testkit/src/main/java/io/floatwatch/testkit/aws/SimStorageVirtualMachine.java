package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Objects;

/** A simulated ONTAP storage virtual machine and the addresses of its four endpoints. */
public record SimStorageVirtualMachine(String storageVirtualMachineId, String fileSystemId, String name,
        List<String> managementIps, List<String> nfsIps, List<String> smbIps, List<String> iscsiIps) {

    public SimStorageVirtualMachine {
        Objects.requireNonNull(storageVirtualMachineId, "storageVirtualMachineId");
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        managementIps = copy(managementIps);
        nfsIps = copy(nfsIps);
        smbIps = copy(smbIps);
        iscsiIps = copy(iscsiIps);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
