package io.floatwatch.app.faults;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.notify.FindingNotification.Kind;
import io.floatwatch.app.role.Role;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.FindingType;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failover in flight while one part of floatwatch goes away and comes back: the broker, or one
 * role. The failover starts while everything runs, converges while the part is down, and fails
 * back after it returned. Whatever went away, on call is told each step exactly once, and the
 * alerter's /metrics tell the whole story at the end.
 */
class RestartMidFailoverIT {

    /** What goes away mid-failover. */
    enum Outage {
        BROKER, COLLECTOR, ANALYZER, ALERTER
    }

    private static final Duration STEP = Duration.ofSeconds(90);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Outage.class)
    @Timeout(300)
    void shouldNotifyEachStepOnceAndRebuildStateWhenRestartedMidFailover(Outage outage) throws Exception {
        try (FaultHarness h = new FaultHarness()) {
            h.startAll();
            FaultHarness.await(h::ready, STEP, "every role to be ready");
            h.awaitBaseline(STEP);

            h.route(ROUTE_TABLE_A_ID, STANDBY_ENI_ID);
            FaultHarness.await(() -> h.events(EventType.FAILOVER_STARTED) == 1, STEP, "the failover to start");
            FaultHarness.await(() -> h.findings(Kind.FIRING, FindingType.FSX_FAILED_OVER) == 1, STEP, "the page");

            down(h, outage);
            h.route(ROUTE_TABLE_B_ID, STANDBY_ENI_ID);
            // Long enough for several polls to see the change (or fail to publish it) while the part is away.
            Thread.sleep(FaultHarness.ROUTE_POLL.multipliedBy(6).toMillis());
            up(h, outage);

            FaultHarness.await(() -> h.events(EventType.FAILOVER_CONVERGED) >= 1, STEP, "the failover to converge");
            h.route(ROUTE_TABLE_A_ID, PREFERRED_ENI_ID);
            h.route(ROUTE_TABLE_B_ID, PREFERRED_ENI_ID);
            FaultHarness.await(() -> h.events(EventType.FAILBACK_COMPLETED) >= 1, STEP, "the failback");
            FaultHarness.await(() -> h.findings(Kind.RESOLVED, FindingType.FSX_FAILED_OVER) >= 1, STEP, "the resolution");
            // Room for a late duplicate to show up before counting.
            Thread.sleep(FaultHarness.ROUTE_POLL.multipliedBy(6).toMillis());

            String story = String.join("\n", h.lines());
            assertThat(h.events(EventType.FAILOVER_STARTED)).as(story).isEqualTo(1);
            assertThat(h.events(EventType.FAILOVER_CONVERGED)).as(story).isEqualTo(1);
            assertThat(h.events(EventType.FAILBACK_COMPLETED)).as(story).isEqualTo(1);
            assertThat(h.findings(Kind.FIRING, FindingType.FSX_FAILED_OVER)).as(story).isEqualTo(1);
            assertThat(h.findings(Kind.RESOLVED, FindingType.FSX_FAILED_OVER)).as(story).isEqualTo(1);
            assertThat(duplicates(h.lines())).as("no notification twice:\n" + story).isEmpty();

            FaultHarness.await(() -> h.scrapeAlerter().contains("floatwatch_fsx_failovers_total"), STEP, "metrics");
            String metrics = h.scrapeAlerter();
            assertThat(sampleLine(metrics, "floatwatch_fsx_failovers_total", FILE_SYSTEM_ID))
                    .as("state rebuilt: one failover counted, not zero or two\n" + metrics).endsWith(" 1.0");
            assertThat(sampleLine(metrics, "floatwatch_findings_active", "fsx_failed_over")).endsWith(" 0.0");
        }
    }

    private static void down(FaultHarness h, Outage outage) {
        switch (outage) {
            case BROKER -> h.broker.stop();
            case COLLECTOR -> h.stop(Role.COLLECTOR);
            case ANALYZER -> h.stop(Role.ANALYZER);
            case ALERTER -> h.stop(Role.ALERTER);
        }
    }

    private static void up(FaultHarness h, Outage outage) throws InterruptedException {
        switch (outage) {
            case BROKER -> h.broker.startAgain();
            case COLLECTOR -> h.start(Role.COLLECTOR);
            case ANALYZER -> h.start(Role.ANALYZER);
            case ALERTER -> h.start(Role.ALERTER);
        }
        FaultHarness.await(h::ready, STEP, outage + " back and every role ready");
    }

    private static List<String> duplicates(List<String> lines) {
        return lines.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .filter(e -> e.getValue() > 1).map(e -> e.getValue() + "x " + e.getKey()).toList();
    }

    /** The one sample line of a metric whose labels mention {@code labelValue}. */
    private static String sampleLine(String metrics, String name, String labelValue) {
        List<String> lines = metrics.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains("\"" + labelValue + "\"")).toList();
        assertThat(lines).as(name + " with " + labelValue + " in\n" + metrics).hasSize(1);
        return lines.get(0);
    }
}
