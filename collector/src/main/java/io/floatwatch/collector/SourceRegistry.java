package io.floatwatch.collector;

import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.cloudwatch.TunnelStateSource;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.ec2.RouteTableView;
import io.floatwatch.collector.ec2.SubnetSource;
import io.floatwatch.collector.ec2.VpcPeeringSource;
import io.floatwatch.collector.ec2.VpcSource;
import io.floatwatch.collector.firewall.NetworkAclSource;
import io.floatwatch.collector.firewall.SecurityGroupSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.fsx.StorageVirtualMachineSource;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.tgw.TransitGatewayAttachmentSource;
import io.floatwatch.collector.tgw.TransitGatewayRouteTableSource;
import io.floatwatch.collector.tgw.TransitGatewaySource;
import io.floatwatch.collector.vpn.VpnConnectionSource;
import io.floatwatch.collector.vpn.VpnGatewaySource;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SecurityGroupObservation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every source as one row of data: the IAM actions it calls, the observations it publishes and
 * their Kafka key rule, the Prometheus labels those observations may end up as, and its default
 * interval. Tests iterate this table, so a source cannot ship without its key rule, labels and
 * IAM actions, and the IAM policy in deploy/iam cannot drift from the code.
 *
 * <p>Order matters for the first poll: sources that feed {@link Sightings} (file systems, VPNs)
 * come before those that read it.
 */
public final class SourceRegistry {

    /** Labels every collector series carries: floatwatch_poll_age_seconds, floatwatch_poll_errors_total. */
    public static final List<String> SCOPE_LABELS = List.of("account", "region", "source");

    /**
     * What a factory gets to build its source from.
     *
     * @param routeTables what the route-table inventory read, for the fast route-table loop that publishes it
     */
    public record Context(AwsClients clients, Sightings sightings, CollectorSettings settings, Clock clock, RouteTableView routeTables) {

        public Context(AwsClients clients, Sightings sightings, CollectorSettings settings, Clock clock) {
            this(clients, sightings, settings, clock, new RouteTableView());
        }
    }

    /**
     * @param actions     IAM actions, e.g. {@code ec2:DescribeVpcs}: exactly the calls the source makes
     * @param publishes   the observation records it emits
     * @param keyRule     the Kafka key, {@code account/region/<resource id>}
     * @param labels      Prometheus labels its facts may carry downstream
     * @param fast        part of the fast loop (routes FSx rewrites, VPN telemetry)
     */
    public record Row(String name, List<String> actions, List<Class<? extends Observation>> publishes, String keyRule,
            List<String> labels, Duration defaultInterval, boolean fast, Function<Context, Source<?>> factory) {
        public Row {
            actions = List.copyOf(actions);
            publishes = List.copyOf(publishes);
            labels = List.copyOf(labels);
        }
    }

