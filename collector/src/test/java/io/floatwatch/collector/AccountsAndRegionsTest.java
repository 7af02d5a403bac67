package io.floatwatch.collector;

import io.floatwatch.collector.aws.AccountAccess;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.TestSupport.VIRGINIA;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.aws.AwsCallMetrics;
import io.floatwatch.collector.cloudwatch.TunnelStateSource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.ec2.VpcSource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.VpcObservation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accounts (assume-role) times regions: one failing scope never stops the others, and its staleness shows. */
class AccountsAndRegionsTest {

    private static final String OTHER = "210987654321";
    private static final String DENIED = "999988887777";
    private static final String OTHER_ROLE = "arn:aws:iam::" + OTHER + ":role/floatwatch-read";
    private static final String DENIED_ROLE = "arn:aws:iam::" + DENIED + ":role/floatwatch-read";
    private static final Scope OTHER_TOKYO = new Scope(OTHER, TOKYO.region());
    private static final Scope DENIED_TOKYO = new Scope(DENIED, TOKYO.region());

    private Estate estate;

    @AfterEach
    void stop() {
        if (estate != null) {
            estate.close();
        }
    }

    private static Map<String, List<PollCompleted>> markersByScope(List<RecordingSink.Sent> sent) {
        return Estate.markers(sent).stream().collect(java.util.stream.Collectors.groupingBy(m -> m.scope().id()));
    }

