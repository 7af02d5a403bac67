package io.floatwatch.collector.fsx;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.aws.SourceException;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.fsx.model.FileSystem;
import software.amazon.awssdk.services.fsx.model.OntapFileSystemConfiguration;
import software.amazon.awssdk.services.fsx.model.OpenZFSFileSystemConfiguration;

/**
 * ONTAP and OpenZFS file systems of a scope (DescribeFileSystems), plus their ENIs
 * (DescribeNetworkInterfaces), so the analyzer knows which ENI sits in the preferred subnet.
 * Windows and Lustre have no floating IPs managed by routes, so they are skipped.
 */
public final class FileSystemSource implements Source<FileSystemSnapshot> {

    public static final String NAME = "fsx.file-systems";
    public static final String DESCRIBE_FILE_SYSTEMS = "DescribeFileSystems";
    public static final String DESCRIBE_NETWORK_INTERFACES = "DescribeNetworkInterfaces";
    static final Set<String> TYPES = Set.of("ONTAP", "OPENZFS");
    /** Values per filter; EC2 caps the values of one filter. */
    private static final int IDS_PER_CALL = 200;

    private final AwsClients clients;

    public FileSystemSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FileSystemSnapshot fetch(Scope scope) {
        List<FileSystem> fileSystems = AwsCalls.call(DESCRIBE_FILE_SYSTEMS, () -> clients.fsx(scope)
                .describeFileSystemsPaginator(r -> r.build())
                .stream().flatMap(page -> page.fileSystems().stream()).toList());
        List<String> eniIds = fileSystems.stream().filter(FileSystemSource::supported)
                .flatMap(fs -> fs.networkInterfaceIds().stream()).distinct().toList();
        List<NetworkInterface> enis = new ArrayList<>();
        for (int from = 0; from < eniIds.size(); from += IDS_PER_CALL) {
            List<String> chunk = eniIds.subList(from, Math.min(eniIds.size(), from + IDS_PER_CALL));
            // A filter, not NetworkInterfaceIds: an ENI deleted since DescribeFileSystems must not fail the whole poll.
            enis.addAll(AwsCalls.call(DESCRIBE_NETWORK_INTERFACES, () -> clients.ec2(scope)
                    .describeNetworkInterfacesPaginator(r -> r.maxResults(1000)
                            .filters(Filter.builder().name("network-interface-id").values(chunk).build()))
                    .networkInterfaces().stream().toList()));
        }
        return new FileSystemSnapshot(fileSystems, enis);
    }

    @Override
    public List<Observation> map(Scope scope, FileSystemSnapshot snapshot, Instant observedAt) {
        List<Observation> observations = new ArrayList<>();
        for (FileSystem fs : snapshot.fileSystems()) {
            if (!supported(fs)) {
                continue;
            }
            try {
                observations.add(map(scope, fs, observedAt));
            } catch (RuntimeException e) {
                throw new SourceException(DESCRIBE_FILE_SYSTEMS, "unexpected file system " + fs.fileSystemId() + ": " + e, e);
            }
        }
        for (NetworkInterface eni : snapshot.networkInterfaces()) {
            observations.add(new NetworkInterfaceObservation(scope, observedAt, eni.networkInterfaceId(), eni.subnetId(), eni.vpcId(),
                    eni.availabilityZone(), eni.interfaceTypeAsString(), eni.description(),
                    eni.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::privateIpAddress).toList(),
                    eni.groups().stream().map(software.amazon.awssdk.services.ec2.model.GroupIdentifier::groupId).toList()));
        }
        return observations;
    }

    private static boolean supported(FileSystem fs) {
        return TYPES.contains(fs.fileSystemTypeAsString());
    }

    static FileSystemObservation map(Scope scope, FileSystem fs, Instant observedAt) {
        String deploymentType = null;
        String range = null;
        List<String> floating = List.of();
        List<String> routeTables = List.of();
        String preferred = null;
        Integer throughput = null;
        String maintenance = null;
        List<String> management = List.of();
        List<String> intercluster = List.of();
        if (fs.openZFSConfiguration() != null) {
            OpenZFSFileSystemConfiguration c = fs.openZFSConfiguration();
            deploymentType = c.deploymentTypeAsString();
            range = c.endpointIpAddressRange();
            floating = c.endpointIpAddress() == null ? List.of() : List.of(c.endpointIpAddress());
            routeTables = c.routeTableIds();
            preferred = c.preferredSubnetId();
            throughput = c.throughputCapacity();
            maintenance = c.weeklyMaintenanceStartTime();
        } else if (fs.ontapConfiguration() != null) {
            OntapFileSystemConfiguration c = fs.ontapConfiguration();
            deploymentType = c.deploymentTypeAsString();
            range = c.endpointIpAddressRange();
            floating = ontapFloatingIps(c);
            if (c.endpoints() != null) {
                management = ips(c.endpoints().management());
                intercluster = ips(c.endpoints().intercluster());
            }
            routeTables = c.routeTableIds();
            preferred = c.preferredSubnetId();
            throughput = c.throughputCapacity();
            maintenance = c.weeklyMaintenanceStartTime();
        }
        List<AdministrativeAction> actions = fs.administrativeActions().stream()
                .map(a -> new AdministrativeAction(a.administrativeActionTypeAsString(), a.statusAsString(), a.requestTime(),
                        AdministrativeActions.detail(a)))
                .toList();
        return new FileSystemObservation(scope, observedAt, fs.fileSystemId(), fs.fileSystemTypeAsString(), deploymentType,
                fs.lifecycleAsString(), fs.vpcId(), range, floating, routeTables, fs.subnetIds(), preferred,
                fs.networkInterfaceIds(), throughput, maintenance, actions, management, intercluster);
    }

    private static List<String> ips(software.amazon.awssdk.services.fsx.model.FileSystemEndpoint endpoint) {
        return endpoint == null ? List.of() : endpoint.ipAddresses();
    }

    /** Management endpoint addresses inside the endpoint range float; Single-AZ ones are plain ENI addresses. */
    private static List<String> ontapFloatingIps(OntapFileSystemConfiguration c) {
        if (c.endpoints() == null || c.endpoints().management() == null || c.endpointIpAddressRange() == null) {
            return List.of();
        }
        return c.endpoints().management().ipAddresses().stream()
                .filter(ip -> EndpointRange.contains(c.endpointIpAddressRange(), ip))
                .toList();
    }
}
