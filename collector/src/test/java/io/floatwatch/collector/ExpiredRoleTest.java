package io.floatwatch.collector;

import io.floatwatch.collector.aws.AwsClientSettings;

import io.floatwatch.collector.aws.AccountAccess;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.cloudwatch.TunnelStateSource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.source.Source;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An assumed role whose sessions AWS refuses as expired while the SDK still holds them valid (a
 * clock running behind, a suspended process), and a role that cannot be assumed for a while. Two
 * accounts, each through its own role, the real SDK clients and the simulator: the hit account's
 * polls fail with failed markers, it assumes its role again by itself and recovers, and the other
 * account never notices.
 */
class ExpiredRoleTest {

    private static final String HIT = "210987654321";
    private static final String SPARED = "310987654321";
    private static final String HIT_ROLE = "arn:aws:iam::" + HIT + ":role/floatwatch-read";
    private static final String SPARED_ROLE = "arn:aws:iam::" + SPARED + ":role/floatwatch-read";
    private static final Scope HIT_TOKYO = new Scope(HIT, TOKYO.region());
    private static final Scope SPARED_TOKYO = new Scope(SPARED, TOKYO.region());

    private Estate estate;
    private Collector partial;

    @AfterEach
    void stop() {
        if (partial != null) {
            partial.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    /**
     * Both accounts through their roles, each with the hybrid estate; the default account is not
     * polled. The EC2 budget is raised: the rate limiter is not under test here and would only slow it.
     */
    private Estate twoRoleAccounts(Function<CollectorSettings, CollectorSettings> tune) {
        Estate e = new Estate(s -> tune.apply(CollectorSettingsBuilder.from(s).accounts(List.of(new AccountAccess(HIT, HIT_ROLE, null),
                new AccountAccess(SPARED, SPARED_ROLE, null))).ec2RateLimit(100, 100).build()), HIT_TOKYO, SPARED_TOKYO);
        e.simulator.allowRole(HIT_ROLE, null).allowRole(SPARED_ROLE, null);
        Estate.install(e.simulator.region(HIT, TOKYO.region()));
        Estate.install(e.simulator.region(SPARED, TOKYO.region()));
        return e;
    }

    /** A collector over a few of the estate's sources, sharing its clients and sightings. */
    private Collector only(Set<String> names, Clock clock) {
        List<Source<?>> sources = Collector.sources(estate.clients, estate.settings, clock, estate.sightings).stream()
                .filter(s -> names.contains(s.name())).toList();
        partial = new Collector(estate.settings, sources, estate.sink, clock, new SimpleMeterRegistry(), estate.sightings);
        return partial;
    }

    private long requests(String account, String operation, long sinceNanos) {
        return estate.simulator.requests().stream()
                .filter(r -> r.account().equals(account) && r.operation().equals(operation) && r.nanoTime() >= sinceNanos).count();
    }

    @ParameterizedTest(name = "{0} refused with {2}")
    @CsvSource({
            "ec2.route-tables, DescribeRouteTables, RequestExpired",
            "fsx.file-systems, DescribeFileSystems, ExpiredTokenException",
            "cloudwatch.tunnel-state, GetMetricData, ExpiredToken"})
    void shouldFailOnePollThenAssumeTheRoleAgainWhenAwsRefusesTheSessionAsExpired(String source, String operation, String code) {
        estate = twoRoleAccounts(s -> s);
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
        estate.sink.drain();
        assertThat(estate.simulator.expireSessions(HIT)).isEqualTo(1);
        Collector collector = only(Set.of(source), estate.clock);
        long since = System.nanoTime();

        List<PollResult> refused = collector.pollOnce();

        assertThat(refused).filteredOn(r -> r.scope().equals(HIT_TOKYO)).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).contains(operation, code + " HTTP 400 (expired credentials");
        });
        assertThat(refused).filteredOn(r -> r.scope().equals(SPARED_TOKYO)).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        assertThat(Estate.markers(estate.sink.drain())).filteredOn(m -> m.scope().equals(HIT_TOKYO)).singleElement()
                .satisfies(m -> assertThat(m.outcome()).as("the account's access, not this source, failed")
                        .isEqualTo(PollCompleted.NO_ACCESS));
        // EC2's RequestExpired is retried by the SDK (it reads it as clock skew), with the same session; the others are not.
        assertThat(requests(HIT, operation, since)).isBetween(1L, (long) estate.settings.aws().maxAttempts());

        List<PollResult> next = collector.pollOnce();

