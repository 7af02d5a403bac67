package io.floatwatch.analyzer.core.path;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an FSx endpoint serves, as a client declares it in {@code clients[].endpoints}. Management and the
 * SVM's NFS/SMB endpoint float on Multi-AZ; iSCSI, NVMe/TCP and intercluster endpoints are ordinary ENI
 * addresses, one per subnet (docs/domain.md section 5).
 */
public enum EndpointKind {
    MANAGEMENT, NFS, SMB, ISCSI, NVME, INTERCLUSTER;

    /** What clients mount when they declare nothing: the data endpoints. */
    public static final Set<EndpointKind> DATA = Set.copyOf(EnumSet.of(NFS, SMB, ISCSI, NVME));

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code nfs} -> NFS; null when unknown. */
    public static EndpointKind parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The kinds named (unknown names dropped: the config validated them); none named means the data endpoints. */
    public static Set<EndpointKind> parseAll(Collection<String> names) {
        EnumSet<EndpointKind> out = EnumSet.noneOf(EndpointKind.class);
        if (names != null) {
            names.stream().map(EndpointKind::parse).filter(k -> k != null).forEach(out::add);
        }
        return out.isEmpty() ? DATA : Set.copyOf(out);
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(EndpointKind::label).toList();
    }
}
