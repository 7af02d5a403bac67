package io.floatwatch.app.faults;

import static io.floatwatch.app.faults.PollMarkerTap.between;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.FindingNotification.Kind;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two accounts, each reached through its own role, watched by the whole of floatwatch through a
 * real broker; then one account's assumed-role sessions expire early (AWS refuses them while the
 * SDK still holds them valid), alone or with AssumeRole denied for a while (the role's trust policy
 * lost floatwatch). That account's polls fail, so on call is paged once, ACCOUNT_ACCESS_FAILED for that
 * account and region, not once per source (issue 13, point 8): the CloudWatch poll that cannot run
 * without the VPN poll is not a second page either. The collector assumes the role again by itself,
 * without hammering STS while it is denied, and the page resolves. The other account keeps its cadence
 * and is never paged.
 */
class ExpiredRoleIT {

    private static final String HIT = "210987654321";
    private static final String SPARED = "310987654321";
    private static final String HIT_ROLE = "arn:aws:iam::" + HIT + ":role/floatwatch-read";
    private static final String SPARED_ROLE = "arn:aws:iam::" + SPARED + ":role/floatwatch-read";
    private static final String ROUTES = "ec2.route-tables";
    private static final String FILE_SYSTEMS = "fsx.file-systems";
    private static final Duration FAULT_WINDOW = Duration.ofSeconds(6);
    /** Covers the AssumeRole backoff after a denial (collector.retry's cap, 20 s) and a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    enum Fault {
        /** Sessions refused as expired; AssumeRole still works, so the next call gets a session that does. */
        SESSIONS_EXPIRE,
        /** Sessions refused as expired and AssumeRole denied for the fault window, then allowed again. */
        SESSIONS_EXPIRE_AND_ROLE_DENIED
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.class)
    @Timeout(300)
    void shouldPageTheRefusedAccountOnceAndResolveItWhenTheRoleIsAssumedAgain(Fault fault) throws Exception {
        try (FaultHarness h = FaultHarness.withAccounts(List.of(new RuntimeConfig.Account(HIT, HIT_ROLE, null, List.of(REGION)),
                new RuntimeConfig.Account(SPARED, SPARED_ROLE, null, List.of(REGION))));
                PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            h.aws.allowRole(HIT_ROLE, null).allowRole(SPARED_ROLE, null);
            h.startAll();
            FaultHarness.await(h::ready, WAIT, "every role to be ready");
            // Every source's first poll, not only the fast ones: the slow ones poll next in minutes, so one that failed
            // during the fault would (rightly) stay stale long after the role works again.
            for (String account : List.of(HIT, SPARED)) {
                for (SourceRegistry.Row row : SourceRegistry.ROWS) {
                    awaitOkMarker(tap, account, row.name(), Instant.EPOCH);
                }
            }
            int assumesBefore = h.aws.assumeRoleCount(HIT_ROLE);
            int notificationsBefore = h.notifications.size();

            Instant from = Instant.now();
            if (fault == Fault.SESSIONS_EXPIRE_AND_ROLE_DENIED) {
                h.aws.denyRole(HIT_ROLE);
            }
            assertThat(h.aws.expireSessions(HIT)).isEqualTo(1);
            Thread.sleep(FAULT_WINDOW.toMillis());
            Instant to = Instant.now();
            if (fault == Fault.SESSIONS_EXPIRE_AND_ROLE_DENIED) {
                h.aws.allowRole(HIT_ROLE, null);
            }

            // The hit account said its polls failed, and why; while denied, AssumeRole was not called per poll.
            List<PollCompleted> hit = tap.markers(of(HIT).and(between(from, to)));
            List<PollCompleted> failed = hit.stream().filter(m -> !m.ok()).toList();
            assertThat(failed).as("failed polls of the refused account: " + hit).isNotEmpty();
            assertThat(failed).allSatisfy(m -> assertThat(m.error()).containsAnyOf("(expired credentials",
                    "sts:AssumeRole failed: AccessDenied HTTP 403", "no successful vpn.connections poll"));
            assertThat(failed).as("every failure names its one cause: the account's access, or the poll it waits for")
                    .allSatisfy(m -> assertThat(m.outcome()).isIn(PollCompleted.NO_ACCESS, PollCompleted.BLOCKED));
            int assumes = h.aws.assumeRoleCount(HIT_ROLE) - assumesBefore;
            if (fault == Fault.SESSIONS_EXPIRE_AND_ROLE_DENIED) {
                // (A poll that began in the instant between "from" and the fault may still have made its call in time.)
                assertThat(tap.markers(of(HIT).and(between(from.plusMillis(100), to)))).as("every poll fails while the role is denied")
                        .allSatisfy(m -> assertThat(m.ok()).isFalse());
                assertThat(assumes).as("AssumeRole calls for %d failed polls in %s", failed.size(), FAULT_WINDOW)
                        .isPositive().isLessThan(failed.size());
            } else {
                assertThat(assumes).as("one new session, however many polls were refused").isEqualTo(1);
            }

            // The other account kept its cadence and never failed.
            List<PollCompleted> spared = tap.markers(of(SPARED).and(between(from, to)));
            assertThat(spared).allSatisfy(m -> assertThat(m.ok()).as(m.source() + ": " + m.error()).isTrue());
            assertThat(spared.stream().filter(m -> m.source().equals(ROUTES)).count()).as("cadence of " + ROUTES)
                    .isGreaterThanOrEqualTo(FAULT_WINDOW.toMillis() / FaultHarness.ROUTE_POLL.toMillis() / 3);
            assertThat(spared.stream().filter(m -> m.source().equals(FILE_SYSTEMS)).count()).as("cadence of " + FILE_SYSTEMS)
                    .isGreaterThanOrEqualTo(FAULT_WINDOW.toMillis() / FaultHarness.ROUTE_POLL.multipliedBy(2).toMillis() / 3);

            // Recovery by itself: fresh polls of the hit account (every source that failed), and the one page resolves.
            for (String source : failed.stream().map(PollCompleted::source).collect(Collectors.toCollection(java.util.TreeSet::new))) {
                awaitOkMarker(tap, HIT, source, to);
            }
            FaultHarness.await(() -> !pages(h, notificationsBefore, Kind.FIRING, HIT, FindingType.ACCOUNT_ACCESS_FAILED).isEmpty(), WAIT,
                    "ACCOUNT_ACCESS_FAILED for " + HIT);
            FaultHarness.await(() -> !pages(h, notificationsBefore, Kind.RESOLVED, HIT, FindingType.ACCOUNT_ACCESS_FAILED).isEmpty(),
                    WAIT, "ACCOUNT_ACCESS_FAILED of " + HIT + " to resolve");
            assertThat(pages(h, notificationsBefore, Kind.FIRING, HIT, FindingType.ACCOUNT_ACCESS_FAILED))
                    .as("one page for the account and region").containsExactly(HIT + "/" + REGION + "/_access");
            assertThat(pages(h, notificationsBefore, Kind.FIRING, HIT, FindingType.DATA_STALE))
                    .as("no DATA_STALE per source for the same cause").isEmpty();
            assertThat(h.notifications.subList(notificationsBefore, h.notifications.size()))
                    .filteredOn(n -> n instanceof FindingNotification f && f.kind() == Kind.FIRING)
                    .as("what the fault paged").extracting(n -> ((FindingNotification) n).finding().type())
                    .containsOnly(FindingType.ACCOUNT_ACCESS_FAILED);
            assertThat(pages(h, notificationsBefore, Kind.FIRING, SPARED, FindingType.ACCOUNT_ACCESS_FAILED))
                    .as("the other account is never paged").isEmpty();
            assertThat(pages(h, notificationsBefore, Kind.FIRING, SPARED, FindingType.DATA_STALE)).isEmpty();
            FaultHarness.await(() -> active(h.scrapeAlerter(), HIT, "account_access_failed") == 0, WAIT,
                    "no ACCOUNT_ACCESS_FAILED active for " + HIT);
            assertThat(h.aws.assumeRoleCount(SPARED_ROLE)).isEqualTo(1);
        }
    }

    private static Predicate<PollCompleted> of(String account) {
        return m -> m.scope().account().equals(account) && m.scope().region().equals(REGION);
    }

    /** Subjects of notifications of {@code kind} and {@code type} about {@code account}, since the fault began. */
    private static Set<String> pages(FaultHarness h, int since, Kind kind, String account, FindingType type) {
        List<?> all = List.copyOf(h.notifications);
        return all.subList(Math.min(since, all.size()), all.size()).stream()
                .filter(n -> n instanceof FindingNotification f && f.kind() == kind && f.finding().type() == type)
                .map(n -> ((FindingNotification) n).finding()).map(Finding::subject)
                .filter(subject -> subject.startsWith(account + "/")).collect(Collectors.toSet());
    }

    /** floatwatch_findings_active samples of the type for the account, summed. */
    private static double active(String metrics, String account, String type) {
        return metrics.lines().filter(l -> l.startsWith("floatwatch_findings_active{") && l.contains("type=\"" + type + "\"")
                        && l.contains("account=\"" + account + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitOkMarker(PollMarkerTap tap, String account, String source, Instant after) throws InterruptedException {
        FaultHarness.await(() -> !tap.markers(of(account).and(m -> m.source().equals(source) && m.ok() && m.observedAt().isAfter(after)))
                .isEmpty(), WAIT, "an ok poll of " + source + " in " + account + " after " + after);
    }
}
