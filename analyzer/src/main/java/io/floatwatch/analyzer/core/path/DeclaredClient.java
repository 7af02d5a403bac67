package io.floatwatch.analyzer.core.path;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A client whose paths to the floating IPs are judged, as declared in the config's {@code clients:}.
 *
 * @param account            the account it belongs to; null matches every scope's account
 * @param region             its region; null matches every region
 * @param cidr               its IPv4 CIDR (a subnet, a VPC, an on-premises range)
 * @param subnetId           for VPC clients: the subnet it sits in (decides its route table)
 * @param vpcId              for VPC clients: its VPC
 * @param latticeResourceIp  for {@link Via#LATTICE}: the ipResource of the resource configuration
 *                           behind its resource VPC endpoint; the path works when it is the floating IP
 * @param fileSystemIds      the file systems it mounts; empty for every file system of its scope
 * @param endpoints          the endpoint kinds it uses; {@link EndpointKind#DATA} unless declared
 */
public record DeclaredClient(String name, String account, String region, String cidr, Via via, String subnetId,
        String vpcId, String latticeResourceIp, Set<String> fileSystemIds, Set<EndpointKind> endpoints) {

    public DeclaredClient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(via, "via");
        fileSystemIds = fileSystemIds == null ? Set.of() : Set.copyOf(fileSystemIds);
        endpoints = endpoints == null || endpoints.isEmpty() ? EndpointKind.DATA : Set.copyOf(endpoints);
    }

    /** A client of the data endpoints. */
    public DeclaredClient(String name, String account, String region, String cidr, Via via, String subnetId,
            String vpcId, String latticeResourceIp, Set<String> fileSystemIds) {
        this(name, account, region, cidr, via, subnetId, vpcId, latticeResourceIp, fileSystemIds, EndpointKind.DATA);
    }

    /** A client of every file system in its scope. */
    public DeclaredClient(String name, String account, String region, String cidr, Via via, String subnetId, String vpcId,
            String latticeResourceIp) {
        this(name, account, region, cidr, via, subnetId, vpcId, latticeResourceIp, Set.of());
    }

    /** The same client, mounting only these file systems. */
    public DeclaredClient mounting(List<String> ids) {
        return new DeclaredClient(name, account, region, cidr, via, subnetId, vpcId, latticeResourceIp, Set.copyOf(ids), endpoints);
    }

    /** The same client, using these endpoint kinds. */
    public DeclaredClient using(Set<EndpointKind> kinds) {
        return new DeclaredClient(name, account, region, cidr, via, subnetId, vpcId, latticeResourceIp, fileSystemIds, kinds);
    }

    /**
     * Whether the scope may hold a file system this client mounts: its own account, or, when it lists its file
     * systems, any account of its region (a file system in one account, its clients in another).
     */
    public boolean appliesTo(io.floatwatch.model.Scope scope) {
        return (account == null || account.equals(scope.account()) || !fileSystemIds.isEmpty())
                && (region == null || region.equals(scope.region()));
    }

    public boolean targets(String fileSystemId) {
        return fileSystemIds.isEmpty() || fileSystemIds.contains(fileSystemId);
    }
}
