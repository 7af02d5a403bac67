package io.floatwatch.analyzer.core.firewall;

import io.floatwatch.analyzer.core.path.EndpointKind;
import java.util.List;

/**
 * One protocol and port range a client needs open to an endpoint, e.g. tcp 20001-20003.
 *
 * <p>What each kind of endpoint needs ({@link #of}): NFS TCP 2049, 111 (portmapper) and 20001-20003 (mount,
 * lock and status daemons, docs/domain.md section 1); SMB TCP 445; iSCSI TCP 3260; NVMe/TCP 4420; management TCP 22
 * (ONTAP CLI over SSH) and 443 (ONTAP REST API); intercluster TCP 11104-11105 (cluster peering and SnapMirror).
 * Only TCP: NFSv3 over UDP is optional (every current client mounts over TCP by default), and requiring UDP
 * would call a deliberately TCP-only group broken.
 */
record PortNeed(String protocol, int from, int to) {

    static final String TCP = "tcp";

    private static final List<PortNeed> NFS = List.of(tcp(2049), tcp(111), new PortNeed(TCP, 20001, 20003));
    private static final List<PortNeed> SMB = List.of(tcp(445));
    private static final List<PortNeed> ISCSI = List.of(tcp(3260));
    private static final List<PortNeed> NVME = List.of(tcp(4420));
    private static final List<PortNeed> MANAGEMENT = List.of(tcp(22), tcp(443));
    private static final List<PortNeed> INTERCLUSTER = List.of(new PortNeed(TCP, 11104, 11105));

    /** The ephemeral ports replies go to: NACLs are stateless, so the return direction needs them open. */
    static final PortNeed EPHEMERAL = new PortNeed(TCP, 1024, 65535);

    static PortNeed tcp(int port) {
        return new PortNeed(TCP, port, port);
    }

    static List<PortNeed> of(EndpointKind kind) {
        return switch (kind) {
            case NFS -> NFS;
            case SMB -> SMB;
            case ISCSI -> ISCSI;
            case NVME -> NVME;
            case MANAGEMENT -> MANAGEMENT;
            case INTERCLUSTER -> INTERCLUSTER;
        };
    }

    /** {@code tcp/2049}, {@code tcp/20001-20003}. */
    String label() {
        return protocol + "/" + (from == to ? String.valueOf(from) : from + "-" + to);
    }

    /** {@code tcp 2049}, {@code tcp 20001-20003}: how the fix names it. */
    String spaced() {
        return protocol + " " + (from == to ? String.valueOf(from) : from + "-" + to);
    }
}
