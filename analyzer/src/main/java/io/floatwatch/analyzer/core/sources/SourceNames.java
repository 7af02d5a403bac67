package io.floatwatch.analyzer.core.sources;

/**
 * The collector's names for its sources, as its poll markers carry them. The core cannot import the
 * collector; an app test holds these to the collector's source registry.
 */
public final class SourceNames {

    public static final String FILE_SYSTEMS = "fsx.file-systems";
    public static final String STORAGE_VIRTUAL_MACHINES = "fsx.storage-virtual-machines";
    public static final String ROUTE_TABLES = "ec2.route-tables";
    /** Its tables are published by the next {@link #ROUTE_TABLES} poll, not by itself. */
    public static final String ROUTE_TABLE_INVENTORY = "ec2.route-table-inventory";
    public static final String VPCS = "ec2.vpcs";
    public static final String SUBNETS = "ec2.subnets";
    public static final String VPC_PEERING = "ec2.vpc-peering";
    public static final String TRANSIT_GATEWAYS = "tgw.transit-gateways";
    public static final String TGW_ATTACHMENTS = "tgw.attachments";
    public static final String TGW_ROUTE_TABLES = "tgw.route-tables";
    public static final String VPN_CONNECTIONS = "vpn.connections";
    public static final String VPN_GATEWAYS = "vpn.gateways";
    public static final String CLOUDWATCH_TUNNEL_STATE = "cloudwatch.tunnel-state";
    public static final String SECURITY_GROUPS = "ec2.security-groups";
    public static final String NETWORK_ACLS = "ec2.network-acls";

    private SourceNames() {
    }
}
