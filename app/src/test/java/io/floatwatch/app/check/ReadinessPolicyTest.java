package io.floatwatch.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.app.check.ReadinessPolicy.Level;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit-code policy, the reading of failed polls and the cost of calls: pure, no AWS. */
class ReadinessPolicyTest {

    private static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldTreatEveryFindingTypeNotDeclaredAWarningAsAProblemSoANewRuleFailsClosed() {
        for (FindingType type : FindingType.values()) {
            if (!ReadinessPolicy.WARNINGS.contains(type)) {
                assertThat(ReadinessPolicy.levelOf(type)).as(type.name()).isEqualTo(Level.PROBLEM);
            }
        }
        assertThat(List.of(FindingType.FLOATING_ROUTE_MISSING, FindingType.FLOATING_ROUTE_BAD_TARGET,
                FindingType.FSX_FAILOVER_STALLED, FindingType.CLIENT_SUBNET_NOT_COVERED, FindingType.ENDPOINT_RANGE_OVERLAPS_SUBNET,
                FindingType.VPN_PATH_LOST)).allSatisfy(t -> assertThat(ReadinessPolicy.levelOf(t)).isEqualTo(Level.PROBLEM));
        assertThat(ReadinessPolicy.levelOf(FindingType.FSX_FAILED_OVER)).isEqualTo(Level.WARNING);
    }

    @Test
    void shouldExitTwoOnAReadErrorOneOnAProblemOrUnprovenPathAndZeroOnWarningsAlone() {
        assertThat(ReadinessPolicy.exitCode(true, List.of(Level.OK))).isEqualTo(2);
        assertThat(ReadinessPolicy.exitCode(true, List.of(Level.PROBLEM))).isEqualTo(2);
        assertThat(ReadinessPolicy.exitCode(false, List.of(Level.OK, Level.PROBLEM))).isEqualTo(1);
        assertThat(ReadinessPolicy.exitCode(false, List.of(Level.UNVERIFIED))).isEqualTo(1);
        assertThat(ReadinessPolicy.exitCode(false, List.of(Level.WARNING, Level.OK))).isZero();
        assertThat(ReadinessPolicy.exitCode(false, List.of())).isZero();
    }

    @Test
    void shouldReportARoleThatCannotBeAssumedOncePerAccountAndRegionNamingTheRoleAndTheAction() {
        List<PollCompleted> markers = new ArrayList<>();
        for (String source : List.of("fsx.file-systems", "ec2.route-tables", "ec2.vpcs")) {
            markers.add(new PollCompleted(SCOPE, AT, source, PollCompleted.NO_ACCESS, 0, 3,
                    "DescribeVpcs: sts:AssumeRole failed: AccessDenied HTTP 403: not authorized"));
        }
        String role = "arn:aws:iam::123456789012:role/floatwatch-read";
        List<ReadError> errors = ReadError.of(markers, Map.of(SCOPE.account(), role));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.access()).isTrue();
            assertThat(e.iamAction()).isEqualTo("sts:AssumeRole");
            assertThat(e.line()).contains("account 123456789012").contains("AccessDenied");
            assertThat(e.fix()).contains(role);
        });
    }

    @Test
    void shouldNameTheIamActionOfADeniedCallAndIgnorePollsBlockedByIt() {
        List<PollCompleted> markers = List.of(
                new PollCompleted(SCOPE, AT, "vpn.connections", PollCompleted.FAILED, 0, 3,
                        "DescribeVpnConnections: UnauthorizedOperation HTTP 403: You are not authorized"),
                new PollCompleted(SCOPE, AT, "cloudwatch.tunnel-state", PollCompleted.BLOCKED, 0, 0,
                        "GetMetricData: no successful vpn.connections poll"),
                new PollCompleted(SCOPE, AT, "ec2.vpcs", PollCompleted.FAILED, 0, 3, "DescribeVpcs: InternalError HTTP 500"));
        List<ReadError> errors = ReadError.of(markers, Map.of());
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).access()).isTrue();
        assertThat(errors.get(0).iamAction()).isEqualTo("ec2:DescribeVpnConnections");
        assertThat(errors.get(0).fix()).startsWith("grant ec2:DescribeVpnConnections");
        assertThat(errors.get(1).access()).as("a server error is no access error").isFalse();
        assertThat(errors.get(1).iamAction()).isEqualTo("ec2:DescribeVpcs");
    }

    @Test
    void shouldChargeOnlyTheMetricsCloudWatchWasAskedFor() {
        AwsCallCount metrics = new AwsCallCount("cloudwatch", "GetMetricData", 1, 0, 4);
        AwsCallCount ec2 = new AwsCallCount("ec2", "DescribeRouteTables", 30, 0, 0);
        assertThat(CallCost.of(metrics)).isEqualByComparingTo(new BigDecimal("0.00004"));
        assertThat(CallCost.of(ec2)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(CallCost.total(List.of(metrics, ec2))).isEqualByComparingTo(new BigDecimal("0.00004"));
        assertThat(CallCost.describe(ec2)).isEqualTo("free");
        assertThat(CallCost.describe(metrics)).contains("4 metrics");
    }
}