    @Test
    void shouldPollAnAssumedRoleAccountAndFailOnlyTheAccountWhoseRoleIsDenied() {
        estate = new Estate(s -> CollectorSettingsBuilder.from(s).accounts(List.of(new AccountAccess(OTHER, OTHER_ROLE, null),
                new AccountAccess(DENIED, DENIED_ROLE, null))).build(), TOKYO, OTHER_TOKYO, DENIED_TOKYO);
        estate.simulator.allowRole(OTHER_ROLE, null);
        Estate.install(estate.simulator.region(OTHER, TOKYO.region()));
        estate.simulator.region(OTHER, TOKYO.region()).putVpc("vpc-0otheraccount0001", "10.20.0.0/16");

        estate.poll();
        List<RecordingSink.Sent> sent = estate.sink.drain();
        Map<String, List<PollCompleted>> markers = markersByScope(sent);

        assertThat(markers.get(TOKYO.id())).allSatisfy(m -> assertThat(m.ok()).isTrue());
        assertThat(markers.get(OTHER_TOKYO.id())).allSatisfy(m -> assertThat(m.ok()).as(m.source() + ": " + m.error()).isTrue());
        // What the other account's role sees is that account's state, keyed under that account.
        assertThat(sent).filteredOn(s -> s.value() instanceof VpcObservation v && v.scope().equals(OTHER_TOKYO))
                .extracting(s -> s.key().resourceId()).contains("vpc-0otheraccount0001");
        assertThat(markers.get(DENIED_TOKYO.id())).hasSize(SourceRegistry.ROWS.size()).allSatisfy(m -> {
            // One cause for the whole account, said so in every marker; tunnel state makes no call without a VPN poll,
            // and says it is blocked by that gap rather than failing on its own.
            assertThat(m.outcome()).isEqualTo(m.source().equals(TunnelStateSource.NAME) ? PollCompleted.BLOCKED : PollCompleted.NO_ACCESS);
            assertThat(m.error()).contains(m.source().equals(TunnelStateSource.NAME) ? "no successful vpn.connections poll"
                    : "sts:AssumeRole failed: AccessDenied HTTP 403");
        });
        // The session is cached: one AssumeRole for all of the account's sources.
        assertThat(estate.simulator.assumeRoleCount(OTHER_ROLE)).isEqualTo(1);
        estate.poll();
        assertThat(estate.simulator.assumeRoleCount(OTHER_ROLE)).isEqualTo(1);
        assertThat(estate.registry.find(AwsCallMetrics.REQUESTS).tag("service", "sts").tag("operation", "AssumeRole")
                .tag("outcome", "success").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldSendTheExternalIdFromTheNamedVariableAndFailClearlyWhenItIsUnset() {
        estate = new Estate(s -> CollectorSettingsBuilder.from(s)
                .accounts(List.of(new AccountAccess(OTHER, OTHER_ROLE, "FLOATWATCH_TEST_UNSET_EXTERNAL_ID"))).build(),
                TOKYO, OTHER_TOKYO);
        estate.simulator.allowRole(OTHER_ROLE, "expected-external-id");
        estate.poll();
        assertThat(markersByScope(estate.sink.drain()).get(OTHER_TOKYO.id())).allSatisfy(m -> {
            assertThat(m.ok()).isFalse();
            assertThat(m.error()).doesNotContain("expected-external-id");
            if (!m.source().equals(TunnelStateSource.NAME)) {
                assertThat(m.error()).contains("FLOATWATCH_TEST_UNSET_EXTERNAL_ID");
            }
        });

        try (var clients = new io.floatwatch.collector.aws.AwsClients(estate.settings.awsAccess(),
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTEST", "secret")),
                estate.registry, name -> "FLOATWATCH_TEST_UNSET_EXTERNAL_ID".equals(name) ? "expected-external-id" : null)) {
            Estate.install(estate.simulator.region(OTHER, TOKYO.region()));
            assertThat(new VpcSource(clients).poll(OTHER_TOKYO, Estate.START)).isNotEmpty();
        }
    }

    @Test
    void shouldFailOnlyTheRegionThatTimesOutAndShowItsAgeGrowing() {
        // Timeouts with room for a loaded CI machine (a healthy loopback call takes milliseconds), and a
        // slow region well beyond them, so only Virginia can time out.
        estate = new Estate(s -> CollectorSettingsBuilder.from(s).aws(s.aws().withTimeouts(Duration.ofMillis(2000), Duration.ofMillis(1000))).build(), TOKYO, VIRGINIA);
        estate.simulator.slowRegion(VIRGINIA.region(), Duration.ofSeconds(4));
        List<PollResult> results = estate.poll();

        assertThat(results).filteredOn(r -> r.scope().equals(TOKYO)).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(results).filteredOn(r -> r.scope().equals(VIRGINIA)).allSatisfy(r -> assertThat(r.ok()).isFalse());
        assertThat(Estate.markers(estate.sink.drain())).filteredOn(m -> m.scope().equals(VIRGINIA))
                .filteredOn(m -> m.source().equals(RouteTableSource.NAME)).singleElement()
                .satisfies(m -> assertThat(m.error()).containsIgnoringCase("timeout"));
        assertThat(estate.registry.find(AwsCallMetrics.REQUESTS).tag("outcome", "timeout").tag("region", VIRGINIA.region())
                .counters().stream().mapToDouble(c -> c.count()).sum()).isPositive();

        estate.clock.advance(Duration.ofMinutes(5));
        estate.simulator.clearSlowRegions();
        estate.collector.pollOnce().stream().filter(r -> r.scope().equals(TOKYO)).forEach(r -> assertThat(r.ok()).isTrue());
        assertThat(estate.pollAge(TOKYO, RouteTableSource.NAME)).isZero();
        // Virginia answered again too, so its age is back to zero; before that it was the full five minutes.
        assertThat(estate.pollAge(VIRGINIA, RouteTableSource.NAME)).isZero();
    }

    @Test
    void shouldReportTheAgeOfAScopeThatKeepsFailing() {
        estate = new Estate(s -> s, TOKYO);
        estate.simulator.failNext(VpcSource.OPERATION, 403, "UnauthorizedOperation", 5);
        estate.poll();
        estate.clock.advance(Duration.ofMinutes(3));
        estate.poll();
        assertThat(estate.pollAge(TOKYO, VpcSource.NAME)).isEqualTo(180.0);
        assertThat(estate.pollAge(TOKYO, RouteTableSource.NAME)).isZero();
    }

    @Test
    void shouldRetryThrottledCallsAndCountEachAttempt() {
        estate = new Estate(s -> s, TOKYO);
        estate.simulator.throttleNext("DescribeVpnConnections", 2).throttleNext("GetMetricData", 1)
                .throttleNext("DescribeStorageVirtualMachines", 1);
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        for (String op : List.of("DescribeVpnConnections", "GetMetricData", "DescribeStorageVirtualMachines")) {
            assertThat(estate.registry.find(AwsCallMetrics.REQUESTS).tag("operation", op).tag("outcome", "throttling").counter())
                    .as(op).isNotNull();
        }
    }
}
