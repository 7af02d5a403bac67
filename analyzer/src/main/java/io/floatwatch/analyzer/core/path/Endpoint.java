package io.floatwatch.analyzer.core.path;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * One address of a file system a client may use, and what it serves there. ONTAP shares one address
 * between NFS and SMB (and between iSCSI and NVMe/TCP), so an address carries every kind it serves.
 *
 * @param floating inside the endpoint range: no ENI owns it, and only the floating-IP paths reach it
 */
public record Endpoint(String ip, Set<EndpointKind> kinds, boolean floating) {

    public Endpoint {
        kinds = Set.copyOf(kinds);
    }

    /** The kinds the client uses here, comma-joined in declaration order, e.g. {@code nfs,smb}. */
    public String label(Set<EndpointKind> wanted) {
        return kinds.stream().filter(wanted::contains).sorted().map(EndpointKind::label).collect(Collectors.joining(","));
    }

    public boolean usedBy(Set<EndpointKind> wanted) {
        return kinds.stream().anyMatch(wanted::contains);
    }
}
