package io.floatwatch.model.finding;

import java.util.Locale;

/**
 * Every kind of finding the analyzer can raise, with its default severity and the runbook hint
 * on-call reads. The Prometheus label and the Alertmanager alertname derive from the name.
 */
public enum FindingType {
    /** Some or all floating /32 routes of a file system point at its standby ENI. */
    FSX_FAILED_OVER(Severity.WARNING,
            "Clients keep working if every table flipped. Check the FSx console for the cause (maintenance,"
                    + " throughput change, AZ fault); FSx fails back on its own."),
    /** A failover started but some route tables still point at the old ENI past the deadline. */
    FSX_FAILOVER_STALLED(Severity.CRITICAL,
            "Subnets behind the tables left behind cannot reach the file system. Open an AWS support case;"
                    + " as a stopgap, repoint the listed tables' floating /32 route to the active ENI."),
    /**
     * A /32 route points at an ENI that no longer exists and its address is the floating IP of no file system of the
     * table's VPC: typically left behind by a deleted file system in a table FSx no longer manages.
     */
    FLOATING_ROUTE_ORPHANED(Severity.WARNING,
            "The route sends the address to nowhere (a blackhole) and FSx will not remove it. Delete the /32 route from the"
                    + " table (or, if a file system should own the address, check why it is gone)."),
    /** A floating /32 route points at an ENI that belongs to no known file system, or is a blackhole. */
    FLOATING_ROUTE_BAD_TARGET(Severity.CRITICAL,
            "The floating IP is unreachable from subnets using this table. Check whether the ENI was deleted"
                    + " or the route was edited by hand; FSx only rewrites routes it manages."),
    /** A table listed in RouteTableIds holds no /32 route for a floating IP. */
    FLOATING_ROUTE_MISSING(Severity.CRITICAL,
            "Subnets using this table cannot reach the floating IP. Check that the table is still in the file"
                    + " system's RouteTableIds and that nobody deleted the route."),
    /** The view of a scope is older than allowed: a source failed or went silent. */
    DATA_STALE(Severity.WARNING,
            "floatwatch cannot vouch for this scope. Check the collector's logs and floatwatch_poll_errors_total"
                    + " for the failing source (credentials, throttling, endpoint)."),
    /**
     * floatwatch cannot get credentials for an account in a region (its role cannot be assumed, or AWS refuses the
     * sessions): one finding for the account and region, whatever number of sources that blinds.
     */
    ACCOUNT_ACCESS_FAILED(Severity.WARNING,
            "Nothing of this account and region is seen, so every verdict that needs it is unknown, not healthy. Check"
                    + " the role's trust policy (it must name floatwatch's role and external id), that the role still exists,"
                    + " and the collector's log line naming the STS error."),
    /** A failover with no planned cause seen (no admin action, outside the maintenance window, no VPN maintenance). */
    FSX_UNPLANNED_FAILOVER(Severity.CRITICAL,
            "Nothing planned explains this failover: suspect an AZ or file server fault. Check the AWS Health"
                    + " dashboard for the AZ of the preferred subnet and open a support case if it does not fail back."),
    /** A file system stayed failed over longer than allowed without starting to fail back. */
    FSX_FAILBACK_OVERDUE(Severity.WARNING,
            "FSx normally fails back within tens of minutes. Check the preferred subnet's AZ in AWS Health and the"
                    + " file system's AdministrativeActions; clients keep working on the standby meanwhile."),
    /** A declared client's subnet uses a route table FSx does not manage (not in RouteTableIds, or untagged). */
    CLIENT_SUBNET_NOT_COVERED(Severity.WARNING,
            "This subnet cannot reach the floating IPs, and a failover will not fix its routes. Add its route table"
                    + " to the file system's RouteTableIds (tagged AmazonFSx=ManagedByAmazonFSx) or move the client."),
    /** The endpoint IP range lies outside every CIDR of the file system's VPC. */
    ENDPOINT_RANGE_OUTSIDE_VPC(Severity.WARNING,
            "Clients behind a Transit Gateway need static TGW routes for the endpoint range towards the file system"
                    + " VPC's attachment, and their subnets need routes for the range; check both before relying on it."),
    /** The endpoint IP range overlaps a subnet of the VPC, so FSx will not manage the floating routes. */
    ENDPOINT_RANGE_OVERLAPS_SUBNET(Severity.CRITICAL,
            "FSx manages floating routes only for a range inside the VPC CIDR that overlaps no subnet. Pick a free"
                    + " range (recreate the file system or change the range) or remove the overlapping subnet."),
    /** A VPN tunnel is down (IPsec down). Severity comes from the connection-level finding. */
    VPN_TUNNEL_DOWN(Severity.INFO,
            "Check the customer gateway's IKE/IPsec logs for this tunnel's outside IP; a configuration change takes"
                    + " about 10 minutes to bring a tunnel up."),
    /** IPsec is up but BGP is not established on a dynamically routed tunnel. */
    VPN_BGP_DOWN(Severity.INFO,
            "IPsec is up, BGP is not: check the BGP neighbour (169.254.x.x/30 inside address, ASNs, hold time 30 s)"
                    + " on the customer gateway. BGP cannot run between two AWS VGWs: use static routing there."),
    /** One tunnel of a connection, or one connection of a redundant pair, is down; traffic still flows. */
    VPN_REDUNDANCY_LOST(Severity.WARNING,
            "Traffic still flows over the remaining tunnel or connection, but one more failure cuts the path. Bring"
                    + " the listed tunnels back before maintenance on the other side."),
    /** Every tunnel that could carry this connection's traffic is down. */
    VPN_PATH_LOST(Severity.CRITICAL,
            "Nothing reaches the remote network over this VPN. Check the customer gateway, its internet link and"
                    + " the tunnels' IKE/BGP state; fail over to another path if one exists."),
    /** A tunnel has BGP up but accepts no routes. */
    VPN_NO_ROUTES_ACCEPTED(Severity.WARNING,
            "BGP is up but AWS accepted 0 routes: check the prefixes the customer gateway advertises and any"
                    + " prefix filters; until fixed, nothing is routed over this tunnel."),
    /** Routes are learned over a VGW's VPN, but a route table of its VPC does not propagate them. */
    VPN_ROUTES_NOT_PROPAGATED(Severity.WARNING,
            "With propagation off, learned routes are silently ignored. Enable route propagation from the VGW on"
                    + " this route table, or add static routes to the VGW."),
    /** A tunnel changed state too often within the flap window. */
    VPN_TUNNEL_FLAPPING(Severity.WARNING,
            "Check dead-peer-detection and BGP hold timers, the customer gateway's internet link and rekey settings;"
                    + " each flap drops traffic for up to ~30 s while BGP moves to the other tunnel."),
    /** VgwTelemetry and the CloudWatch TunnelState metric disagree, or the metric is stale or missing. */
    VPN_TELEMETRY_DISAGREES(Severity.WARNING,
            "floatwatch cannot tell this tunnel's state: treat it as unknown, not as healthy. Compare the VPN"
                    + " console with CloudWatch AWS/VPN TunnelState and check the CloudWatch source's poll errors."),
    /** A declared client cannot reach a floating IP: a hop or a return route is missing. */
    CLIENT_PATH_UNREACHABLE(Severity.CRITICAL,
            "Add the missing route named in the finding (including the return path), then wait one poll for the"
                    + " verdict to clear."),
    /**
     * A declared client's path that floatwatch cannot prove either way: a hop it cannot see (an account it
     * cannot assume, another region, a table not observed, a route its lookups cannot reach). Never a
     * reachable verdict, and never the resolution of an unreachable one.
     */
    CLIENT_PATH_UNVERIFIED(Severity.WARNING,
            "floatwatch cannot prove this path. Give it what the finding says is missing: add the account (with a role"
                    + " it can assume) or region to aws.accounts, declare the client's subnetId/vpcId, or check the"
                    + " collector's DATA_STALE findings for the source that is failing."),
    /** A file system a declared client mounts exists in no account floatwatch watches in that region. */
    CLIENT_FILE_SYSTEM_NOT_FOUND(Severity.WARNING,
            "A client lists a file system floatwatch cannot find. Fix clients[].fileSystemIds (deleted or mistyped"
                    + " id), or add the account that owns it to aws.accounts; until then the client is not judged."),
    /** A declared client reaches a floating IP over a path AWS does not support for floating IPs. */
    CLIENT_PATH_UNSUPPORTED(Severity.WARNING,
            "This design cannot work for floating IPs (no ENI owns them). Use a Transit Gateway (VPN or DX on the"
                    + " TGW), a VPC Lattice resource endpoint, or an NLB with the range outside the VPC CIDR."),
    /**
     * A security group of the file system's ENIs, or a network ACL of its subnet or of the client's, stops a port a
     * declared client needs for an endpoint it uses: NFS, SMB, iSCSI, NVMe/TCP, management or intercluster.
     */
    ENDPOINT_PORT_BLOCKED(Severity.CRITICAL,
            "The routes may be fine, but the packets are dropped. Do what the finding's fix says: authorize the inbound"
                    + " rule on the named security group, or remove (or renumber below an allow) the network ACL entry that"
                    + " denies, including the ephemeral return ports 1024-65535 NACLs need; then wait one poll."),
    /**
     * A port a declared client needs is allowed only by a rule floatwatch cannot resolve: a security group reference
     * whose members it does not know to cover the client, a prefix list, a group or network ACL it does not observe.
     * Never an all-clear, and never the resolution of a blocked port.
     */
    ENDPOINT_PORT_UNVERIFIED(Severity.WARNING,
            "floatwatch cannot prove the port open. Allow the client's CIDR explicitly on the named security group (a"
                    + " CIDR rule beside the group or prefix-list reference), or check why the named group or ACL is not"
                    + " observed (the ec2.security-groups and ec2.network-acls sources, their IAM actions)."),
    /**
     * The control plane says a declared client reaches an endpoint, but the probe beside the client cannot open a TCP
     * connection to it: something routes do not show blocks it (a security group, a network ACL, ARP, the host).
     */
    PROBE_BLOCKED_PATH_OK(Severity.CRITICAL,
            "Routes are right but the client cannot connect. Check, in this order: the security groups of the file"
                    + " system's ENIs (inbound TCP on the listed ports from the client's CIDR), the network ACLs of the"
                    + " client's and the file system's subnets (both directions, ephemeral ports for the reply), the"
                    + " client host's firewall, and ARP on the client's host."),
    /**
     * A probe connects to an endpoint that floatwatch judges unreachable from that client: floatwatch's model of the
     * path is wrong somewhere (a hop it does not know of, a route it misread).
     */
    PROBE_MODEL_DISAGREES(Severity.WARNING,
            "Clients work, floatwatch thinks they cannot: compare the hops listed in the finding with the real path"
                    + " (an undeclared TGW, a Lattice endpoint, a proxy) and fix clients[] or report the misread to"
                    + " floatwatch's maintainers."),
    /** A probe that reported for a client and endpoint has been silent for three of its heartbeats. */
    PROBE_SILENT(Severity.WARNING,
            "floatwatch no longer knows what this client feels: its probe stopped reporting. Check the probe pod"
                    + " (DaemonSet) on the client's nodes and its Kafka connection.");

    private final Severity defaultSeverity;
    private final String runbook;

    FindingType(Severity defaultSeverity, String runbook) {
        this.defaultSeverity = defaultSeverity;
        this.runbook = runbook;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String runbook() {
        return runbook;
    }

    /** {@code fsx_failed_over}: the Prometheus label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code FsxFailedOver}: the Alertmanager alertname. */
    public String alertName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
