package io.floatwatch.analyzer.core.path;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.World.r;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, points 1, 3, 4, 5 and 7: every endpoint a client uses is judged (docs/domain.md sections 1 and 5's
 * ONTAP file system), unproven paths are UNVERIFIED and never an all-clear, a stalled failover cuts off the
 * clients behind the tables it left behind, the TGW way back is proven, and a declared file system that
 * does not exist is said.
 */
class EndpointVerdictTest {

    private static final String ONTAP = "fs-0ontap";
    private static final String RANGE = "10.0.15.192/26";
    private static final String MANAGEMENT = "10.0.15.231";
    private static final String SVM_DATA = "10.0.15.239";
    private static final String ISCSI_A = "10.0.8.5";
    private static final String ISCSI_C = "10.0.9.214";

    private static FileSystemObservation ontap() {
        return new FileSystemObservation(SCOPE, T0, ONTAP, "ONTAP", "MULTI_AZ_1", "AVAILABLE", "vpc-1", RANGE,
                List.of(MANAGEMENT), List.of("rtb-1", "rtb-2"), List.of("subnet-1a", "subnet-1c"), "subnet-1a",
                List.of("eni-0o1", "eni-0o2"), 512, "1:05:00", List.of(), List.of(MANAGEMENT),
                List.of("10.0.8.138", "10.0.9.245"));
    }

    private static StorageVirtualMachineObservation svm() {
        return new StorageVirtualMachineObservation(SCOPE, T0, "svm-1", ONTAP, "svm1", List.of("10.0.15.240"),
                List.of(SVM_DATA), List.of(SVM_DATA), List.of(ISCSI_A, ISCSI_C));
    }

