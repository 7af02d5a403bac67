package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every endpoint of a file system, from the file system and its SVMs: ONTAP clients mount the SVM's
 * endpoints, not the management IP, so judging only the file system's own floating IPs misses the
 * addresses clients use (DOMAIN.md sections 1 and 5).
 */
final class FileSystemEndpoints {

    private FileSystemEndpoints() {
    }

    /** Sorted by address. OpenZFS serves NFS on its one endpoint; ONTAP lists management, SVM and intercluster ones. */
    static List<Endpoint> of(RegionModel model, FileSystemObservation fs) {
        Map<String, Set<EndpointKind>> byIp = new TreeMap<>();
        if ("ONTAP".equals(fs.fileSystemType())) {
            // Records from before managementIps was reported carry the management endpoint as floatingIps.
            add(byIp, fs.managementIps().isEmpty() ? fs.floatingIps() : fs.managementIps(), EndpointKind.MANAGEMENT);
            add(byIp, fs.interclusterIps(), EndpointKind.INTERCLUSTER);
            for (StorageVirtualMachineObservation svm : model.storageVirtualMachines()) {
                if (!fs.fileSystemId().equals(svm.fileSystemId())) {
                    continue;
                }
                add(byIp, svm.managementIps(), EndpointKind.MANAGEMENT);
                add(byIp, svm.nfsIps(), EndpointKind.NFS);
                add(byIp, svm.smbIps(), EndpointKind.SMB);
                add(byIp, svm.iscsiIps(), EndpointKind.ISCSI);
                add(byIp, svm.nvmeIps(), EndpointKind.NVME);
            }
        } else {
            add(byIp, fs.floatingIps(), EndpointKind.NFS);
        }
        List<Endpoint> out = new ArrayList<>(byIp.size());
        byIp.forEach((ip, kinds) -> out.add(new Endpoint(ip, kinds, PathEvaluator.isFloating(fs, ip))));
        return out;
    }

    private static void add(Map<String, Set<EndpointKind>> byIp, List<String> ips, EndpointKind kind) {
        for (String ip : ips) {
            if (ip != null && !ip.isBlank()) {
                byIp.computeIfAbsent(ip, k -> EnumSet.noneOf(EndpointKind.class)).add(kind);
            }
        }
    }
}
