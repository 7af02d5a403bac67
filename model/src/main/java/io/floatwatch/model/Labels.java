package io.floatwatch.model;

/** Label names shared by findings, events and metrics, so they cannot drift apart. */
public final class Labels {
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String FS_ID = "fs_id";
    public static final String FLOATING_IP = "floating_ip";
    /** The endpoint address a client path is judged to: floating or an ordinary ENI address. */
    public static final String ENDPOINT_IP = "endpoint_ip";
    /** What the endpoint serves: {@code management}, {@code nfs}, {@code smb}, {@code iscsi}, {@code nvme}, {@code intercluster}, comma-joined. */
    public static final String ENDPOINT_KIND = "endpoint_kind";
    public static final String ROUTE_TABLE_ID = "route_table_id";
    public static final String ENI_ID = "eni_id";
    /** {@code preferred}, {@code standby} or {@code unknown}. */
    public static final String ROLE = "role";
    public static final String SOURCE = "source";
    /** A Site-to-Site VPN connection id, {@code vpn-...}. */
    public static final String VPN_ID = "vpn_id";
    /** The outside IP address of a VPN tunnel, as CloudWatch's TunnelIpAddress dimension names it. */
    public static final String TUNNEL_IP = "tunnel_ip";
    /** The name of a client declared in the config's {@code clients:}. */
    public static final String CLIENT = "client";
    /** Where a port is stopped: {@code security_group} or {@code network_acl}. */
    public static final String LAYER = "layer";
    /** The security group ({@code sg-...}, comma-joined when several guard the ENI) or network ACL ({@code acl-...}). */
    public static final String RESOURCE_ID = "resource_id";
    /** A protocol and port or range, e.g. {@code tcp/2049}, {@code tcp/20001-20003}. */
    public static final String PORT = "port";
    /** The rule that decides: a network ACL entry number ({@code *} for the default deny), or {@code none}. */
    public static final String RULE = "rule";
    /** {@code failover} or {@code failback}: which move of the cycle a client outage belongs to. */
    public static final String CYCLE = "cycle";

    private Labels() {
    }
}
