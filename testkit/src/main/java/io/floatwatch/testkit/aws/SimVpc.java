package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Objects;

/**
 * A simulated VPC.
 *
 * @param cidrBlocks the primary CIDR first, then secondary ones (all reported as associated)
 */
public record SimVpc(String vpcId, List<String> cidrBlocks) {

    public SimVpc {
        Objects.requireNonNull(vpcId, "vpcId");
        cidrBlocks = List.copyOf(cidrBlocks);
        if (cidrBlocks.isEmpty()) {
            throw new IllegalArgumentException("a VPC has at least its primary CIDR");
        }
    }
}
