package io.floatwatch.analyzer.core;

import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.PathVerdict;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One complete snapshot judged at once, as {@code floatwatch check} does: the verdicts of every piece, the reachable
 * paths listed with their hops, and a source whose poll failed holding what needs it (unverified, never reachable).
 */
class SnapshotJudgementTest {

    private static final List<String> SOURCES = List.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLE_INVENTORY,
            SourceNames.ROUTE_TABLES, SourceNames.VPN_CONNECTIONS, SourceNames.TGW_ROUTE_TABLES,
            SourceNames.CLOUDWATCH_TUNNEL_STATE, SourceNames.STORAGE_VIRTUAL_MACHINES, SourceNames.VPCS, SourceNames.SUBNETS,
            SourceNames.VPC_PEERING, SourceNames.TRANSIT_GATEWAYS, SourceNames.TGW_ATTACHMENTS, SourceNames.VPN_GATEWAYS);
    private static final DeclaredClient APP = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");

    /** One poll of every source, in registry order, a few milliseconds apart; {@code failed} polls fail. */
    private static List<Observation> snapshot(String floatingTargetOfRtb2, List<String> failed) {
        List<Observation> out = new ArrayList<>();
        out.add(Fixture.fileSystem(T0));
        out.add(Fixture.eni(PREFERRED, "subnet-1a", T0));
        out.add(Fixture.eni(STANDBY, "subnet-1c", T0));
        out.add(World.vpc("vpc-1", T0, "10.0.0.0/16"));
        if (!failed.contains(SourceNames.SUBNETS)) {
            out.add(World.subnet("subnet-1a", "vpc-1", "10.0.1.0/24", T0));
            out.add(World.subnet("subnet-1c", "vpc-1", "10.0.2.0/24", T0));
        }
        out.add(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), World.FSX_TAG, T0, World.r(IP + "/32", PREFERRED)));
        out.add(floatingTargetOfRtb2 == null
                ? World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, T0)
                : World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, T0, World.r(IP + "/32", floatingTargetOfRtb2)));
        for (int i = 0; i < SOURCES.size(); i++) {
            String source = SOURCES.get(i);
            boolean ok = !failed.contains(source);
            out.add(new PollCompleted(SCOPE, T0.plus(Duration.ofMillis(i)), source, ok ? PollCompleted.OK : PollCompleted.FAILED,
                    0, 5, ok ? null : "DescribeSubnets: ServiceUnavailable HTTP 503"));
        }
        return out;
    }

    private static SnapshotJudgement.Result judge(List<Observation> snapshot) {
        return SnapshotJudgement.judge(snapshot, new FailoverPolicy(FailoverPolicy.DEFAULT_STALL_DEADLINE), RulePolicy.defaults(),
                List.of(APP), List.of(SCOPE));
    }

    @Test
    void shouldListTheReachablePathWithItsHopsAndNoFindingWhenTheSnapshotIsHealthy() {
        SnapshotJudgement.Result r = judge(snapshot(PREFERRED, List.of()));
        assertThat(r.findings()).as("no start-gate or staleness artefact from a complete snapshot").isEmpty();
        assertThat(r.paths()).singleElement().satisfies(p -> {
            assertThat(p.client()).isEqualTo("app");
            assertThat(p.endpointIp()).isEqualTo(IP);
            assertThat(p.floating()).isTrue();
            assertThat(p.outsideVpc()).isFalse();
            assertThat(p.result().verdict()).isEqualTo(PathVerdict.REACHABLE);
            assertThat(p.result().hops()).anyMatch(h -> h.contains("rtb-1") && h.contains(PREFERRED));
        });
    }

    @Test
    void shouldFireTheMissingRouteInOneJudgementWhenAManagedTableLacksIt() {
        SnapshotJudgement.Result r = judge(snapshot(null, List.of()));
        assertThat(r.findings()).extracting(Finding::type).contains(FindingType.FLOATING_ROUTE_MISSING);
        assertThat(r.findings()).filteredOn(f -> f.type() == FindingType.FLOATING_ROUTE_MISSING)
                .allSatisfy(f -> assertThat(f.labels()).containsEntry("route_table_id", "rtb-2"));
    }

    @Test
    void shouldHoldWhatNeedsAFailedSourceAndCallThePathUnverifiedNotReachable() {
        SnapshotJudgement.Result r = judge(snapshot(PREFERRED, List.of(SourceNames.SUBNETS)));
        assertThat(r.paths()).singleElement().satisfies(p -> {
            assertThat(p.result().verdict()).isEqualTo(PathVerdict.UNVERIFIED);
            assertThat(p.result().unverified()).anyMatch(u -> u.contains(SourceNames.SUBNETS));
        });
        assertThat(r.findings()).as("the lint needs the subnets: held, so nothing from a half-seen picture")
                .noneMatch(f -> f.type() == FindingType.CLIENT_SUBNET_NOT_COVERED
                        || f.type() == FindingType.ENDPOINT_RANGE_OVERLAPS_SUBNET);
    }

    @Test
    void shouldSeeTheFailoverUnderWayWhenTheStandbyHoldsOneTable() {
        SnapshotJudgement.Result r = judge(snapshot(STANDBY, List.of()));
        assertThat(r.findings()).extracting(Finding::type).contains(FindingType.FSX_FAILED_OVER)
                .doesNotContain(FindingType.FLOATING_ROUTE_MISSING);
    }
}
