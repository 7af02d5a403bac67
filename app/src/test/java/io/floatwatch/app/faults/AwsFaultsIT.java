package io.floatwatch.app.faults;

import static io.floatwatch.app.faults.PollMarkerTap.between;
import static io.floatwatch.app.faults.PollMarkerTap.of;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.app.role.Role;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.testkit.aws.AwsSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AWS misbehaving under a running collector, through the real SDK clients and a real broker: the
 * poller that is hit reports failed polls (its staleness, as the analyzer reads it) and retries a
 * bounded number of times per poll; every other poller keeps its cadence; and the hit one recovers
 * once AWS does.
 */
class AwsFaultsIT {

    private static final String ROUTES = "ec2.route-tables";
    private static final String FILE_SYSTEMS = "fsx.file-systems";
    /** A second scope, so that every poller has a neighbour that must not be held up. */
    private static final String OTHER_REGION = "eu-west-1";
    private static final Duration FAULT_WINDOW = Duration.ofSeconds(6);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** AwsClientSettings.defaults(): the first attempt and four retries. */
    private static final int MAX_ATTEMPTS = 5;

    /** One misbehaviour of one operation, and the source it should hurt. */
    enum Fault {
        THROTTLING_STORM("DescribeRouteTables", ROUTES, aws -> aws.throttleNext("DescribeRouteTables", 10_000)),
        SERVER_ERRORS("DescribeRouteTables", ROUTES, aws -> aws.failNext("DescribeRouteTables", 500, "InternalError", 10_000)),
        MALFORMED_XML("DescribeRouteTables", ROUTES, aws -> aws.malformedNext("DescribeRouteTables", 10_000)),
        MALFORMED_JSON("DescribeFileSystems", FILE_SYSTEMS, aws -> aws.malformedNext("DescribeFileSystems", 10_000)),
        FSX_SERVER_ERRORS("DescribeFileSystems", FILE_SYSTEMS,
                aws -> aws.failNext("DescribeFileSystems", 500, "InternalServerError", 10_000));

        final String operation;
        final String hurts;
        final Consumer<AwsSimulator> inject;

        Fault(String operation, String hurts, Consumer<AwsSimulator> inject) {
            this.operation = operation;
            this.hurts = hurts;
            this.inject = inject;
        }

        String spared() {
            return hurts.equals(ROUTES) ? FILE_SYSTEMS : ROUTES;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.class)
    @Timeout(180)
    void shouldReportTheHitPollerAsFailingAndKeepTheOthersOnCadenceWhenAwsMisbehaves(Fault fault) throws Exception {
        try (FaultHarness h = new FaultHarness(List.of(OTHER_REGION)); PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            h.start(Role.COLLECTOR);
            awaitOkMarker(tap, REGION, ROUTES, Instant.EPOCH);
            awaitOkMarker(tap, REGION, FILE_SYSTEMS, Instant.EPOCH);

            Instant from = Instant.now();
            long fromNanos = System.nanoTime();
            fault.inject.accept(h.aws);
            Thread.sleep(FAULT_WINDOW.toMillis());
            // Fault verbs hit the operation in every region; count this region's share.
            long requests = h.aws.requests().stream().filter(r -> r.nanoTime() >= fromNanos
                    && r.operation().equals(fault.operation) && r.region().equals(REGION)).count();
            h.aws.resetFaultsAndCounts();
            Instant to = Instant.now();

            List<PollCompleted> hit = tap.markers(of(REGION, fault.hurts).and(between(from, to)));
            List<PollCompleted> failed = hit.stream().filter(m -> !m.ok()).toList();
            assertThat(failed).as("the hit poller says it failed: " + hit).isNotEmpty();
            assertThat(failed).allSatisfy(m -> {
                assertThat(m.error()).as("a failed marker names the operation").contains(fault.operation);
                assertThat(m.resourceCount()).isZero();
            });
            // In-flight polls at either edge of the window may add one attempt burst each.
            assertThat(requests).as("bounded retries: %d requests for %d failed polls", requests, failed.size())
                    .isLessThanOrEqualTo((failed.size() + 2) * MAX_ATTEMPTS);
            assertThat(pollErrors(h.scrape(Role.COLLECTOR), fault.hurts)).isPositive();

            // The spared source in the same region, and every source of another region, kept polling.
            Duration interval = fault.spared().equals(ROUTES) ? FaultHarness.ROUTE_POLL : FaultHarness.ROUTE_POLL.multipliedBy(2);
            long expected = FAULT_WINDOW.toMillis() / interval.toMillis();
            assertThat(okCount(tap, REGION, fault.spared(), from, to)).as("cadence of " + fault.spared())
                    .isGreaterThanOrEqualTo(expected / 3);

            awaitOkMarker(tap, REGION, fault.hurts, to);
        }
    }

    @Test
    @Timeout(180)
    void shouldKeepOtherRegionsOnCadenceAndReportNoFreshPollWhenOneRegionTimesOut() throws Exception {
        try (FaultHarness h = new FaultHarness(List.of(OTHER_REGION)); PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            h.start(Role.COLLECTOR);
            awaitOkMarker(tap, OTHER_REGION, ROUTES, Instant.EPOCH);
            awaitOkMarker(tap, REGION, ROUTES, Instant.EPOCH);

            // Slower than any attempt timeout: every call into that region hangs.
            h.aws.slowRegion(OTHER_REGION, Duration.ofSeconds(120));
            Instant from = Instant.now().plus(FaultHarness.ROUTE_POLL.multipliedBy(2));
            Thread.sleep(FAULT_WINDOW.toMillis());
            Instant to = Instant.now();

            assertThat(tap.markers(of(OTHER_REGION, ROUTES).and(between(from, to)).and(PollCompleted::ok)))
                    .as("a region that does not answer is never reported fresh").isEmpty();
            assertThat(okCount(tap, REGION, ROUTES, from, to)).as("the healthy region keeps its cadence")
                    .isGreaterThanOrEqualTo(FAULT_WINDOW.toMillis() / FaultHarness.ROUTE_POLL.toMillis() / 3);
            assertThat(okCount(tap, REGION, FILE_SYSTEMS, from, to)).isPositive();
            h.aws.clearSlowRegions();
        }
    }

    private static long okCount(PollMarkerTap tap, String region, String source, Instant from, Instant to) {
        return tap.markers(of(region, source).and(between(from, to)).and(PollCompleted::ok)).size();
    }

    private static void awaitOkMarker(PollMarkerTap tap, String region, String source, Instant after) throws InterruptedException {
        FaultHarness.await(() -> !tap.markers(of(region, source).and(m -> m.ok() && m.observedAt().isAfter(after))).isEmpty(),
                WAIT, "an ok poll of " + source + " in " + region + " after " + after);
    }

    private static double pollErrors(String metrics, String source) {
        return metrics.lines().filter(l -> l.startsWith("floatwatch_poll_errors_total{") && l.contains("source=\"" + source + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