    /** The ONTAP file system of docs/domain.md section 1, with rtb-1 (subnet-1a) and rtb-2 (subnet-1c) managed. */
    private static Fixture ontapRegion(Route[] tableRoutes, DeclaredClient... clients) {
        Fixture f = new Fixture(RulePolicy.defaults(), clients);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.vpc("vpc-2", T0, "10.1.0.0/16"), ontap(), svm(),
                World.eniWithIps("eni-0o1", "subnet-1a", T0, "10.0.8.138", ISCSI_A),
                World.eniWithIps("eni-0o2", "subnet-1c", T0, "10.0.9.245", ISCSI_C));
        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, T0, tableRoutes),
                World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, T0, tableRoutes));
        return f;
    }

    private static Route[] floatingOn(String eni, String... ips) {
        return java.util.Arrays.stream(ips).map(ip -> r(ip + "/32", eni)).toArray(Route[]::new);
    }

    @Test
    void shouldJudgeTheSvmDataEndpointAndLabelItWhenOnlyTheManagementRouteExists() {
        DeclaredClient app = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");
        Fixture f = ontapRegion(floatingOn("eni-0o1", MANAGEMENT), app);

        List<Finding> unreachable = f.firing(FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(unreachable).hasSize(1);
        assertThat(unreachable.get(0).labels()).containsEntry(Labels.ENDPOINT_IP, SVM_DATA)
                .containsEntry(Labels.ENDPOINT_KIND, "nfs,smb").containsEntry(Labels.FLOATING_IP, SVM_DATA);
        assertThat(unreachable.get(0).summary()).contains("rtb-1").contains(SVM_DATA + "/32");

        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(1),
                floatingOn("eni-0o1", MANAGEMENT, SVM_DATA)));
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
        // rtb-2 still lacks the SVM's /32: no client uses it, but FSx writes one per SVM into every managed table.
        assertThat(f.firing(FindingType.FLOATING_ROUTE_MISSING)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry(Labels.ROUTE_TABLE_ID, "rtb-2"));
    }

    @Test
    void shouldWatchEachSvmsFloatingRouteAsFsxWritesOnePerSvmIntoEveryManagedTable() {
        Fixture f = ontapRegion(floatingOn("eni-0o1", MANAGEMENT));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_MISSING)).hasSize(2)
                .allSatisfy(x -> assertThat(x.labels()).containsEntry(Labels.FLOATING_IP, SVM_DATA));

        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(1),
                        floatingOn("eni-0o1", MANAGEMENT, SVM_DATA)),
                World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, minutes(1),
                        floatingOn("eni-0o1", MANAGEMENT, SVM_DATA)));
        assertThat(f.firing(FindingType.FLOATING_ROUTE_MISSING)).isEmpty();

        // A failover moves every floating route, the SVM's too: converged only once both moved in both tables.
        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(2),
                        floatingOn("eni-0o2", MANAGEMENT, SVM_DATA)),
                World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, minutes(2),
                        r(MANAGEMENT + "/32", "eni-0o2"), r(SVM_DATA + "/32", "eni-0o1")));
        assertThat(f.events(io.floatwatch.model.finding.EventType.FAILOVER_STARTED)).hasSize(1);
        assertThat(f.events(io.floatwatch.model.finding.EventType.FAILOVER_CONVERGED)).isEmpty();
        f.feed(World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, minutes(3),
                floatingOn("eni-0o2", MANAGEMENT, SVM_DATA)));
        assertThat(f.events(io.floatwatch.model.finding.EventType.FAILOVER_CONVERGED)).hasSize(1);
    }

    @Test
    void shouldReachIscsiOverPeeringButNotTheFloatingSvmEndpointAndHonourTheDeclaredKinds() {
        DeclaredClient peer = World.client("peer", Via.PEERING, "10.1.0.0/16", "subnet-2a", "vpc-2");
        DeclaredClient iscsiOnly = World.client("peer-iscsi", Via.PEERING, "10.1.0.0/16", "subnet-2a", "vpc-2")
                .using(Set.of(EndpointKind.ISCSI));
        Fixture f = ontapRegion(floatingOn("eni-0o1", MANAGEMENT, SVM_DATA, "10.1.0.0/16"), peer, iscsiOnly);
        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(1),
                        r(MANAGEMENT + "/32", "eni-0o1"), r(SVM_DATA + "/32", "eni-0o1"), r("10.1.0.0/16", "pcx-1")),
                World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, minutes(1),
                        r(MANAGEMENT + "/32", "eni-0o1"), r(SVM_DATA + "/32", "eni-0o1"), r("10.1.0.0/16", "pcx-1")),
                World.peering(minutes(1)));

        List<Finding> unsupported = f.firing(FindingType.CLIENT_PATH_UNSUPPORTED);
        assertThat(unsupported).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.CLIENT, "peer").containsEntry(Labels.ENDPOINT_IP, SVM_DATA);
            assertThat(x.summary()).contains("peering");
        });
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
        assertThat(f.firing(FindingType.CLIENT_PATH_UNVERIFIED)).isEmpty();
    }

    @Test
    void shouldCutOffIscsiOverAVgwVpnWhoseRoutesAreNotPropagatedIntoTheFileSystemSubnetTables() {
        DeclaredClient onprem = new DeclaredClient("onprem", null, null, "192.168.0.0/16", Via.VPN_VGW, null, null, null,
                Set.of(ONTAP), Set.of(EndpointKind.ISCSI));
        Fixture f = ontapRegion(floatingOn("eni-0o1", MANAGEMENT, SVM_DATA), onprem);
        f.feed(World.vgw(minutes(1)), World.vpnOnVgw("vpn-1", minutes(1), World.up("203.0.113.1", 2, T0),
                World.up("203.0.113.2", 2, T0)));

        List<Finding> unreachable = f.firing(FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(unreachable).hasSize(2).allSatisfy(x -> {
            assertThat(x.labels().get(Labels.ENDPOINT_KIND)).isEqualTo("iscsi");
            assertThat(x.summary()).contains("return path broken").contains("192.168.0.0/16 -> vgw-1")
                    .contains("route propagation from vgw-1");
        });
        assertThat(f.firing(FindingType.CLIENT_PATH_UNSUPPORTED)).isEmpty();

        Route[] withPropagation = {r(MANAGEMENT + "/32", "eni-0o1"), r(SVM_DATA + "/32", "eni-0o1"),
            World.propagated("192.168.0.0/16", "vgw-1")};
        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(2), withPropagation),
                World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, minutes(2), withPropagation));
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
    }

    @Test
    void shouldRaiseUnverifiedOnlyAfterTheGraceAndNeverCallItReachable() {
        DeclaredClient blind = World.client("blind", Via.SAME_VPC, "10.0.1.0/24", null, "vpc-1");
        Fixture f = ontapRegion(floatingOn("eni-0o1", MANAGEMENT, SVM_DATA), blind);
        PathResult r = PathEvaluator.evaluate(f.analyzer().model(), ontap(), blind, SVM_DATA);
        assertThat(r.verdict()).isEqualTo(PathVerdict.UNVERIFIED);
        assertThat(f.firing()).isEmpty();

        f.feed(new PollCompleted(SCOPE, minutes(9), "ec2.route-tables", PollCompleted.OK, 2, 10, null));
        assertThat(f.firing(FindingType.CLIENT_PATH_UNVERIFIED)).isEmpty();
        f.feed(new PollCompleted(SCOPE, minutes(11), "ec2.route-tables", PollCompleted.OK, 2, 10, null));

        assertThat(f.firing(FindingType.CLIENT_PATH_UNVERIFIED)).isNotEmpty().allSatisfy(x ->
                assertThat(x.summary()).contains("cannot prove blind reaches").contains("declares no subnetId"));
    }

    @Test
    void shouldKeepAnUnreachableVerdictFiringUnchangedWhileThePathCannotBeSeen() {
        DeclaredClient app = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");
        Fixture f = ontapRegion(floatingOn("eni-0o1", MANAGEMENT), app);
        Finding broken = f.firing(FindingType.CLIENT_PATH_UNREACHABLE).get(0);
        f.clear();

        f.delete("rtb-1");
        f.feed(new PollCompleted(SCOPE, minutes(30), "ec2.route-tables", PollCompleted.OK, 1, 10, null));

        assertThat(f.findings(FindingType.CLIENT_PATH_UNREACHABLE)).as("no resolution, no update").isEmpty();
        // The iSCSI paths were reachable and are now unproven: said. The NFS path keeps its unreachable page.
        assertThat(f.findings(FindingType.CLIENT_PATH_UNVERIFIED)).as("one page per cause")
                .noneMatch(x -> SVM_DATA.equals(x.labels().get(Labels.ENDPOINT_IP)))
                .allSatisfy(x -> assertThat(x.labels().get(Labels.ENDPOINT_KIND)).isEqualTo("iscsi,nvme"));
        assertThat(f.state().open()).containsKey(broken.id());

        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(31),
                floatingOn("eni-0o1", MANAGEMENT, SVM_DATA)));
        assertThat(f.findings(FindingType.CLIENT_PATH_UNREACHABLE)).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(FindingStatus.RESOLVED));
    }

    @Test
    void shouldCutOffClientsBehindATableAStalledFailoverLeftBehindButNotDuringConvergence() {
        DeclaredClient left = World.client("left", Via.SAME_VPC, "10.0.2.0/24", "subnet-1c", "vpc-1");
        DeclaredClient moved = World.client("moved", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");
        Fixture f = new Fixture(RulePolicy.defaults(), left, moved);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), Fixture.fileSystem(T0), Fixture.eni(PREFERRED, "subnet-1a", T0),
                Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0));
        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, minutes(1),
                r(Fixture.IP + "/32", STANDBY)));
        f.feed(new PollCompleted(SCOPE, minutes(10), "ec2.route-tables", PollCompleted.OK, 2, 10, null));
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).as("normal convergence pages nothing").isEmpty();

        f.feed(new PollCompleted(SCOPE, minutes(17), "ec2.route-tables", PollCompleted.OK, 2, 10, null));

        assertThat(f.firing(FindingType.FSX_FAILOVER_STALLED)).hasSize(1);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.CLIENT, "left");
            assertThat(x.evidence()).containsEntry("failed_hop", "rtb-2");
            assertThat(x.summary()).contains("left behind").contains(STANDBY);
        });

        f.feed(World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, minutes(18),
                r(Fixture.IP + "/32", STANDBY)));
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
    }

    @Test
    void shouldProveTheTgwWayBackMissingAndNameTheUnpropagatedVpnAttachment() {
        DeclaredClient onprem = World.client("onprem", Via.VPN_TGW, "192.168.0.0/16", null, null);
        Fixture f = new Fixture(RulePolicy.defaults(), onprem);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.fileSystem(T0, "10.0.255.224/28", "1:05:00"),
                Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0, r("192.168.0.0/16", "tgw-1")));
        List<String> searched = List.of(PathEvaluator.LONGEST_PREFIX + Fixture.IP + "/32",
                PathEvaluator.LONGEST_PREFIX + "192.168.0.0/16");
        f.feed(World.attachment("tgw-attach-fs", "vpc", "vpc-1", "tgw-rtb-fs", T0, "subnet-1a", "subnet-1c"),
                World.attachment("tgw-attach-vpn", "vpn", "vpn-t", "tgw-rtb-vpn", T0),
                tgwTable("tgw-rtb-vpn", List.of(), searched,
                        new TgwRoute("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-fs"))),
                tgwTable("tgw-rtb-fs", List.of(), searched),
                World.vpnOnTgw("vpn-t", T0, World.up("203.0.113.1", 2, T0), World.up("203.0.113.2", 2, T0)));

        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).singleElement().satisfies(x -> {
            assertThat(x.evidence()).containsEntry("failed_hop", "tgw-rtb-fs");
            assertThat(x.summary()).contains("return path broken").contains("account " + SCOPE.account())
                    .contains("tgw-attach-vpn (vpn vpn-t) is not propagated into tgw-rtb-fs");
        });
        assertThat(f.firing(FindingType.VPN_ROUTES_NOT_PROPAGATED)).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.ROUTE_TABLE_ID, "tgw-rtb-fs");
            assertThat(x.evidence()).containsEntry("vpn_attachment_id", "tgw-attach-vpn");
        });

        f.feed(tgwTable("tgw-rtb-fs", List.of("tgw-attach-vpn"), searched,
                new TgwRoute("192.168.0.0/16", "propagated", "active", List.of("tgw-attach-vpn"))));
        assertThat(f.firing()).isEmpty();
    }

    @Test
    void shouldSayADeclaredFileSystemDoesNotExistOnceTheListingIsCompleteAndOnlyWhenNoOtherAccountCouldHoldIt() {
        DeclaredClient app = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1")
                .mounting(List.of("fs-0123456789abcdef9"));
        Fixture f = new Fixture(RulePolicy.defaults(), app);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), Fixture.fileSystem(T0));
        assertThat(f.firing(FindingType.CLIENT_FILE_SYSTEM_NOT_FOUND)).as("no listing yet").isEmpty();

        f.feed(new PollCompleted(SCOPE, minutes(1), DeclaredFileSystems.FILE_SYSTEMS_SOURCE, PollCompleted.OK, 1, 10, null));
        assertThat(f.firing(FindingType.CLIENT_FILE_SYSTEM_NOT_FOUND)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry(Labels.FS_ID, "fs-0123456789abcdef9")
                        .containsEntry(Labels.CLIENT, "app"));

        ScopeAnalyzer shared = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(), List.of(app),
                List.of(SCOPE, new Scope("210987654321", SCOPE.region())));
        ScopeState s = ScopeState.empty(SCOPE);
        s = shared.observe(s, Fixture.fileSystem(T0)).state();
        Outcome o = shared.observe(s, new PollCompleted(SCOPE, minutes(1), DeclaredFileSystems.FILE_SYSTEMS_SOURCE,
                PollCompleted.OK, 1, 10, null));
        assertThat(o.findings()).noneMatch(x -> x.type() == FindingType.CLIENT_FILE_SYSTEM_NOT_FOUND);
    }

    @Test
    void shouldTakeAPropagatedVpcAttachmentAsTheRouteBackWhenTheClientCidrWasNotLookedUp() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = new Fixture(RulePolicy.defaults(), other);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.vpc("vpc-2", T0, "10.1.0.0/16"),
                World.fileSystem(T0, "10.0.255.224/28", "1:05:00"), Fixture.eni(PREFERRED, "subnet-1a", T0),
                Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0, r("10.1.0.0/16", "tgw-1")));
        f.feed(World.rtb("rtb-c", "vpc-2", true, List.of("subnet-2a"), Map.of(), T0, r("10.0.0.0/8", "tgw-1")),
                World.attachment("tgw-attach-fs", "vpc", "vpc-1", "tgw-rtb-1", T0, "subnet-1a", "subnet-1c"),
                World.attachment("tgw-attach-client", "vpc", "vpc-2", "tgw-rtb-1", T0, "subnet-2a"),
                // Only the floating IP was looked up (an older collector): the way back rests on the propagation.
                tgwTable("tgw-rtb-1", List.of("tgw-attach-fs", "tgw-attach-client"),
                        List.of(PathEvaluator.LONGEST_PREFIX + Fixture.IP + "/32"),
                        new TgwRoute("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-fs"))));

        PathResult r = PathEvaluator.evaluate(f.analyzer().model(), World.fileSystem(T0, "10.0.255.224/28", "1:05:00"), other,
                Fixture.IP);

        assertThat(r.verdict()).isEqualTo(PathVerdict.REACHABLE);
        assertThat(r.hops()).contains("return tgw-rtb-1: 10.1.0.0/16 -> tgw-attach-client (propagated from vpc-2)");
    }

    @Test
    void shouldCallAMissingTgwAttachmentUnverifiedUntilTheAttachmentsWereRead() {
        DeclaredClient other = World.client("other-vpc", Via.TGW, "10.1.0.0/16", "subnet-2a", "vpc-2");
        Fixture f = new Fixture(RulePolicy.defaults(), other);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.fileSystem(T0, "10.0.255.224/28", "1:05:00"),
                Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0));
        FileSystemObservation fs = World.fileSystem(T0, "10.0.255.224/28", "1:05:00");
        assertThat(PathEvaluator.evaluate(f.analyzer().model(), fs, other, Fixture.IP).verdict())
                .isEqualTo(PathVerdict.UNVERIFIED);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();

        f.feed(new PollCompleted(SCOPE, minutes(1), PathEvaluator.ATTACHMENTS_SOURCE, PollCompleted.OK, 0, 10, null));

        assertThat(PathEvaluator.evaluate(f.analyzer().model(), fs, other, Fixture.IP).verdict())
                .isEqualTo(PathVerdict.UNREACHABLE);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).singleElement()
                .satisfies(x -> assertThat(x.summary()).contains("has no available Transit Gateway attachment"));
    }

    private static TransitGatewayRouteTableObservation tgwTable(String id, List<String> propagating, List<String> searched,
            TgwRoute... routes) {
        return new TransitGatewayRouteTableObservation(SCOPE, minutes(1), id, "tgw-1", List.of(), propagating, searched,
                List.of(routes), false);
    }
}
