package io.floatwatch.analyzer.core.path;

import io.floatwatch.model.Scope;
import java.util.Objects;

/**
 * One declared client's path to one endpoint of one file system, walked at one moment: what a one-shot
 * readiness check reports for every path, the reachable ones included (the findings name only the others).
 *
 * @param scope          the file system's account and region
 * @param endpointKinds  the kinds the client uses at this address, e.g. {@code nfs,smb}
 * @param floating       the address is a floating IP (no ENI owns it)
 */
public record ClientPath(Scope scope, String client, Via via, String fileSystemId, String fileSystemVpcId,
        String endpointIp, String endpointKinds, boolean floating, PathResult result) {

    public ClientPath {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(result, "result");
    }

    /** Reaches the file system's VPC from outside it, where the file system's DNS name does not resolve. */
    public boolean outsideVpc() {
        return via != Via.SAME_VPC;
    }
}
