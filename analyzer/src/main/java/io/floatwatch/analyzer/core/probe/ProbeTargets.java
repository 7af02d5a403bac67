package io.floatwatch.analyzer.core.probe;

import io.floatwatch.analyzer.core.path.Endpoint;
import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.path.FileSystemEndpoints;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.model.observation.FileSystemObservation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a client's probe may contact: the endpoint addresses of one file system that the client uses, each on the
 * ports of the endpoint kinds it uses there. The same endpoints the path verdicts judge ({@link FileSystemEndpoints}),
 * so a probe result always has a verdict to be compared with. Intercluster endpoints carry ONTAP's replication,
 * not client traffic, and are never probed.
 */
public final class ProbeTargets {

    /** TCP ports per endpoint kind: NFS needs 2049 and the portmapper 111 (docs/domain.md section 1). */
    public static final Map<EndpointKind, List<Integer>> PORTS = Map.of(
            EndpointKind.NFS, List.of(2049, 111),
            EndpointKind.SMB, List.of(445),
            EndpointKind.ISCSI, List.of(3260),
            EndpointKind.NVME, List.of(4420),
            EndpointKind.MANAGEMENT, List.of(443));

    /** One address and port to probe, with the kind it serves there (the first kind that needs the port). */
    public record Target(String fileSystemId, String ip, int port, String endpointKind) {
    }

    private ProbeTargets() {
    }

    /**
     * @param model the file system's scope, holding at least the file system and its SVMs
     * @param kinds the endpoint kinds the client uses (config {@code clients[].endpoints}, parsed)
     */
    public static List<Target> of(RegionModel model, FileSystemObservation fs, Set<EndpointKind> kinds) {
        List<Target> out = new ArrayList<>();
        for (Endpoint endpoint : FileSystemEndpoints.of(model, fs)) {
            Set<Integer> seen = new java.util.TreeSet<>();
            for (EndpointKind kind : sorted(endpoint.kinds())) {
                if (!kinds.contains(kind)) {
                    continue;
                }
                for (int port : PORTS.getOrDefault(kind, List.of())) {
                    if (seen.add(port)) {
                        out.add(new Target(fs.fileSystemId(), endpoint.ip(), port, kind.label()));
                    }
                }
            }
        }
        return out;
    }

    private static List<EndpointKind> sorted(Collection<EndpointKind> kinds) {
        return kinds.stream().sorted().toList();
    }
}
