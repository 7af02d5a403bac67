package io.floatwatch.collector;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.cloudwatch.TunnelStateSource;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.tgw.TransitGatewayRouteTableSource;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every registry source through the real SDK clients against the simulator's wire protocols. */
class EverySourceTest {

    private Estate estate;

    @AfterEach
    void stop() {
        if (estate != null) {
            estate.close();
        }
    }

    private List<RecordingSink.Sent> firstPoll(Function<CollectorSettings, CollectorSettings> tune) {
        estate = new Estate(tune, TOKYO);
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).as(r.source() + ": " + r.error()).isTrue());
        return estate.sink.drain();
    }

    private static <T extends Observation> List<T> of(List<RecordingSink.Sent> sent, Class<T> type) {
        return sent.stream().filter(s -> type.isInstance(s.value())).map(s -> type.cast(s.value())).toList();
    }

    @Test
    void shouldReadEveryResourceAcrossPagesWhenTheServerPagesByOne() {
        List<RecordingSink.Sent> sent = firstPoll(s -> s);
        estate.close();
        // Same estate, one item per page: the same observations must come out.
        Estate paged = new Estate(s -> s, TOKYO);
        estate = paged;
        paged.simulator.pageSize(1);
        assertThat(paged.poll()).allSatisfy(r -> assertThat(r.ok()).as(r.source() + ": " + r.error()).isTrue());
        List<RecordingSink.Sent> pagedSent = paged.sink.drain();
        assertThat(pagedSent.stream().map(s -> s.key().value()).sorted().toList())
                .isEqualTo(sent.stream().map(s -> s.key().value()).sorted().toList());
        assertThat(paged.simulator.requestCount("DescribeSubnets")).isEqualTo(2);
        assertThat(paged.simulator.requestCount("DescribeStorageVirtualMachines")).isEqualTo(1);
    }

    @Test
    void shouldReportVpcsWithSecondaryCidrsSubnetsAndPeerings() {
        List<RecordingSink.Sent> sent = firstPoll(s -> s);
        assertThat(of(sent, VpcObservation.class)).singleElement().satisfies(v ->
                assertThat(v.cidrBlocks()).containsExactly(OpenZfsFailoverScenario.VPC_CIDR, "100.64.0.0/16"));
        assertThat(of(sent, SubnetObservation.class)).extracting(SubnetObservation::cidrBlock, SubnetObservation::availableIpAddressCount)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.0.1.0/24", 251),
                        org.assertj.core.groups.Tuple.tuple("10.0.2.0/24", 251));
        assertThat(of(sent, VpcPeeringObservation.class)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("active");
            assertThat(p.accepter().ownerId()).isEqualTo("210987654321");
            assertThat(p.accepter().cidrBlocks()).containsExactly("172.16.0.0/16");
        });
    }

    @Test
    void shouldSearchTgwRouteTablesPerFloatingIpAndForBlackholesWhenTheFileSystemWasSeen() {
        List<RecordingSink.Sent> sent = firstPoll(s -> s);
        assertThat(of(sent, TransitGatewayObservation.class)).singleElement().satisfies(t -> {
            assertThat(t.amazonSideAsn()).isEqualTo(64512L);
            assertThat(t.associationDefaultRouteTableId()).isEqualTo(Estate.TGW_RTB);
        });
        assertThat(of(sent, TransitGatewayAttachmentObservation.class))
                .extracting(TransitGatewayAttachmentObservation::resourceType, TransitGatewayAttachmentObservation::associatedRouteTableId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("vpc", Estate.TGW_RTB),
                        org.assertj.core.groups.Tuple.tuple("vpn", Estate.TGW_RTB));
        TransitGatewayRouteTableObservation table = of(sent, TransitGatewayRouteTableObservation.class).get(0);
        assertThat(table.associatedAttachmentIds()).containsExactly(Estate.VPC_ATTACHMENT, Estate.VPN_ATTACHMENT);
        assertThat(table.propagatingAttachmentIds()).containsExactly(Estate.VPC_ATTACHMENT, Estate.VPN_ATTACHMENT);
        // FSx was polled first in the same round, so its floating IP and range were searched exactly, and the IP by
        // longest prefix too.
        assertThat(table.searchedDestinations()).containsExactly(OpenZfsFailoverScenario.ENDPOINT_IP_ADDRESS_RANGE,
                OpenZfsFailoverScenario.FLOATING_ROUTE, TransitGatewayRouteTableSource.LPM_PREFIX + OpenZfsFailoverScenario.FLOATING_ROUTE);
        assertThat(table.routes()).containsExactlyInAnyOrder(
                new TgwRoute(OpenZfsFailoverScenario.FLOATING_ROUTE, "static", "active", List.of(Estate.VPC_ATTACHMENT)),
                new TgwRoute("10.99.0.0/16", "static", "blackhole", List.of()));
        assertThat(table.truncated()).isFalse();
        // Per table: one exact-match search for both destinations, one longest-prefix search, one for blackholes; no dump.
        assertThat(estate.simulator.requestCount(TransitGatewayRouteTableSource.SEARCH)).isEqualTo(3);
    }

    @Test
    void shouldPublishTheCoveringVpcCidrRouteWhenTheFloatingIpHasNoTgwRouteOfItsOwn() {
        estate = new Estate(s -> s, TOKYO);
        var region = estate.simulator.region(TOKYO.region());
        var original = region.tgwRouteTable(Estate.TGW_RTB);
        region.putTgwRouteTable(new SimTgwRouteTable(original.routeTableId(), original.transitGatewayId(),
                original.propagatingAttachmentIds(), original.routes().stream()
                .filter(r -> !r.destinationCidrBlock().equals(OpenZfsFailoverScenario.FLOATING_ROUTE)).toList()));

        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());

        TransitGatewayRouteTableObservation table = estate.sent(TransitGatewayRouteTableObservation.class).get(0);
        assertThat(table.searchedDestinations()).contains(TransitGatewayRouteTableSource.LPM_PREFIX + OpenZfsFailoverScenario.FLOATING_ROUTE);
        assertThat(table.routes()).containsExactlyInAnyOrder(
                new TgwRoute(OpenZfsFailoverScenario.VPC_CIDR, "propagated", "active", List.of(Estate.VPC_ATTACHMENT)),
                new TgwRoute("10.99.0.0/16", "static", "blackhole", List.of()));
        assertThat(table.truncated()).isFalse();
    }

    @Test
    void shouldMarkTheTableTruncatedWhenAwsHasMoreRoutesThanOneSearchReturns() {
        estate = new Estate(s -> s, TOKYO);
        for (int i = 0; i < 7; i++) {
            estate.simulator.region(TOKYO.region()).setTgwRoute(Estate.TGW_RTB, SimTgwRouteTable.Route.blackhole("10.98." + i + ".0/24"));
        }
        estate.simulator.pageSize(5);
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        TransitGatewayRouteTableObservation table = estate.sent(TransitGatewayRouteTableObservation.class).get(0);
        assertThat(table.truncated()).isTrue();
    }

    @Test
    void shouldJoinVgwTelemetryWithTunnelOptionsAndTellVgwFromTgwVpns() {
        List<RecordingSink.Sent> sent = firstPoll(s -> s);
        List<VpnConnectionObservation> vpns = of(sent, VpnConnectionObservation.class);
        assertThat(vpns).filteredOn(v -> v.vpnConnectionId().equals(Estate.TGW_VPN)).singleElement().satisfies(v -> {
            assertThat(v.transitGatewayId()).isEqualTo(Estate.TGW);
            assertThat(v.vpnGatewayId()).isNull();
            assertThat(v.staticRoutesOnly()).isFalse();
            assertThat(v.tunnels()).extracting(VpnConnectionObservation.Tunnel::outsideIpAddress, VpnConnectionObservation.Tunnel::status,
                    VpnConnectionObservation.Tunnel::statusMessage, VpnConnectionObservation.Tunnel::insideCidr,
                    VpnConnectionObservation.Tunnel::acceptedRouteCount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Estate.TUNNEL_1, "UP", "2 BGP ROUTES", "169.254.10.0/30", 2),
                            org.assertj.core.groups.Tuple.tuple(Estate.TUNNEL_2, "DOWN", "IPSEC IS UP", "169.254.11.0/30", 0));
            assertThat(v.tunnels().get(0).lastStatusChange()).isEqualTo(Estate.START.minus(Duration.ofHours(1)));
        });
        assertThat(vpns).filteredOn(v -> v.vpnConnectionId().equals(Estate.VGW_VPN)).singleElement().satisfies(v -> {
            assertThat(v.vpnGatewayId()).isEqualTo(Estate.VGW);
            assertThat(v.staticRoutesOnly()).isTrue();
            assertThat(v.staticRoutes()).containsExactly("192.168.0.0/16");
        });
        assertThat(of(sent, VpnGatewayObservation.class)).singleElement().satisfies(g ->
                assertThat(g.attachedVpcIds()).containsExactly(OpenZfsFailoverScenario.VPC_ID));
    }

    @Test
    void shouldTakeTheNewestTunnelStateWhenPagesRepeatAQueryIdWithPartialData() {
        estate = new Estate(s -> s, TOKYO);
        estate.simulator.pageSize(1);
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        List<TunnelStateObservation> states = estate.sent(TunnelStateObservation.class);
        assertThat(states).filteredOn(t -> t.tunnelIpAddress().equals(Estate.TUNNEL_1)).singleElement().satisfies(t -> {
            assertThat(t.vpnConnectionId()).isEqualTo(Estate.TGW_VPN);
            assertThat(t.value()).isEqualTo(1.0);
        });
        assertThat(states).filteredOn(t -> t.tunnelIpAddress().equals(Estate.TUNNEL_2)).singleElement().satisfies(t -> {
            assertThat(t.value()).isEqualTo(0.0);
            assertThat(t.datapointTime()).isEqualTo(Estate.START.minus(Duration.ofMinutes(10)));
        });
        // Four datapoints, one per page: the pages repeat query ids with PartialData and still merge.
        assertThat(estate.simulator.requestCount(TunnelStateSource.OPERATION)).isEqualTo(4);
        // A tunnel without datapoints is still reported, with no value, so silence is visible.
        assertThat(states).filteredOn(t -> t.tunnelIpAddress().equals("198.51.100.20")).singleElement()
                .satisfies(t -> assertThat(t.value()).isNull());
    }

    @Test
    void shouldSeeEveryDatapointSinceThePreviousPollWhenPollingHourly() {
        estate = new Estate(s -> s, TOKYO);
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        estate.sent(TunnelStateObservation.class);
        // An hour later: a datapoint 55 minutes old is inside the window because the window starts at the last poll.
        estate.clock.advance(Duration.ofHours(1));
        estate.simulator.region(TOKYO.region()).addTunnelState(Estate.TUNNEL_2,
                List.of(new io.floatwatch.testkit.aws.SimDatapoint(Estate.START.plus(Duration.ofMinutes(5)), 1.0)));

        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());

        assertThat(estate.sent(TunnelStateObservation.class)).filteredOn(t -> t.tunnelIpAddress().equals(Estate.TUNNEL_2))
                .singleElement().satisfies(t -> {
                    assertThat(t.value()).isEqualTo(1.0);
                    assertThat(t.datapointTime()).isEqualTo(Estate.START.plus(Duration.ofMinutes(5)));
                });
    }

    @Test
    void shouldAskAtMost500TunnelsPerGetMetricDataCall() {
        estate = new Estate(s -> s, TOKYO);
        var region = estate.simulator.region(TOKYO.region());
        for (int i = 0; i < 300; i++) {
            region.putVpnConnection(new io.floatwatch.testkit.aws.SimVpnConnection(String.format("vpn-%017x", 0x100 + i), "available",
                    null, null, Estate.TGW, false, List.of(), List.of(
                    new io.floatwatch.testkit.aws.SimVpnConnection.Tunnel("100.100." + (i / 200) + "." + (i % 200), null, "UP", "", null, 0),
                    new io.floatwatch.testkit.aws.SimVpnConnection.Tunnel("100.101." + (i / 200) + "." + (i % 200), null, "UP", "", null, 0))));
        }
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        // 604 tunnels: two calls (500 + 104), each within the simulator's 500-query limit.
        assertThat(estate.simulator.requestCount(TunnelStateSource.OPERATION)).isEqualTo(2);
        assertThat(estate.sent(TunnelStateObservation.class)).hasSize(604);
    }

    @Test
    void shouldReportSvmEndpointsOfEveryKind() {
        List<RecordingSink.Sent> sent = firstPoll(s -> s);
        assertThat(of(sent, StorageVirtualMachineObservation.class)).singleElement().satisfies(svm -> {
            assertThat(svm.managementIps()).containsExactly("10.0.15.231");
            assertThat(svm.nfsIps()).containsExactly("10.0.15.239");
            assertThat(svm.smbIps()).containsExactly("10.0.15.239");
            assertThat(svm.iscsiIps()).containsExactly("10.0.8.5", "10.0.9.214");
        });
    }

    @Test
    void shouldTombstoneAResourceOfAnySourceWhenItIsDeletedBetweenPolls() {
        firstPoll(s -> s);
        var region = estate.simulator.region(TOKYO.region());
        region.removeVpcPeering(Estate.PEERING);
        region.removeVpnConnection(Estate.VGW_VPN);
        region.removeTgwAttachment(Estate.VPN_ATTACHMENT);
        region.removeStorageVirtualMachine(Estate.SVM);
        estate.clock.advance(Duration.ofMinutes(1));
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        List<RecordingSink.Sent> second = estate.sink.drain();
        assertThat(second).filteredOn(RecordingSink.Sent::tombstone).extracting(s -> s.key().resourceId())
                .contains(Estate.PEERING, Estate.VGW_VPN, Estate.VPN_ATTACHMENT, Estate.SVM,
                        // the VGW VPN's tunnels are no longer asked for either
                        "tunnel-state/198.51.100.20", "tunnel-state/198.51.100.21");
    }

    @Test
    void shouldPublishOkMarkersWithNothingElseWhenARegionHasNoVpnsOrTransitGateways() {
        estate = new Estate(s -> s, TOKYO);
        OpenZfsFailoverScenario.installBaseline(estate.simulator.region(TOKYO.region()));
        List<PollResult> results = estate.poll();
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).isTrue());
        List<PollCompleted> markers = Estate.markers(estate.sink.drain());
        assertThat(markers).extracting(PollCompleted::source).containsExactlyElementsOf(SourceRegistry.names());
        assertThat(estate.simulator.requestCount(TunnelStateSource.OPERATION)).isZero();
    }

    @Test
    void shouldRereadOnlyManagedRouteTablesInOneCallBetweenInventories() {
        firstPoll(s -> CollectorSettingsBuilder.from(s).routeTables(List.of(), Duration.ofMinutes(10)).build());
        var region = estate.simulator.region(TOKYO.region());
        region.setRoute(OpenZfsFailoverScenario.MAIN_ROUTE_TABLE_ID, "192.168.0.0/16", "tgw-0a1b2c3d4e5f60001");
        region.setRoute(OpenZfsFailoverScenario.ROUTE_TABLE_A_ID, OpenZfsFailoverScenario.FLOATING_ROUTE,
                OpenZfsFailoverScenario.STANDBY_ENI_ID);
        estate.simulator.resetFaultsAndCounts();
        estate.clock.advance(Duration.ofSeconds(30));

        // The fast loop alone, as every 30 s between inventories.
        assertThat(estate.collector.pollOnce(Set.of(RouteTableSource.NAME))).allSatisfy(r -> assertThat(r.ok()).isTrue());
        List<RecordingSink.Sent> second = estate.sink.drain();
        assertThat(estate.simulator.requestCount("DescribeRouteTables")).isEqualTo(1);
        // The managed table's failover is seen now; the unmanaged main table is neither re-read nor tombstoned.
        assertThat(second).filteredOn(s -> s.value() instanceof RouteTableObservation)
                .extracting(s -> s.key().resourceId()).containsExactly(OpenZfsFailoverScenario.ROUTE_TABLE_A_ID);
        assertThat(second).noneMatch(RecordingSink.Sent::tombstone);
        assertThat(Estate.markers(second)).extracting(PollCompleted::source, PollCompleted::resourceCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RouteTableSource.NAME, 3));

        // The inventory reads every table and publishes only its marker; the fast loop publishes what it found.
        estate.clock.advance(Duration.ofMinutes(10));
        estate.collector.pollOnce(Set.of(RouteTableInventorySource.NAME, RouteTableSource.NAME));
        List<RecordingSink.Sent> third = estate.sink.drain();
        assertThat(third).filteredOn(s -> s.value() instanceof RouteTableObservation)
                .extracting(s -> s.key().resourceId()).containsExactly(OpenZfsFailoverScenario.MAIN_ROUTE_TABLE_ID);
        assertThat(Estate.markers(third)).extracting(PollCompleted::source, PollCompleted::ok, PollCompleted::resourceCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RouteTableInventorySource.NAME, true, 3),
                        org.assertj.core.groups.Tuple.tuple(RouteTableSource.NAME, true, 3));
    }

    @Test
    void shouldAskForAFewTablesRatherThanNoneWhenNoTableIsManagedOrDeclared() {
        estate = new Estate(s -> s, TOKYO);
        var region = estate.simulator.region(TOKYO.region());
        for (int i = 0; i < 12; i++) {
            region.putRouteTable(io.floatwatch.testkit.aws.SimRouteTable.of(String.format("rtb-1%016x", i), "vpc-x", List.of(), List.of()));
        }
        region.removeFileSystem(OpenZfsFailoverScenario.FILE_SYSTEM_ID);
        estate.collector.pollOnce(Set.of(FileSystemSource.NAME, RouteTableInventorySource.NAME));
        estate.sink.drain();
        estate.simulator.resetFaultsAndCounts();

        // "ok" means EC2 answered this poll, so the fast loop asks even with nothing to watch: one call, EC2's smallest page.
        PollResult fast = estate.collector.pollOnce(Set.of(RouteTableSource.NAME)).get(0);
        assertThat(fast.ok()).isTrue();
        assertThat(fast.resourceCount()).isEqualTo(15);
        assertThat(estate.simulator.requestCount("DescribeRouteTables")).isEqualTo(1);

        estate.simulator.failNext("DescribeRouteTables", 503, "Unavailable", 3);
        assertThat(estate.collector.pollOnce(Set.of(RouteTableSource.NAME)).get(0).ok()).isFalse();
    }
}
