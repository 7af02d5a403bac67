package io.floatwatch.analyzer.core.vpn;

import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.World.down;
import static io.floatwatch.analyzer.core.World.ipsecOnly;
import static io.floatwatch.analyzer.core.World.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.finding.Severity;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/domain.md section 3: Site-to-Site VPN tunnels and BGP, and section 4's VPN attached to a TGW. */
class VpnTest {

    private static final String A = "203.0.113.1";
    private static final String B = "203.0.113.2";

    private static Fixture region() {
        return new Fixture(RulePolicy.defaults()).feed(World.vgw(T0));
    }

    @Test
    void shouldReadUpWith2BgpRoutesAsHealthyWhenBothTunnelsAreUp() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", T0, up(A, 2, T0), up(B, 2, T0)));

        assertThat(f.firing()).isEmpty();
    }

    @Test
    void shouldReportBgpDownNotTunnelDownWhenStatusIsDownWithIpsecIsUp() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(1), up(A, 2, T0), ipsecOnly(B, minutes(1))));

        Finding bgp = f.firing(FindingType.VPN_BGP_DOWN).get(0);
        assertThat(bgp.labels()).containsEntry(Labels.VPN_ID, "vpn-1").containsEntry(Labels.TUNNEL_IP, B);
        assertThat(bgp.summary()).contains("IPsec up but BGP down");
        assertThat(f.firing(FindingType.VPN_TUNNEL_DOWN)).isEmpty();
    }

    @Test
    void shouldReportRedundancyLostNotPathLostWhenOneOfTwoTunnelsIsDown() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(1), up(A, 2, T0), down(B, minutes(1))));

        Finding lost = f.firing(FindingType.VPN_REDUNDANCY_LOST).get(0);
        assertThat(lost.severity()).isEqualTo(Severity.WARNING);
        assertThat(lost.evidence()).containsEntry("lost", "tunnel").containsEntry("tunnels_down", B);
        assertThat(f.firing(FindingType.VPN_TUNNEL_DOWN)).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
        assertThat(f.firing(FindingType.VPN_PATH_LOST)).isEmpty();
    }

    @Test
    void shouldReportPathLostWhenBothTunnelsAreDownAndResolveWhenOneComesBack() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(1), down(A, minutes(1)), ipsecOnly(B, minutes(1))));

        Finding lost = f.firing(FindingType.VPN_PATH_LOST).get(0);
        assertThat(lost.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(lost.summary()).contains("down on all 2 tunnels");

        f.feed(World.vpnOnVgw("vpn-1", minutes(11), up(A, 2, minutes(11)), ipsecOnly(B, minutes(1))));

        assertThat(f.firing(FindingType.VPN_PATH_LOST)).isEmpty();
        assertThat(f.firing(FindingType.VPN_REDUNDANCY_LOST)).hasSize(1);
    }

    @Test
    void shouldReportRedundancyLostWhenOneConnectionOfARedundantPairIsDown() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(1), down(A, minutes(1)), down(B, minutes(1))),
                World.vpnOnVgw("vpn-2", minutes(1), up("198.51.100.1", 2, T0), up("198.51.100.2", 2, T0)));

        assertThat(f.firing(FindingType.VPN_PATH_LOST)).isEmpty();
        assertThat(f.firing(FindingType.VPN_REDUNDANCY_LOST)).singleElement().satisfies(x -> assertThat(x.evidence())
                .containsEntry("lost", "connection").containsEntry("partners_up", "vpn-2"));
    }

    @Test
    void shouldTreatIpsecIsUpAsDownWhenTheVpnUsesStaticRoutingBetweenTwoVgws() {
        // BGP cannot run between two AWS VGWs, so VPC-to-VPC VPNs are static: there is no BGP to be down.
        Fixture f = region().feed(World.staticVpn("vpn-s", minutes(1), up(A, 0, T0), ipsecOnly(B, minutes(1))));

        assertThat(f.firing(FindingType.VPN_BGP_DOWN)).isEmpty();
        assertThat(f.firing(FindingType.VPN_TUNNEL_DOWN)).hasSize(1);
        assertThat(f.firing(FindingType.VPN_NO_ROUTES_ACCEPTED)).as("static routing accepts no BGP routes").isEmpty();
    }

    @Test
    void shouldReportNoRoutesAcceptedWhenBgpIsUpWithZeroAcceptedRoutes() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(1), up(A, 0, T0), up(B, 2, T0)));

        assertThat(f.firing(FindingType.VPN_NO_ROUTES_ACCEPTED)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry(Labels.TUNNEL_IP, A));
    }

    @Test
    void shouldReportRoutesNotPropagatedWhenTheVpcTableDoesNotPropagateFromTheVgw() {
        // rtb-1 is in the file system's RouteTableIds: the way back from the file system to the VPN.
        Fixture f = region().feed(Fixture.fileSystem(T0), World.vpnOnVgw("vpn-1", T0, up(A, 2, T0), up(B, 2, T0)),
                World.rtb("rtb-1", "vpc-1", true, List.of(), Map.of(), T0),
                World.rtb("rtb-unrelated", "vpc-1", false, List.of("subnet-9"), Map.of(), T0));

        assertThat(f.firing(FindingType.VPN_ROUTES_NOT_PROPAGATED)).as("rtb-2 is not observed, rtb-unrelated not judged")
                .hasSize(1);
        Finding notPropagated = f.firing(FindingType.VPN_ROUTES_NOT_PROPAGATED).get(0);
        assertThat(notPropagated.labels()).containsEntry(Labels.ROUTE_TABLE_ID, "rtb-1").containsEntry(Labels.VPN_ID, "vpn-1");
        assertThat(notPropagated.summary()).contains("learns 2 BGP route(s)").contains("propagation is off");

        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of(), Map.of(), minutes(1),
                World.propagated("192.168.0.0/16", "vgw-1")));

        assertThat(f.firing(FindingType.VPN_ROUTES_NOT_PROPAGATED)).isEmpty();
    }

    @Test
    void shouldReportFlappingWhenATunnelChangesStateFourTimesWithinAnHour() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", T0, up(A, 2, T0), up(B, 2, T0)));
        for (int i = 1; i <= 4; i++) {
            VpnConnectionObservation.Tunnel b = i % 2 == 1 ? down(B, minutes(i * 5)) : up(B, 2, minutes(i * 5));
            f.feed(World.vpnOnVgw("vpn-1", minutes(i * 5), up(A, 2, T0), b));
        }

        Finding flapping = f.firing(FindingType.VPN_TUNNEL_FLAPPING).get(0);
        assertThat(flapping.labels()).containsEntry(Labels.TUNNEL_IP, B);
        assertThat(flapping.startedAt()).isEqualTo(minutes(20));

        // An hour later the changes have left the window; event time moves on with a poll marker.
        f.feed(new PollCompleted(Fixture.SCOPE, minutes(80), "vpn.connections", PollCompleted.OK, 1, 10, null));
        assertThat(f.firing(FindingType.VPN_TUNNEL_FLAPPING)).isEmpty();
    }

    @Test
    void shouldCountAChangeWhenTheStatusIsTheSameButLastStatusChangeMoved() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", T0, up(A, 2, T0), up(B, 2, T0)));
        for (int i = 1; i <= 4; i++) {
            f.feed(World.vpnOnVgw("vpn-1", minutes(i * 5), up(A, 2, T0), up(B, 2, minutes(i * 5 - 1))));
        }

        assertThat(f.firing(FindingType.VPN_TUNNEL_FLAPPING)).hasSize(1);
    }

    @Test
    void shouldNotReportFlappingWhenChangesAreSpreadOverHours() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", T0, up(A, 2, T0), up(B, 2, T0)));
        for (int i = 1; i <= 4; i++) {
            VpnConnectionObservation.Tunnel b = i % 2 == 1 ? down(B, minutes(i * 50)) : up(B, 2, minutes(i * 50));
            f.feed(World.vpnOnVgw("vpn-1", minutes(i * 50), up(A, 2, T0), b));
        }

        assertThat(f.findings(FindingType.VPN_TUNNEL_FLAPPING)).isEmpty();
    }

    @Test
    void shouldAgreeWhenCloudWatchTunnelStateMatchesVgwTelemetry() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(10), up(A, 2, T0), down(B, T0)),
                World.cloudWatch(A, "vpn-1", 1.0, minutes(5), minutes(10)),
                World.cloudWatch(B, "vpn-1", 0.0, minutes(5), minutes(10)));

        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).isEmpty();
    }

    @Test
    void shouldReportDisagreementWhenVgwTelemetrySaysUpButCloudWatchSaysDown() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(10), up(A, 2, T0), up(B, 2, T0)),
                World.cloudWatch(A, "vpn-1", 1.0, minutes(5), minutes(10)),
                World.cloudWatch(B, "vpn-1", 0.0, minutes(5), minutes(10)));

        Finding disagree = f.firing(FindingType.VPN_TELEMETRY_DISAGREES).get(0);
        assertThat(disagree.labels()).containsEntry(Labels.TUNNEL_IP, B);
        assertThat(disagree.evidence()).containsEntry("reason", "disagree");
        assertThat(disagree.summary()).contains("unknown, not healthy");
    }

    @Test
    void shouldReportStaleWhenCloudWatchHasNoRecentDatapointOrNoSeries() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(30), up(A, 2, T0), up(B, 2, T0)),
                World.cloudWatch(A, "vpn-1", 1.0, minutes(5), minutes(30)));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).extracting(x -> x.evidence().get("reason"))
                .as("no series for B, but CloudWatch has not had a period to show it").containsExactly("stale");

        f.feed(new io.floatwatch.model.observation.PollCompleted(Fixture.SCOPE, minutes(35), TunnelTelemetry.CLOUDWATCH_SOURCE,
                io.floatwatch.model.observation.PollCompleted.OK, 1, 10, null));

        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).extracting(x -> x.evidence().get("reason"))
                .containsExactlyInAnyOrder("stale", "missing");
    }

    @Test
    void shouldNotCallHourlyCloudWatchStaleUntilADatapointOutlivesItsPollIntervalPlusTheGrace() {
        Fixture f = region();
        f.feed(new PollCompleted(Fixture.SCOPE, minutes(0), "cloudwatch.tunnel-state", PollCompleted.OK, 2, 10, null),
                new PollCompleted(Fixture.SCOPE, minutes(60), "cloudwatch.tunnel-state", PollCompleted.OK, 2, 10, null));
        f.feed(World.cloudWatch(A, "vpn-1", 1.0, minutes(55), minutes(60)),
                World.cloudWatch(B, "vpn-1", 1.0, minutes(55), minutes(60)));

        f.feed(World.vpnOnVgw("vpn-1", minutes(110), up(A, 2, T0), up(B, 2, T0)));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).as("55 min old < 60 min poll + 15 min grace").isEmpty();

        f.feed(World.vpnOnVgw("vpn-1", minutes(140), up(A, 2, T0), up(B, 2, T0)));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).extracting(x -> x.evidence().get("reason"))
                .containsOnly("stale");
    }

    @Test
    void shouldNotCallCloudWatchLagADisagreementWhenTheChangeIsNewerThanTheDatapoint() {
        Fixture f = region().feed(World.vpnOnVgw("vpn-1", minutes(10), up(A, 2, T0), down(B, minutes(8))),
                World.cloudWatch(A, "vpn-1", 1.0, minutes(5), minutes(10)),
                World.cloudWatch(B, "vpn-1", 1.0, minutes(5), minutes(10)));

        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).isEmpty();
    }

    @Test
    void shouldReportDataStaleWhenAPollFailedAndResolveWhenItSucceeds() {
        Fixture f = region();
        f.feed(new PollCompleted(Fixture.SCOPE, minutes(1), "vpn.connections", PollCompleted.FAILED, 0, 10, "Throttling"));

        Finding stale = f.firing(FindingType.DATA_STALE).get(0);
        assertThat(stale.labels()).containsEntry(Labels.SOURCE, "vpn.connections");
        assertThat(stale.summary()).contains("failed (Throttling)");

        f.feed(new PollCompleted(Fixture.SCOPE, minutes(2), "vpn.connections", PollCompleted.OK, 1, 10, null));
        assertThat(f.firing(FindingType.DATA_STALE)).isEmpty();
    }

    @Test
    void shouldReportDataStaleWhenASourceGoesSilentForThreeOfItsIntervalsWhileOthersKeepPolling() {
        Fixture f = region();
        PollCompleted first = new PollCompleted(Fixture.SCOPE, minutes(0), "cloudwatch.tunnel-state", PollCompleted.OK, 2, 10, null);
        f.feed(first, new PollCompleted(Fixture.SCOPE, minutes(5), "cloudwatch.tunnel-state", PollCompleted.OK, 2, 10, null));

        f.feed(Fixture.poll(minutes(19)));
        assertThat(f.firing(FindingType.DATA_STALE)).as("14 min < 3 x its 5 min interval").isEmpty();

        f.feed(Fixture.poll(minutes(21)));
        assertThat(f.firing(FindingType.DATA_STALE)).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.SOURCE, "cloudwatch.tunnel-state");
            assertThat(x.startedAt()).isEqualTo(minutes(20));
        });
    }

    @Test
    void shouldNotCallASlowSourceSilentBeforeItsCadenceIsKnownWhenItReportedOnce() {
        Fixture f = region();
        f.feed(new PollCompleted(Fixture.SCOPE, minutes(0), "tgw.attachments", PollCompleted.OK, 2, 10, null));

        f.feed(Fixture.poll(minutes(45)));
        assertThat(f.firing(FindingType.DATA_STALE)).isEmpty();

        f.feed(Fixture.poll(minutes(61)));
        assertThat(f.firing(FindingType.DATA_STALE)).hasSize(1);
    }
}
