package io.floatwatch.analyzer.core.lint;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/domain.md section 1 (which ranges FSx manages) and section 2 (only FSx-managed tables reach floating IPs). */
class RangeAndCoverageTest {

    private static Fixture region(String range, DeclaredClient... clients) {
        Fixture f = new Fixture(RulePolicy.defaults(), clients);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.subnet("subnet-1a", "vpc-1", "10.0.1.0/24", T0),
                World.subnet("subnet-1c", "vpc-1", "10.0.2.0/24", T0), World.fileSystem(T0, range, "1:05:00"),
                Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0));
        return f;
    }

    @Test
    void shouldStayQuietWhenTheRangeIsAFreeBlockInsideTheVpcCidr() {
        Fixture f = region("10.0.255.224/28");

        assertThat(f.firing()).isEmpty();
    }

    @Test
    void shouldReportRangeOutsideVpcCidrWhenNoVpcCidrContainsIt() {
        Fixture f = region("192.168.200.0/28");

        Finding outside = f.firing(FindingType.ENDPOINT_RANGE_OUTSIDE_VPC).get(0);
        assertThat(outside.summary()).contains("192.168.200.0/28 is outside every CIDR of vpc-1")
                .contains("Transit Gateway route tables need static routes");
        assertThat(outside.labels()).containsEntry(Labels.FS_ID, "fs-0abc");
    }

    @Test
    void shouldReportThatFsxWillNotManageRoutesWhenTheRangeOverlapsASubnet() {
        Fixture f = region("10.0.1.0/28");

        Finding overlap = f.firing(FindingType.ENDPOINT_RANGE_OVERLAPS_SUBNET).get(0);
        assertThat(overlap.evidence()).containsEntry("subnets", "subnet-1a");
        assertThat(overlap.summary()).contains("FSx will not manage the floating routes");
        assertThat(f.firing(FindingType.ENDPOINT_RANGE_OUTSIDE_VPC)).isEmpty();
    }

    @Test
    void shouldReportCoverageGapWhenAClientSubnetUsesATableOutsideRouteTableIds() {
        Fixture f = region("10.0.255.224/28", World.client("app", Via.SAME_VPC, "10.0.3.0/24", "subnet-app", "vpc-1"));

        f.feed(World.rtb("rtb-app", "vpc-1", false, List.of("subnet-app"), Map.of(), minutes(1)));

        Finding gap = f.firing(FindingType.CLIENT_SUBNET_NOT_COVERED).get(0);
        assertThat(gap.labels()).containsEntry(Labels.ROUTE_TABLE_ID, "rtb-app").containsEntry(Labels.CLIENT, "app");
        assertThat(gap.evidence()).containsEntry("reason", "not_in_route_table_ids").containsEntry("subnet_id", "subnet-app");
        assertThat(gap.summary()).contains("a failover will not fix their routes");
    }

    @Test
    void shouldReportCoverageGapWhenTheClientTableLacksTheFsxManagedTag() {
        Fixture f = region("10.0.255.224/28", World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1"));

        f.feed(World.rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), Map.of("Name", "fsx"), minutes(1),
                World.r(Fixture.IP + "/32", PREFERRED)));

        assertThat(f.firing(FindingType.CLIENT_SUBNET_NOT_COVERED)).singleElement()
                .satisfies(x -> assertThat(x.evidence()).containsEntry("reason", "untagged"));
    }

    @Test
    void shouldNotReportAnUnusedMainTableOutsideRouteTableIdsWhenNoClientSubnetUsesIt() {
        // The demo's VPC: a third main table without the floating route, and no client behind it.
        Fixture f = region("10.0.255.224/28");

        f.feed(World.rtb("rtb-main", "vpc-1", true, List.of(), Map.of(), minutes(1)));

        assertThat(f.firing()).isEmpty();
    }
}
