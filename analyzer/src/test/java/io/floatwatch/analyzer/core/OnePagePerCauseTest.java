package io.floatwatch.analyzer.core;

import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.World.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Point 8 of issue 13: one page per cause. */
class OnePagePerCauseTest {

    private static final String A = "203.0.113.1";
    private static final String B = "203.0.113.2";
    private static final String DENIED = "DescribeRouteTables: sts:AssumeRole failed: AccessDenied HTTP 403: not authorized";

    private static PollCompleted marker(String source, String outcome, Instant at, String error) {
        return new PollCompleted(SCOPE, at, source, outcome, 0, 10, error);
    }

    @Test
    void shouldReportAnAccountWhoseRoleCannotBeAssumedOnceNotOncePerSource() {
        Fixture f = new Fixture();
        for (String source : List.of(SourceNames.ROUTE_TABLES, SourceNames.FILE_SYSTEMS, SourceNames.VPN_CONNECTIONS,
                SourceNames.SUBNETS)) {
            f.feed(marker(source, PollCompleted.NO_ACCESS, minutes(1), DENIED));
        }
        f.feed(marker(SourceNames.ROUTE_TABLES, PollCompleted.NO_ACCESS, minutes(2), DENIED));

        assertThat(f.firing(FindingType.DATA_STALE)).isEmpty();
        Finding access = f.firing(FindingType.ACCOUNT_ACCESS_FAILED).get(0);
        assertThat(f.firing(FindingType.ACCOUNT_ACCESS_FAILED)).hasSize(1);
        assertThat(access.subject()).isEqualTo(SCOPE.id() + "/_access");
        assertThat(access.labels()).containsEntry("account", SCOPE.account()).containsEntry("region", SCOPE.region())
                .doesNotContainKey("source");
        assertThat(access.evidence()).containsEntry("error", DENIED);
        assertThat(access.summary()).contains("unknown, not healthy").contains("AccessDenied");
        assertThat(access.startedAt()).isEqualTo(minutes(1));
        long firingVersions = f.findings(FindingType.ACCOUNT_ACCESS_FAILED).size();

        // Polls keep being refused: nothing new to say.
        f.feed(marker(SourceNames.FILE_SYSTEMS, PollCompleted.NO_ACCESS, minutes(3), DENIED));
        assertThat(f.findings(FindingType.ACCOUNT_ACCESS_FAILED)).hasSize((int) firingVersions);

        for (String source : List.of(SourceNames.ROUTE_TABLES, SourceNames.FILE_SYSTEMS, SourceNames.VPN_CONNECTIONS,
                SourceNames.SUBNETS)) {
            f.feed(marker(source, PollCompleted.OK, minutes(4), null));
        }
        assertThat(f.firing(FindingType.ACCOUNT_ACCESS_FAILED)).isEmpty();
        assertThat(f.findings(FindingType.ACCOUNT_ACCESS_FAILED)).last()
                .satisfies(r -> assertThat(r.summary()).contains("reads the account again"));
        assertThat(f.findings(FindingType.DATA_STALE)).isEmpty();
    }

    @Test
    void shouldNotPageACloudWatchPollBlockedByAFailedVpnPollASecondTime() {
        Fixture f = new Fixture();
        f.feed(marker(SourceNames.VPN_CONNECTIONS, PollCompleted.FAILED, minutes(1), "DescribeVpnConnections: HTTP 500"),
                marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.BLOCKED, minutes(1),
                        "GetMetricData: no successful vpn.connections poll (blocked by vpn.connections)"));

        assertThat(f.firing(FindingType.DATA_STALE)).singleElement()
                .satisfies(stale -> assertThat(stale.labels()).containsEntry("source", SourceNames.VPN_CONNECTIONS));
    }

    @Test
    void shouldNotPageTunnelsWhoseCloudWatchDatapointsAgedBecauseTheVpnPollKeptFailing() {
        Fixture f = new Fixture(RulePolicy.defaults());
        f.feed(World.vpnOnVgw("vpn-1", T0, up(A, 2, T0)), World.cloudWatch(A, "vpn-1", 1.0, T0.minusSeconds(300), T0),
                marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.OK, T0, null));
        f.feed(marker(SourceNames.VPN_CONNECTIONS, PollCompleted.FAILED, minutes(1), "DescribeVpnConnections: HTTP 500"),
                marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.BLOCKED, minutes(60),
                        "GetMetricData: no successful vpn.connections poll (blocked by vpn.connections)"),
                marker(SourceNames.VPN_CONNECTIONS, PollCompleted.FAILED, minutes(120), "DescribeVpnConnections: HTTP 500"));

        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).as("the VPN poll's failure is the page").isEmpty();
        assertThat(f.firing(FindingType.DATA_STALE)).extracting(x -> x.labels().get("source"))
                .containsExactly(SourceNames.VPN_CONNECTIONS);

        // CloudWatch polls again and its datapoint is still old: that is news of its own.
        f.feed(marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.OK, minutes(121), null));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).singleElement()
                .satisfies(stale -> assertThat(stale.evidence()).containsEntry("reason", "stale"));
    }

    @Test
    void shouldNotCallATunnelWithoutASeriesDisagreementBeforeCloudWatchHadAPeriodToShowIt() {
        Fixture f = new Fixture(RulePolicy.defaults());
        // A fresh start: the VPN poll sees two tunnels, CloudWatch's first poll had a series for one of them.
        f.feed(World.vpnOnVgw("vpn-1", T0, up(A, 2, T0), up(B, 2, T0)),
                World.cloudWatch(A, "vpn-1", 1.0, T0.minusSeconds(300), T0.plusSeconds(5)),
                marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.OK, T0.plusSeconds(5), null));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).isEmpty();

        // A new tunnel appears later: not missing either until a CloudWatch poll a period after it was first seen.
        f.feed(World.vpnOnVgw("vpn-2", minutes(20), up("203.0.113.9", 2, minutes(20))),
                World.cloudWatch(A, "vpn-1", 1.0, minutes(15), minutes(22)),
                World.cloudWatch(B, "vpn-1", 1.0, minutes(15), minutes(22)),
                marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.OK, minutes(22), null));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).isEmpty();

        // An hour on, CloudWatch still has no series for it: now that is worth saying.
        f.feed(World.cloudWatch(A, "vpn-1", 1.0, minutes(75), minutes(82)),
                World.cloudWatch(B, "vpn-1", 1.0, minutes(75), minutes(82)),
                marker(SourceNames.CLOUDWATCH_TUNNEL_STATE, PollCompleted.OK, minutes(82), null));
        assertThat(f.firing(FindingType.VPN_TELEMETRY_DISAGREES)).singleElement()
                .satisfies(missing -> assertThat(missing.evidence()).containsEntry("reason", "missing")
                        .containsEntry("tunnel_ip", "203.0.113.9"));
    }
}