        assertThat(next).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
        assertThat(estate.simulator.assumeRoleCount(HIT_ROLE)).as("assumed again, once").isEqualTo(2);
        assertThat(estate.simulator.assumeRoleCount(SPARED_ROLE)).isEqualTo(1);
        assertThat(Estate.markers(estate.sink.drain())).filteredOn(m -> m.scope().equals(HIT_TOKYO)).singleElement()
                .satisfies(m -> assertThat(m.ok()).isTrue());
    }

    @Test
    void shouldRenewTheSessionOnceWhenEverySourceOfTheAccountIsRefused() {
        estate = twoRoleAccounts(s -> s);
        estate.poll();
        estate.sink.drain();
        estate.simulator.expireSessions(HIT);

        List<PollResult> results = estate.poll();

        // The first source of the account is refused; the session is dropped; the next source assumes the role again.
        List<PollResult> hit = results.stream().filter(r -> r.scope().equals(HIT_TOKYO)).toList();
        assertThat(hit.get(0).ok()).isFalse();
        assertThat(hit.get(0).error()).contains("(expired credentials");
        assertThat(hit.subList(1, hit.size())).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
        assertThat(results).filteredOn(r -> r.scope().equals(SPARED_TOKYO)).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(estate.simulator.assumeRoleCount(HIT_ROLE)).isEqualTo(2);
        assertThat(estate.simulator.liveSessions(HIT_ROLE)).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void shouldBackOffFromAssumeRoleWhileTheRoleIsDeniedAndRecoverWhenItIsAllowedAgain() throws InterruptedException {
        // A backoff long enough that a round of polls (milliseconds) falls inside it.
        estate = twoRoleAccounts(s -> CollectorSettingsBuilder.from(s).aws(s.aws().withRetry(AwsClientSettings.RetryMode.STANDARD, 3,
                Duration.ofMillis(200), Duration.ofSeconds(1))).build());
        estate.poll();
        estate.sink.drain();
        estate.simulator.expireSessions(HIT);
        estate.simulator.denyRole(HIT_ROLE);

        List<PollResult> denied = new ArrayList<>();
        int assumesBefore = estate.simulator.assumeRoleCount(HIT_ROLE);
        for (int round = 0; round < 3; round++) {
            List<PollResult> results = estate.poll();
            assertThat(results).filteredOn(r -> r.scope().equals(SPARED_TOKYO)).allSatisfy(r -> assertThat(r.ok()).isTrue());
            denied.addAll(results.stream().filter(r -> r.scope().equals(HIT_TOKYO)).toList());
            Thread.sleep(100);
        }
        int assumes = estate.simulator.assumeRoleCount(HIT_ROLE) - assumesBefore;

        assertThat(denied).allSatisfy(r -> assertThat(r.ok()).isFalse());
        assertThat(denied.get(0).error()).contains("(expired credentials");
        assertThat(denied).filteredOn(r -> r.error().contains("sts:AssumeRole failed: AccessDenied HTTP 403")).isNotEmpty();
        assertThat(Estate.markers(estate.sink.drain())).filteredOn(m -> m.scope().equals(HIT_TOKYO))
                .hasSize(denied.size()).allSatisfy(m -> assertThat(m.outcome()).isEqualTo(
                        m.source().equals(io.floatwatch.collector.cloudwatch.TunnelStateSource.NAME) ? PollCompleted.BLOCKED
                                : PollCompleted.NO_ACCESS));
        assertThat(assumes).as("AssumeRole calls for %d failed polls", denied.size()).isBetween(1, 6);

        estate.simulator.allowRole(HIT_ROLE, null);
        await(() -> estate.poll().stream().filter(r -> r.scope().equals(HIT_TOKYO)).allMatch(PollResult::ok), Duration.ofSeconds(20),
                "the account to recover");
        assertThat(estate.simulator.assumeRoleCount(SPARED_ROLE)).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void shouldKeepTheOtherAccountOnCadenceWhileTheRefusedAccountAssumesItsRoleAgain() throws InterruptedException {
        Duration interval = Duration.ofMillis(300);
        estate = twoRoleAccounts(s -> CollectorSettingsBuilder.from(s).pollInterval(interval).build());
        Collector collector = only(Set.of(RouteTableSource.NAME, FileSystemSource.NAME), Clock.systemUTC());
        collector.start();
        List<PollCompleted> markers = new ArrayList<>();
        await(() -> {
            markers.addAll(Estate.markers(estate.sink.drain()));
            // First polls are staggered by source: wait for each source of each account, or the window starts early.
            return markers.stream().filter(PollCompleted::ok).map(m -> m.scope() + " " + m.source()).distinct().count() == 4;
        }, Duration.ofSeconds(20), "both sources of both accounts to poll");

        Instant from = Instant.now();
        estate.simulator.expireSessions(HIT);
        Duration window = Duration.ofSeconds(3);
        Thread.sleep(window.toMillis());
        markers.addAll(Estate.markers(estate.sink.drain()));
        List<PollCompleted> during = markers.stream().filter(m -> !m.observedAt().isBefore(from)).toList();

        List<PollCompleted> hit = during.stream().filter(m -> m.scope().equals(HIT_TOKYO)).toList();
        // A poll that hit the refusal says so; but a poll whose EC2 call the SDK retried (RequestExpired is
        // retried) after another poll of the account had already renewed the session may succeed: with
        // two sources polling at once, either is right. What must hold: a new session, and recovery.
        assertThat(hit).as("a refused poll says why").allSatisfy(m -> {
            if (!m.ok()) {
                assertThat(m.error()).contains("(expired credentials");
            }
        });
        Instant lastFailure = hit.stream().filter(m -> !m.ok()).map(PollCompleted::observedAt).max(Instant::compareTo)
                .orElse(from);
        assertThat(hit).as("and recovers by itself").anySatisfy(m -> {
            assertThat(m.ok()).isTrue();
            assertThat(m.observedAt()).isAfter(lastFailure);
        });
        assertThat(estate.simulator.assumeRoleCount(HIT_ROLE)).isEqualTo(2);

        List<PollCompleted> spared = during.stream().filter(m -> m.scope().equals(SPARED_TOKYO)).toList();
        assertThat(spared).allSatisfy(m -> assertThat(m.ok()).as(m.error()).isTrue());
        long expectedPerSource = window.toMillis() / interval.toMillis();
        for (String source : List.of(RouteTableSource.NAME, FileSystemSource.NAME)) {
            assertThat(spared.stream().filter(m -> m.source().equals(source)).count()).as("cadence of " + source)
                    .isGreaterThanOrEqualTo(expectedPerSource / 3);
        }
        assertThat(estate.simulator.assumeRoleCount(SPARED_ROLE)).isEqualTo(1);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
