package io.floatwatch.analyzer.core.path;

import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.World.attachment;
import static io.floatwatch.analyzer.core.World.r;
import static io.floatwatch.analyzer.core.World.tgwRoute;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/domain.md section 2, "Which paths reach a floating IP", one test per path. */
class PathTest {

    private static final String RANGE = "10.0.255.224/28";
    private static final Route BACK_TO_TGW = r("10.1.0.0/16", "tgw-1");
    private static final Route ONPREM_TO_TGW = r("192.168.0.0/16", "tgw-1");

    /** The file system's VPC, home on the preferred ENI, with the given client(s) declared. */
    private static Fixture region(String range, Route[] fsExtra, DeclaredClient... clients) {
        Fixture f = new Fixture(RulePolicy.defaults(), clients);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.vpc("vpc-2", T0, "10.1.0.0/16"),
                World.fileSystem(T0, range, "1:05:00"), Fixture.eni(PREFERRED, "subnet-1a", T0),
                Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0, fsExtra));
        return f;
    }

    /** A TGW with the file system VPC, the client VPC vpc-2 and a VPN attached, all on tgw-rtb-1. */
    private static Fixture withTgw(Fixture f, String range) {
        return f.feed(attachment("tgw-attach-fs", "vpc", "vpc-1", "tgw-rtb-1", T0, "subnet-1a", "subnet-1c"),
                attachment("tgw-attach-client", "vpc", "vpc-2", "tgw-rtb-1", T0, "subnet-2a"),
                attachment("tgw-attach-vpn", "vpn", "vpn-t", "tgw-rtb-1", T0),
                // What the collector searches: the floating destinations exactly, and by longest prefix the
                // endpoint addresses and the declared clients' CIDRs (so both directions are proven).
                World.tgwTable("tgw-rtb-1", List.of(IP + "/32", range, PathEvaluator.LONGEST_PREFIX + IP + "/32",
                        PathEvaluator.LONGEST_PREFIX + "10.1.0.0/16", PathEvaluator.LONGEST_PREFIX + "192.168.0.0/16"), T0,
                        tgwRoute("10.1.0.0/16", "tgw-attach-client"), tgwRoute("192.168.0.0/16", "tgw-attach-vpn"),
                        new TgwRoute("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-fs"))),
                World.rtb("rtb-c", "vpc-2", true, List.of("subnet-2a"), Map.of(), T0, r("10.0.0.0/8", "tgw-1")));
    }

    private static Finding only(Fixture f, FindingType type) {
        List<Finding> firing = f.firing(type);
        assertThat(firing).hasSize(1);
        return firing.get(0);
    }

    private static PathResult walk(Fixture f, FileSystemObservation fs, DeclaredClient c, String address) {
        return PathEvaluator.evaluate(f.analyzer().model(), fs, c, address);
    }

    @Test
    void shouldReachFloatingIpFromTheSameVpcWhenTheSubnetTableHoldsTheFloatingRoute() {
        DeclaredClient app = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");
        Fixture f = region(RANGE, new Route[0], app);

        PathResult r = walk(f, World.fileSystem(T0, RANGE, null), app, IP);

        assertThat(r.verdict()).isEqualTo(PathVerdict.REACHABLE);
        assertThat(r.hops()).contains("subnet-1a -> rtb-1: " + IP + "/32 -> " + PREFERRED);
        assertThat(f.firing()).isEmpty();
    }

    @Test
    void shouldReportUnreachableFromTheSameVpcWhenTheSubnetTableIsNotManagedByFsx() {
        DeclaredClient app = World.client("app", Via.SAME_VPC, "10.0.3.0/24", "subnet-app", "vpc-1");
        Fixture f = region(RANGE, new Route[0], app);

        f.feed(World.rtb("rtb-app", "vpc-1", false, List.of("subnet-app"), Map.of(), minutes(1)));

        Finding path = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(path.labels()).containsEntry(Labels.CLIENT, "app").containsEntry(Labels.FLOATING_IP, IP)
                .containsEntry(Labels.FS_ID, "fs-0abc");
        assertThat(path.evidence()).containsEntry("failed_hop", "rtb-app").containsEntry("route_table_ids", "rtb-app");
        assertThat(path.summary()).contains("no route for " + IP + "/32").contains("not in fs-0abc's RouteTableIds");
    }

    @Test
    void shouldReportUnsupportedWhenClientReachesFloatingIpOverVpcPeering() {
        DeclaredClient peer = World.client("peer", Via.PEERING, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = region(RANGE, new Route[] {r("10.1.0.0/16", "pcx-1")}, peer);

        f.feed(World.peering(minutes(1)));

        Finding path = only(f, FindingType.CLIENT_PATH_UNSUPPORTED);
        assertThat(path.summary()).contains("over VPC peering (pcx-1)").contains("no ENI owns it");
        assertThat(path.evidence()).containsEntry("via", "peering").containsEntry("verdict", "unsupported");
    }

    @Test
    void shouldJudgeAClientOnlyAgainstTheFileSystemsItMounts() {
        DeclaredClient elsewhere = World.client("peer-of-other", Via.PEERING, "10.1.0.0/16", "subnet-2a", "vpc-2")
                .mounting(List.of("fs-0other"));
        DeclaredClient mounts = World.client("peer", Via.PEERING, "10.1.0.0/16", "subnet-2a", "vpc-2")
                .mounting(List.of("fs-0abc"));
        Fixture f = region(RANGE, new Route[] {r("10.1.0.0/16", "pcx-1")}, elsewhere, mounts);

        f.feed(World.peering(minutes(1)));

        Finding path = only(f, FindingType.CLIENT_PATH_UNSUPPORTED);
        assertThat(path.labels()).containsEntry(Labels.CLIENT, "peer");
        assertThat(f.analyzer().model().fileSystem("fs-0abc")).isPresent();
    }

    @Test
    void shouldReachOrdinaryOntapEniAddressesOverVpcPeeringButNotFloatingOnes() {
        // docs/domain.md section 1's ONTAP file system: range 10.0.15.192/26, management 10.0.15.231 and NFS/SMB
        // 10.0.15.239 float; intercluster 10.0.8.138, 10.0.9.245 and iSCSI 10.0.8.5, 10.0.9.214 are ENI addresses.
        FileSystemObservation ontap = new FileSystemObservation(Fixture.SCOPE, T0, "fs-0ontap", "ONTAP", "MULTI_AZ_1",
                "AVAILABLE", "vpc-1", "10.0.15.192/26", List.of("10.0.15.231", "10.0.15.239"), List.of("rtb-1", "rtb-2"),
                List.of("subnet-1a", "subnet-1c"), "subnet-1a", List.of("eni-0o1", "eni-0o2"), 512, "1:05:00", List.of());
        DeclaredClient peer = World.client("peer", Via.PEERING, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = region(RANGE, new Route[] {r("10.1.0.0/16", "pcx-1")});
        f.feed(ontap, World.peering(T0), World.eniWithIps("eni-0o1", "subnet-1a", T0, "10.0.8.138", "10.0.8.5"),
                World.eniWithIps("eni-0o2", "subnet-1c", T0, "10.0.9.245", "10.0.9.214"));

        for (String ordinary : List.of("10.0.8.138", "10.0.9.245", "10.0.8.5", "10.0.9.214")) {
            assertThat(PathEvaluator.isFloating(ontap, ordinary)).as(ordinary).isFalse();
            assertThat(walk(f, ontap, peer, ordinary).verdict()).as(ordinary).isEqualTo(PathVerdict.REACHABLE);
        }
        for (String floating : List.of("10.0.15.231", "10.0.15.239")) {
            assertThat(PathEvaluator.isFloating(ontap, floating)).as(floating).isTrue();
            assertThat(walk(f, ontap, peer, floating).verdict()).as(floating).isEqualTo(PathVerdict.UNSUPPORTED);
        }
    }

    @Test
    void shouldReachFloatingIpThroughATransitGatewayWhenEveryHopAndReturnRouteExists() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[] {BACK_TO_TGW}, other), RANGE);

        PathResult r = walk(f, World.fileSystem(T0, RANGE, null), other, IP);

        assertThat(r.verdict()).isEqualTo(PathVerdict.REACHABLE);
        assertThat(r.hops()).contains("subnet-2a -> rtb-c: 10.0.0.0/8 -> tgw-1", "tgw-attach-fs into vpc-1",
                "subnet-1a -> rtb-1: " + IP + "/32 -> " + PREFERRED, "return rtb-1: 10.1.0.0/16 -> tgw-1",
                "return tgw-rtb-1: 10.1.0.0/16 -> tgw-attach-client (static)");
        assertThat(r.unverified()).isEmpty();
        assertThat(f.firing()).isEmpty();
    }

    @Test
    void shouldVerifyTheTgwHopWhenALongestPrefixLookupReturnsTheCoveringVpcRoute() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[] {BACK_TO_TGW}, other), RANGE);
        f.feed(World.tgwTable("tgw-rtb-1", List.of(IP + "/32", RANGE, "lpm:" + IP + "/32"), minutes(1),
                tgwRoute("10.0.0.0/16", "tgw-attach-fs"), tgwRoute("10.1.0.0/16", "tgw-attach-client")));

        PathResult r = walk(f, World.fileSystem(T0, RANGE, null), other, IP);

        assertThat(r.verdict()).isEqualTo(PathVerdict.REACHABLE);
        assertThat(r.hops()).contains("tgw-rtb-1: 10.0.0.0/16 -> tgw-attach-fs (static)");
        assertThat(r.unverified()).noneMatch(u -> u.contains("not visible to exact-match lookups"));
    }

    @Test
    void shouldReportUnreachableWhenALongestPrefixLookupFindsNoTgwRouteForTheFloatingIp() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[] {BACK_TO_TGW}, other), RANGE);
        // The VPC attachment's propagation was disabled: nothing in tgw-rtb-1 covers the floating IP any more.
        f.feed(World.tgwTable("tgw-rtb-1", List.of(IP + "/32", RANGE, "lpm:" + IP + "/32"), minutes(1),
                tgwRoute("10.1.0.0/16", "tgw-attach-client")));

        Finding path = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(path.evidence()).containsEntry("failed_hop", "tgw-rtb-1");
        assertThat(path.summary()).contains("has no route that covers " + IP);
    }

    @Test
    void shouldReportUnreachableWhenTheTgwAttachmentSubnetTableLacksTheFloatingRoute() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[] {BACK_TO_TGW}, other), RANGE);

        // The TGW's ENIs sit in their own subnet, whose table FSx does not manage.
        f.feed(attachment("tgw-attach-fs", "vpc", "vpc-1", "tgw-rtb-1", minutes(1), "subnet-tgw"),
                World.rtb("rtb-tgw", "vpc-1", false, List.of("subnet-tgw"), Map.of(), minutes(1), BACK_TO_TGW));

        Finding path = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(path.evidence()).containsEntry("failed_hop", "rtb-tgw");
        assertThat(path.summary()).contains("enters through attachment subnet subnet-tgw");
        assertThat(only(f, FindingType.CLIENT_SUBNET_NOT_COVERED).evidence()).containsEntry("subnet_id", "subnet-tgw");
    }

    @Test
    void shouldReportUnreachableWithTheReturnPathWhenFileSystemSubnetsHaveNoRouteBackToTheTgw() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[0], other), RANGE);

        Finding path = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(path.summary()).contains("return path broken").contains("needs 10.1.0.0/16 -> tgw-1");
        assertThat(path.evidence()).containsEntry("missing_route", "10.1.0.0/16 -> tgw-1 in rtb-1");
    }

    @Test
    void shouldReportMissingStaticTgwRouteWhenTheRangeIsOutsideTheVpcCidr() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[] {BACK_TO_TGW}, other), RANGE);
        // A VPC of 10.0.0.0/17 leaves the range 10.0.255.224/28 outside it: no propagated VPC route covers it.
        f.feed(World.vpc("vpc-1", minutes(1), "10.0.0.0/17"), World.tgwTable("tgw-rtb-1", List.of(IP + "/32", RANGE),
                minutes(1), tgwRoute("10.1.0.0/16", "tgw-attach-client"), tgwRoute("192.168.0.0/16", "tgw-attach-vpn")));
        FileSystemObservation fs = World.fileSystem(T0, RANGE, null);

        PathResult r = walk(f, fs, other, IP);

        assertThat(r.verdict()).isEqualTo(PathVerdict.UNREACHABLE);
        assertThat(r.missingRoute()).isEqualTo(RANGE + " -> tgw-attach-fs in tgw-rtb-1 (static)");
        assertThat(f.firing(FindingType.ENDPOINT_RANGE_OUTSIDE_VPC)).hasSize(1);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).hasSize(1);

        f.feed(World.tgwTable("tgw-rtb-1", List.of(IP + "/32", RANGE), minutes(2),
                tgwRoute(RANGE, "tgw-attach-fs"), tgwRoute("10.1.0.0/16", "tgw-attach-client")));

        assertThat(walk(f, fs, other, IP).verdict()).isEqualTo(PathVerdict.REACHABLE);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
    }

    @Test
    void shouldReportUnsupportedWhenAVpnOrDirectConnectEndsOnAVirtualPrivateGateway() {
        DeclaredClient vpn = World.client("onprem-vpn", Via.VPN_VGW, "192.168.0.0/16", null, null);
        DeclaredClient dx = World.client("onprem-dx", Via.DX_VGW, "192.168.0.0/16", null, null);
        Fixture f = region(RANGE, new Route[0], vpn, dx);

        f.feed(World.vgw(minutes(1)), World.vpnOnVgw("vpn-1", minutes(1), World.up("203.0.113.1", 2, T0),
                World.up("203.0.113.2", 2, T0)));

        assertThat(f.firing(FindingType.CLIENT_PATH_UNSUPPORTED)).hasSize(2)
                .allSatisfy(x -> assertThat(x.summary()).contains("virtual private gateway")
                        .contains("FSx refuses route tables with gateway associations"));
    }

    @Test
    void shouldReachThroughAVpnOnTheTransitGatewayWhileATunnelIsUp() {
        DeclaredClient onprem = World.client("onprem", Via.VPN_TGW, "192.168.0.0/16", null, null);
        Fixture f = withTgw(region(RANGE, new Route[] {ONPREM_TO_TGW}, onprem), RANGE);
        f.feed(World.vpnOnTgw("vpn-t", T0, World.up("203.0.113.1", 2, T0), World.down("203.0.113.2", T0)));

        assertThat(walk(f, World.fileSystem(T0, RANGE, null), onprem, IP).verdict()).isEqualTo(PathVerdict.REACHABLE);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();

        f.feed(World.vpnOnTgw("vpn-t", minutes(3), World.down("203.0.113.1", minutes(3)), World.down("203.0.113.2", T0)));

        Finding path = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(path.evidence()).containsEntry("failed_hop", "vpn-t").containsEntry("previous_verdict", "reachable");
        assertThat(only(f, FindingType.VPN_PATH_LOST).labels()).containsEntry(Labels.VPN_ID, "vpn-t");
    }

    @Test
    void shouldReportUnsupportedWhenAnNlbFrontsARangeInsideTheVpcCidr() {
        DeclaredClient viaNlb = World.client("nlb-users", Via.NLB, "192.168.0.0/16", null, null);
        Fixture f = region(RANGE, new Route[0], viaNlb);

        assertThat(only(f, FindingType.CLIENT_PATH_UNSUPPORTED).summary()).contains("lies inside the VPC CIDR");

        f.feed(World.fileSystem(minutes(1), "172.31.255.224/28", "1:05:00"));
        assertThat(f.firing(FindingType.CLIENT_PATH_UNSUPPORTED)).isEmpty();
    }

    @Test
    void shouldReachViaALatticeResourceEndpointWhenTheResourceConfigurationTargetsTheFloatingIp() {
        DeclaredClient lattice = new DeclaredClient("lattice-users", null, null, "10.9.0.0/16", Via.LATTICE, null, null, IP);
        DeclaredClient wrong = new DeclaredClient("lattice-wrong", null, null, "10.9.0.0/16", Via.LATTICE, null, null,
                "10.0.255.232");
        Fixture f = region(RANGE, new Route[0], lattice, wrong);

        PathResult r = walk(f, World.fileSystem(T0, RANGE, null), lattice, IP);
        assertThat(r.verdict()).isEqualTo(PathVerdict.REACHABLE_VIA_LATTICE);
        assertThat(r.explanation()).contains("no TGW needed");
        assertThat(only(f, FindingType.CLIENT_PATH_UNREACHABLE).labels()).containsEntry(Labels.CLIENT, "lattice-wrong");
    }

    @Test
    void shouldReportAVerdictChangeWithItsExplanationWhenARouteDisappearsAndResolveWhenItReturns() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = withTgw(region(RANGE, new Route[] {BACK_TO_TGW}, other), RANGE).clear();

        f.feed(World.rtb("rtb-c", "vpc-2", true, List.of("subnet-2a"), Map.of(), minutes(5)));

        Finding broke = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(broke.evidence()).containsEntry("previous_verdict", "reachable")
                .containsEntry("missing_route", RANGE + " -> tgw-1 in rtb-c");
        assertThat(broke.summary()).contains("rtb-c (client subnet subnet-2a) has no route for it");

        f.feed(World.rtb("rtb-c", "vpc-2", true, List.of("subnet-2a"), Map.of(), minutes(9), r("10.0.0.0/16", "tgw-1")));

        Finding fixed = f.findings(FindingType.CLIENT_PATH_UNREACHABLE).get(f.findings(FindingType.CLIENT_PATH_UNREACHABLE).size() - 1);
        assertThat(fixed.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(fixed.summary()).startsWith("path verdict changed: other-vpc reaches " + IP + " through tgw-1");
    }

    @Test
    void shouldFollowTheFailoverWhenTheTablesMoveToTheStandbyEni() {
        DeclaredClient app = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");
        Fixture f = region(RANGE, new Route[0], app).clear();

        f.feed(World.fsTables(STANDBY, minutes(10)));

        assertThat(f.findings(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
        assertThat(walk(f, World.fileSystem(T0, RANGE, null), app, IP).hops())
                .contains("subnet-1a -> rtb-1: " + IP + "/32 -> " + STANDBY);
    }
}
