package io.floatwatch.collector.fsx;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.fsx.model.StorageVirtualMachine;
import software.amazon.awssdk.services.fsx.model.SvmEndpoint;

/**
 * ONTAP storage virtual machines and their management, NFS, SMB and iSCSI endpoint addresses
 * (DescribeStorageVirtualMachines, paginated), so every address of a file system is known; which
 * of them float is for the analyzer to decide against the endpoint range.
 */
public final class StorageVirtualMachineSource implements Source<List<StorageVirtualMachine>> {

    public static final String NAME = "fsx.storage-virtual-machines";
    public static final String OPERATION = "DescribeStorageVirtualMachines";

    private final AwsClients clients;

    public StorageVirtualMachineSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StorageVirtualMachine> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.fsx(scope).describeStorageVirtualMachinesPaginator(r -> r.build())
                .storageVirtualMachines().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<StorageVirtualMachine> svms, Instant observedAt) {
        return Sources.mapEach(OPERATION, svms, StorageVirtualMachine::storageVirtualMachineId, s -> (Observation)
                new StorageVirtualMachineObservation(scope, observedAt, Objects.requireNonNull(s.storageVirtualMachineId(), "id"),
                        s.fileSystemId(), s.name(),
                        ips(s.endpoints() == null ? null : s.endpoints().management()),
                        ips(s.endpoints() == null ? null : s.endpoints().nfs()),
                        ips(s.endpoints() == null ? null : s.endpoints().smb()),
                        ips(s.endpoints() == null ? null : s.endpoints().iscsi())));
    }

    private static List<String> ips(SvmEndpoint endpoint) {
        return endpoint == null ? List.of() : endpoint.ipAddresses();
    }
}
