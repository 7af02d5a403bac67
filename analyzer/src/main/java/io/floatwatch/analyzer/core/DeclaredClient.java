package io.floatwatch.analyzer.core;

import java.util.Objects;

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
 */
public record DeclaredClient(String name, String account, String region, String cidr, Via via, String subnetId,
        String vpcId, String latticeResourceIp) {

    public DeclaredClient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(via, "via");
    }

    boolean appliesTo(io.floatwatch.model.Scope scope) {
        return (account == null || account.equals(scope.account())) && (region == null || region.equals(scope.region()));
    }
}
