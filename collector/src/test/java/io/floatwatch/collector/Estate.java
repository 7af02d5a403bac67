package io.floatwatch.collector;

import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimDatapoint;
import io.floatwatch.testkit.aws.SimStorageVirtualMachine;
import io.floatwatch.testkit.aws.SimTgwAttachment;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.aws.SimTransitGateway;
import io.floatwatch.testkit.aws.SimVpc;
import io.floatwatch.testkit.aws.SimVpcPeering;
import io.floatwatch.testkit.aws.SimVpnConnection;
import io.floatwatch.testkit.aws.SimVpnGateway;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A hybrid estate in the simulator: the OpenZFS file system of the failover scenario, a secondary
 * VPC CIDR, a peering, a TGW hub with a VPC and a VPN attachment, a VPN on a VGW, an ONTAP SVM and
 * CloudWatch tunnel state; plus the whole collector (every registry source) pointed at it.
 */
public final class Estate implements AutoCloseable {

    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    public static final String TGW = "tgw-0a1b2c3d4e5f60001";
    public static final String TGW_RTB = "tgw-rtb-0a1b2c3d4e5f60001";
    public static final String VPC_ATTACHMENT = "tgw-attach-0a1b2c3d4e5f60001";
    public static final String VPN_ATTACHMENT = "tgw-attach-0a1b2c3d4e5f60002";
    public static final String TGW_VPN = "vpn-0a1b2c3d4e5f60001";
    public static final String VGW_VPN = "vpn-0a1b2c3d4e5f60002";
    public static final String VGW = "vgw-0a1b2c3d4e5f60001";
    public static final String PEERING = "pcx-0a1b2c3d4e5f60001";
    public static final String TUNNEL_1 = "203.0.113.10";
    public static final String TUNNEL_2 = "203.0.113.11";
    public static final String SVM = "svm-0a1b2c3d4e5f60001";

    public final AwsSimulator simulator;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final RecordingSink sink = new RecordingSink();
    public final MutableClock clock = new MutableClock(START);
    public final Sightings sightings = new Sightings();
    public final CollectorSettings settings;
    public final AwsClients clients;
    public final Collector collector;

    public Estate(Function<CollectorSettings, CollectorSettings> tune, Scope... scopes) {
        simulator = AwsSimulator.start();
        for (Scope scope : scopes) {
            install(simulator.region(scope.region()));
        }
        settings = tune.apply(TestSupport.settings(simulator, "unused:9092", scopes));
        clients = TestSupport.clients(settings, registry);
        collector = new Collector(settings, Collector.sources(clients, settings, clock, sightings), sink, clock, registry, sightings);
    }

    public static void install(SimulatedRegion region) {
        OpenZfsFailoverScenario.installBaseline(region);
        String vpc = OpenZfsFailoverScenario.VPC_ID;
        region.putVpc(new SimVpc(vpc, List.of(OpenZfsFailoverScenario.VPC_CIDR, "100.64.0.0/16")));
        region.putVpcPeering(new SimVpcPeering(PEERING, "active",
                new SimVpcPeering.Side(region.accountId(), region.name(), vpc, List.of(OpenZfsFailoverScenario.VPC_CIDR)),
                new SimVpcPeering.Side("210987654321", region.name(), "vpc-0feedc0ffee000001", List.of("172.16.0.0/16"))));
        region.putTransitGateway(new SimTransitGateway(TGW, "available", 64512, TGW_RTB, TGW_RTB));
        region.putTgwAttachment(new SimTgwAttachment(VPC_ATTACHMENT, TGW, "vpc", vpc, "available", TGW_RTB));
        region.putTgwAttachment(new SimTgwAttachment(VPN_ATTACHMENT, TGW, "vpn", TGW_VPN, "available", TGW_RTB));
        region.putTgwRouteTable(new SimTgwRouteTable(TGW_RTB, TGW, List.of(VPC_ATTACHMENT, VPN_ATTACHMENT), List.of(
                new SimTgwRouteTable.Route(OpenZfsFailoverScenario.VPC_CIDR, "propagated", "active", List.of(VPC_ATTACHMENT)),
                SimTgwRouteTable.Route.staticTo(OpenZfsFailoverScenario.FLOATING_IP + "/32", VPC_ATTACHMENT),
                SimTgwRouteTable.Route.staticTo("192.168.0.0/16", VPN_ATTACHMENT),
                SimTgwRouteTable.Route.blackhole("10.99.0.0/16"))));
        Instant changed = START.minus(Duration.ofHours(1));
        region.putVpnConnection(new SimVpnConnection(TGW_VPN, "available", "cgw-0a1b2c3d4e5f60001", null, TGW, false, List.of(), List.of(
                new SimVpnConnection.Tunnel(TUNNEL_1, "169.254.10.0/30", "UP", "2 BGP ROUTES", changed, 2),
                new SimVpnConnection.Tunnel(TUNNEL_2, "169.254.11.0/30", "DOWN", "IPSEC IS UP", changed, 0))));
        region.putVpnConnection(new SimVpnConnection(VGW_VPN, "available", "cgw-0a1b2c3d4e5f60002", VGW, null, true,
                List.of("192.168.0.0/16"), List.of(
                new SimVpnConnection.Tunnel("198.51.100.20", "169.254.20.0/30", "UP", "", changed, 0),
                new SimVpnConnection.Tunnel("198.51.100.21", "169.254.21.0/30", "UP", "", changed, 0))));
        region.putVpnGateway(new SimVpnGateway(VGW, "available", 64512, List.of(vpc)));
        region.putStorageVirtualMachine(new SimStorageVirtualMachine(SVM, "fs-0ontap0000000001", "svm1", List.of("10.0.15.231"),
                List.of("10.0.15.239"), List.of("10.0.15.239"), List.of("10.0.8.5", "10.0.9.214")));
        region.addTunnelState(TUNNEL_1, List.of(new SimDatapoint(START.minus(Duration.ofMinutes(12)), 1.0),
                new SimDatapoint(START.minus(Duration.ofMinutes(6)), 1.0)));
        region.addTunnelState(TUNNEL_2, List.of(new SimDatapoint(START.minus(Duration.ofMinutes(12)), 1.0),
                new SimDatapoint(START.minus(Duration.ofMinutes(6)), 0.0)));
    }

    public List<PollResult> poll() {
        return collector.pollOnce();
    }

    public <T extends Observation> List<T> sent(Class<T> type) {
        return sink.drain().stream().filter(s -> type.isInstance(s.value())).map(s -> type.cast(s.value())).toList();
    }

    public static List<PollCompleted> markers(List<RecordingSink.Sent> sent) {
        return sent.stream().filter(s -> s.value() instanceof PollCompleted).map(s -> (PollCompleted) s.value()).toList();
    }

    public double pollAge(Scope scope, String source) {
        return registry.get(PollJob.POLL_AGE).tag("account", scope.account()).tag("region", scope.region()).tag("source", source)
                .gauge().value();
    }

    @Override
    public void close() {
        collector.close();
        clients.close();
        simulator.close();
    }
}