    public static final List<Row> ROWS = List.of(
            new Row(FileSystemSource.NAME, List.of("fsx:DescribeFileSystems", "ec2:DescribeNetworkInterfaces"),
                    List.of(FileSystemObservation.class, NetworkInterfaceObservation.class),
                    "account/region/<fileSystemId | networkInterfaceId>",
                    List.of("account", "region", "file_system_id", "eni_id", "subnet_id"), Duration.ofSeconds(60), true,
                    c -> new FileSystemSource(c.clients())),
            // Before the fast loop, so that a first pollOnce() publishes every table. Its tables are published by the fast
            // loop (publishesObservations).
            new Row(RouteTableInventorySource.NAME, List.of("ec2:DescribeRouteTables"), List.of(RouteTableObservation.class),
                    "account/region/<routeTableId>",
                    List.of("account", "region", "route_table_id", "vpc_id", "destination", "eni_id"),
                    Duration.ofMinutes(10), false,
                    c -> new RouteTableInventorySource(c.clients(), c.routeTables())),
            new Row(RouteTableSource.NAME, List.of("ec2:DescribeRouteTables"), List.of(RouteTableObservation.class),
                    "account/region/<routeTableId>",
                    List.of("account", "region", "route_table_id", "vpc_id", "destination", "eni_id"), RouteTableCadence.DEFAULT_INTERVAL, true,
                    c -> new RouteTableSource(c.clients(), c.routeTables(), c.sightings(), c.settings().declaredRouteTableIds(),
                            c.settings().routeTableCadence())),
            new Row(VpnConnectionSource.NAME, List.of("ec2:DescribeVpnConnections"), List.of(VpnConnectionObservation.class),
                    "account/region/<vpnConnectionId>",
                    List.of("account", "region", "vpn_connection_id", "tunnel_ip"), Duration.ofSeconds(60), true,
                    c -> new VpnConnectionSource(c.clients())),
            new Row(TransitGatewayRouteTableSource.NAME,
                    List.of("ec2:DescribeTransitGatewayRouteTables", "ec2:GetTransitGatewayRouteTableAssociations",
                            "ec2:GetTransitGatewayRouteTablePropagations", "ec2:SearchTransitGatewayRoutes"),
                    List.of(TransitGatewayRouteTableObservation.class), "account/region/<transitGatewayRouteTableId>",
                    List.of("account", "region", "tgw_route_table_id", "transit_gateway_id", "destination", "attachment_id"),
                    Duration.ofMinutes(2), false,
                    c -> new TransitGatewayRouteTableSource(c.clients(), c.sightings(), c.settings().clientCidrs())),
            new Row(TunnelStateSource.NAME, List.of("cloudwatch:GetMetricData"), List.of(TunnelStateObservation.class),
                    "account/region/tunnel-state/<tunnelIpAddress>",
                    List.of("account", "region", "vpn_connection_id", "tunnel_ip"), Duration.ofHours(1), false,
                    c -> new TunnelStateSource(c.clients(), c.sightings(), c.clock())),
            new Row(StorageVirtualMachineSource.NAME, List.of("fsx:DescribeStorageVirtualMachines"),
                    List.of(StorageVirtualMachineObservation.class), "account/region/<storageVirtualMachineId>",
                    List.of("account", "region", "file_system_id", "svm_id"), Duration.ofMinutes(10), false,
                    c -> new StorageVirtualMachineSource(c.clients())),
            new Row(VpcSource.NAME, List.of("ec2:DescribeVpcs"), List.of(VpcObservation.class), "account/region/<vpcId>",
                    List.of("account", "region", "vpc_id"), Duration.ofMinutes(10), false, c -> new VpcSource(c.clients())),
            new Row(SubnetSource.NAME, List.of("ec2:DescribeSubnets"), List.of(SubnetObservation.class), "account/region/<subnetId>",
                    List.of("account", "region", "subnet_id", "vpc_id"), Duration.ofMinutes(10), false, c -> new SubnetSource(c.clients())),
            new Row(VpcPeeringSource.NAME, List.of("ec2:DescribeVpcPeeringConnections"), List.of(VpcPeeringObservation.class),
                    "account/region/<vpcPeeringConnectionId>", List.of("account", "region", "peering_id", "vpc_id"),
                    Duration.ofMinutes(10), false, c -> new VpcPeeringSource(c.clients())),
            new Row(TransitGatewaySource.NAME, List.of("ec2:DescribeTransitGateways"), List.of(TransitGatewayObservation.class),
                    "account/region/<transitGatewayId>", List.of("account", "region", "transit_gateway_id"), Duration.ofMinutes(10), false,
                    c -> new TransitGatewaySource(c.clients())),
            new Row(TransitGatewayAttachmentSource.NAME, List.of("ec2:DescribeTransitGatewayAttachments"),
                    List.of(TransitGatewayAttachmentObservation.class), "account/region/<transitGatewayAttachmentId>",
                    List.of("account", "region", "attachment_id", "transit_gateway_id", "tgw_route_table_id"), Duration.ofMinutes(10), false,
                    c -> new TransitGatewayAttachmentSource(c.clients())),
            new Row(VpnGatewaySource.NAME, List.of("ec2:DescribeVpnGateways"), List.of(VpnGatewayObservation.class),
                    "account/region/<vpnGatewayId>", List.of("account", "region", "vpn_gateway_id", "vpc_id"), Duration.ofMinutes(10), false,
                    c -> new VpnGatewaySource(c.clients())),
            // Every minute, as the FSx inventory: a revoked NFS rule blocks clients at once, nothing else shows it.
            new Row(SecurityGroupSource.NAME, List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"),
                    List.of(SecurityGroupObservation.class), "account/region/<groupId>",
                    List.of("account", "region", "security_group_id", "vpc_id"), Duration.ofSeconds(60), false,
                    c -> new SecurityGroupSource(c.clients())),
            new Row(NetworkAclSource.NAME, List.of("ec2:DescribeNetworkAcls"), List.of(NetworkAclObservation.class),
                    "account/region/<networkAclId>", List.of("account", "region", "network_acl_id", "vpc_id", "subnet_id"),
                    Duration.ofSeconds(60), false, c -> new NetworkAclSource(c.clients())));

    /** Used only for accounts with a roleArn; not tied to a source. */
    public static final String ASSUME_ROLE_ACTION = "sts:AssumeRole";

    private SourceRegistry() {
    }

    public static Optional<Row> row(String name) {
        return ROWS.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ROWS.stream().map(Row::name).toList();
    }

    /** Every IAM action the collector may call, sorted. */
    public static List<String> actions() {
        TreeSet<String> all = new TreeSet<>();
        ROWS.forEach(r -> all.addAll(r.actions()));
        all.add(ASSUME_ROLE_ACTION);
        return List.copyOf(all);
    }

    public static List<Source<?>> create(Context context) {
        return ROWS.stream().<Source<?>>map(r -> r.factory().apply(context)).toList();
    }
}
