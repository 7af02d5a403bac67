package io.floatwatch.standalone;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, point 2: {@code floatwatch all --embedded-kafka DIR}, every role and the broker in one process, as one
 * user runs it on one machine. A failover is paged, the process is killed (SIGKILL, no shutdown of any kind) and
 * started again on the same directory, and the failback is paged: every step reaches the pager once, nothing
 * paged before the kill is paged again, and the broker is the same cluster as before.
 */
class EmbeddedKafkaRestartIT {

    private static final Pattern CLUSTER_ID = Pattern.compile("cluster id (\\S+) \\((formatted now|reused)\\)");

    @Test
    @Timeout(600)
    void shouldPageEveryStepOnceWhenKilledAndRestartedOnTheSameDirectory(@TempDir Path work) throws Exception {
        Path state = work.resolve("state");
        int kafkaPort = StandaloneFloatwatch.freePort();
        try (AwsSimulator aws = AwsSimulator.start(); WebhookReceiver pager = WebhookReceiver.start()) {
            SimulatedRegion region = aws.region(REGION);
            OpenZfsFailoverScenario.installBaseline(region);
            String config = config(aws);

            String firstClusterId;
            StandaloneFloatwatch first = StandaloneFloatwatch.start(work, "first", config, state, kafkaPort, pager.url());
            try {
                first.awaitMetrics(m -> m.contains("role=\"preferred\"} 1.0"), "the baseline");
                firstClusterId = clusterId(first.log(), "formatted now");

                region.setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
                region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
                await(() -> pager.events("failover_converged") >= 1 && pager.findings("firing", "FsxFailedOver") >= 1,
                        "the failover paged", pager);
                // The alerter commits just after it notified; a kill in between would re-page that batch by
                // design (at-least-once). Killed after the commit, nothing may come twice.
                await(() -> NotifiedUpTo.everything("127.0.0.1:" + kafkaPort), "the alerter to commit what it paged", pager);
            } finally {
                first.kill();
            }

            try (StandaloneFloatwatch second = StandaloneFloatwatch.start(work, "second", config, state, kafkaPort,
                    pager.url())) {
                second.awaitMetrics(m -> m.contains("floatwatch_fsx_failovers_total{") && m.contains("role=\"standby\"} 1.0"),
                        "the state of the first run rebuilt");
                assertThat(clusterId(second.log(), "reused")).as("the same cluster, not a reformatted one")
                        .isEqualTo(firstClusterId);
                // New pages may come (a poll slow on a loaded machine is paged as stale); a page of the first run may not.
                assertThat(pager.duplicates()).as("nothing paged again by the restart alone:\n"
                        + String.join("\n", pager.lines())).isEmpty();

                region.setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, PREFERRED_ENI_ID);
                region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, PREFERRED_ENI_ID);
                await(() -> pager.events("failback_completed") >= 1 && pager.findings("resolved", "FsxFailedOver") >= 1,
                        "the failback paged", pager);
                // Room for a late duplicate to arrive before counting.
                Thread.sleep(6_000);
                String metrics = second.awaitMetrics(m -> m.contains("role=\"preferred\"} 1.0"), "the failback on /metrics");
                assertThat(metrics).contains("floatwatch_fsx_failovers_total{account=\"" + aws.accountId());
                assertThat(line(metrics, "floatwatch_fsx_failovers_total{")).as("one failover counted across both runs")
                        .endsWith(" 1.0");
            }

            String story = String.join("\n", pager.lines());
            assertThat(pager.events("failover_started")).as(story).isEqualTo(1);
            assertThat(pager.events("failover_converged")).as(story).isEqualTo(1);
            assertThat(pager.events("failback_started")).as(story).isEqualTo(1);
            assertThat(pager.events("failback_completed")).as(story).isEqualTo(1);
            assertThat(pager.findings("firing", "FsxFailedOver")).as(story).isEqualTo(1);
            assertThat(pager.findings("resolved", "FsxFailedOver")).as(story).isEqualTo(1);
            assertThat(pager.duplicates()).as("no page twice:\n" + story).isEmpty();
        }
    }

    @Test
    @Timeout(300)
    void shouldRefuseASecondProcessOnTheSameDirectoryAndStopTheBrokerLastWhenTerminated(@TempDir Path work) throws Exception {
        Path state = work.resolve("state");
        try (AwsSimulator aws = AwsSimulator.start(); WebhookReceiver pager = WebhookReceiver.start()) {
            OpenZfsFailoverScenario.installBaseline(aws.region(REGION));
            String config = config(aws);
            try (StandaloneFloatwatch first = StandaloneFloatwatch.start(work, "first", config, state,
                    StandaloneFloatwatch.freePort(), pager.url())) {
                first.awaitLog("embedded Kafka started");
                StandaloneFloatwatch second = StandaloneFloatwatch.start(work, "second", config, state,
                        StandaloneFloatwatch.freePort(), pager.url());
                assertThat(second.awaitExit()).isEqualTo(1);
                assertThat(second.log())
                        .contains("--embedded-kafka " + state + ": already in use by another floatwatch process")
                        .contains("stop that process first, or give this one another directory")
                        .doesNotContain("Exception");
                first.awaitMetrics(m -> m.contains("role=\"preferred\"} 1.0"), "the first process unharmed");

                first.close(); // SIGTERM
                String log = first.log();
                int stopping = log.indexOf("RunCommand - stopping");
                int brokerStopped = log.indexOf("embedded Kafka stopped");
                assertThat(stopping).as(log).isPositive();
                for (String role : new String[] {"collector", "analyzer", "alerter"}) {
                    assertThat(log.indexOf(role + " stopped")).as("the " + role + " stops before the broker:\n" + log)
                            .isGreaterThan(stopping).isLessThan(brokerStopped);
                }
            }
        }
    }

    /** floatwatch.yaml without a kafka section: the command line brings the broker. */
    private static String config(AwsSimulator aws) {
        StringBuilder y = new StringBuilder();
        y.append("aws:\n  accounts:\n    - id: \"").append(aws.accountId()).append("\"\n      regions: [").append(REGION)
                .append("]\n  endpoints:\n");
        for (String service : new String[] {"ec2", "fsx", "cloudwatch", "sts"}) {
            y.append("    ").append(service).append(": {\"*\": \"").append(aws.endpoint()).append("\"}\n");
        }
        // Every second, with the whole EC2 share, as the app's verdict tests poll.
        y.append("collector:\n  ec2CallsPerSecond: 20\n  ec2Burst: 100\n  routeTablesInterval: 1s\n"
                + "  fileSystemsInterval: 1s\n  intervals: {ec2.route-table-inventory: 1m}\n");
        y.append("alerter:\n  webhooks:\n    - name: pager\n      format: json\n      urlEnv: ")
                .append(StandaloneFloatwatch.WEBHOOK_ENV)
                .append("\n      minSeverity: info\n      events: true\n      updates: true\n");
        y.append("http:\n  host: 127.0.0.1\n  port: %PORT%\n");
        return y.toString();
    }

    private static String clusterId(String log, String how) {
        Matcher m = CLUSTER_ID.matcher(log);
        assertThat(m.find()).as("the broker's start line in\n" + log).isTrue();
        assertThat(m.group(2)).as(m.group()).isEqualTo(how);
        return m.group(1);
    }

    private static String line(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what, WebhookReceiver pager) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + "; paged so far:\n" + String.join("\n", pager.lines()));
    }
}
