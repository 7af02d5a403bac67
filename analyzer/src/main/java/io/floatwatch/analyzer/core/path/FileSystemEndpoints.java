package io.floatwatch.analyzer.core.path;

import io.floatwatch.analyzer.core.region.RegionModel;
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
 * addresses clients use (docs/domain.md sections 1 and 5).
 */
public final class FileSystemEndpoints {

    private FileSystemEndpoints() {
    }

    /** Sorted by address. OpenZFS serves NFS on its one endpoint; ONTAP lists management, SVM and intercluster ones. */
    public static List<Endpoint> of(RegionModel model, FileSystemObservation fs) {
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

    /**
     * The addresses FSx routes by a /32 in the tables it manages, sorted: the file system's floating IPs and, for
     * ONTAP, each of its SVMs' data endpoint inside the endpoint range (docs/domain.md section 5).
     */
    public static List<String> floating(RegionModel model, FileSystemObservation fs) {
        if (!"ONTAP".equals(fs.fileSystemType()) || fs.endpointIpAddressRange() == null) {
            return fs.floatingIps();
        }
        java.util.TreeSet<String> out = new java.util.TreeSet<>(fs.floatingIps());
        for (StorageVirtualMachineObservation svm : model.storageVirtualMachines()) {
            if (fs.fileSystemId().equals(svm.fileSystemId())) {
                // FSx writes 1 + (number of SVMs) routes per table: the management endpoint's and each SVM's
                // data endpoint's (NFS and SMB share it); an SVM's own management address has no route of its own.
                for (List<String> ips : List.of(svm.nfsIps(), svm.smbIps())) {
                    ips.stream().filter(ip -> ip != null && PathEvaluator.isFloating(fs, ip)).forEach(out::add);
                }
            }
        }
        return out.size() == fs.floatingIps().size() ? fs.floatingIps() : List.copyOf(out);
    }

    private static void add(Map<String, Set<EndpointKind>> byIp, List<String> ips, EndpointKind kind) {
        for (String ip : ips) {
            if (ip != null && !ip.isBlank()) {
                byIp.computeIfAbsent(ip, k -> EnumSet.noneOf(EndpointKind.class)).add(kind);
            }
        }
    }
}
