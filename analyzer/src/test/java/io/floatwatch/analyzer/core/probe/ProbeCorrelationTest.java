package io.floatwatch.analyzer.core.probe;

import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.finding.ClientOutage;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.ProbeObservation;
import io.floatwatch.model.observation.ProbeOutcome;
import io.floatwatch.model.observation.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What a client's probe adds to the path verdicts, and the outage it measures during a failover. */
class ProbeCorrelationTest {

    private static final String RANGE = "10.0.255.224/28";
    /** In subnet-1a, whose table FSx manages: reachable. */
    private static final DeclaredClient APP = World.client("app", Via.SAME_VPC, "10.0.1.0/24", "subnet-1a", "vpc-1");
    /** In a subnet whose table FSx does not manage: unreachable. */
    private static final DeclaredClient STRAY = World.client("stray", Via.SAME_VPC, "10.0.3.0/24", "subnet-app", "vpc-1");

    private static Fixture region(DeclaredClient... clients) {
        Fixture f = new Fixture(RulePolicy.defaults(), clients);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.fileSystem(T0, RANGE, "1:05:00"),
                Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.fsTables(PREFERRED, T0));
        f.feed(World.rtb("rtb-app", "vpc-1", false, List.of("subnet-app"), java.util.Map.of(), T0,
                new Route("10.0.0.0/16", "local", Route.ACTIVE, "CreateRouteTable")));
        return f;
    }

    private static Instant sec(long s) {
        return T0.plusSeconds(s);
    }

    private static ProbeObservation probe(String client, Instant at, ProbeOutcome outcome, Instant since, Instant outageStart) {
        return new ProbeObservation(SCOPE, at, client, Fixture.FS, IP, 2049, "nfs", outcome,
                outcome.connected() ? 1L : null, since, outageStart, 30);
    }

    /** The probe's records from {@code from} to {@code to} seconds: one per 30 s heartbeat, as the probe sends them. */
    private static void holds(Fixture f, String client, long from, long to, ProbeOutcome outcome, Instant since,
            Instant outageStart) {
        for (long t = from; t <= to; t += 30) {
            f.feed(probe(client, sec(t), outcome, since, outageStart));
        }
    }

    private static Finding only(Fixture f, FindingType type) {
        List<Finding> firing = f.firing(type);
        assertThat(firing).as("%s firing in %s", type, f.firing().keySet()).hasSize(1);
        return firing.get(0);
    }

    @Test
    void shouldNameTheLayersWhenTheProbeTimesOutOnAPathTheRoutesAllow() {
        Fixture f = region(APP);
        f.feed(probe("app", sec(10), ProbeOutcome.TIMEOUT, sec(10), sec(10)));
        assertThat(f.firing(FindingType.PROBE_BLOCKED_PATH_OK)).as("within the failure grace").isEmpty();

        holds(f, "app", 40, 130, ProbeOutcome.TIMEOUT, sec(10), sec(10));
        f.feed(Fixture.poll(sec(131)));

        Finding blocked = only(f, FindingType.PROBE_BLOCKED_PATH_OK);
        assertThat(blocked.evidence().get("likely_layers")).contains("security group", "network ACL", "ARP", "host firewall");
        assertThat(blocked.evidence().get("file_system_enis")).contains(PREFERRED + " in subnet-1a");
        assertThat(blocked.evidence().get("probe")).contains("TCP 2049 timeout");
        assertThat(blocked.labels()).containsEntry("client", "app").containsEntry("endpoint_ip", IP);
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();

        f.feed(probe("app", sec(140), ProbeOutcome.CONNECTED, sec(140), sec(10)));
        assertThat(f.firing(FindingType.PROBE_BLOCKED_PATH_OK)).as("resolved once the probe connects").isEmpty();
    }

    @Test
    void shouldSayRefusedIsTheHostWhenTheProbeIsRefused() {
        Fixture f = region(APP);
        holds(f, "app", 10, 190, ProbeOutcome.REFUSED, sec(10), sec(10));
        f.feed(Fixture.poll(sec(200)));

        assertThat(only(f, FindingType.PROBE_BLOCKED_PATH_OK).evidence().get("likely_layers"))
                .contains("does not listen").doesNotContain("security group");
    }

    @Test
    void shouldConfirmTheUnreachableVerdictInItsOwnFindingWhenTheProbeFailsToo() {
        Fixture f = region(STRAY);
        Finding before = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(before.summary()).doesNotContain("probe");

        holds(f, "stray", 10, 190, ProbeOutcome.TIMEOUT, sec(10), sec(10));
        f.feed(Fixture.poll(sec(200)));

        Finding confirmed = only(f, FindingType.CLIENT_PATH_UNREACHABLE);
        assertThat(confirmed.summary()).contains("confirmed by the probe from stray");
        assertThat(confirmed.evidence().get("probe")).contains("TCP 2049 timeout");
        assertThat(f.firing(FindingType.PROBE_BLOCKED_PATH_OK)).as("one page per cause").isEmpty();
    }

    @Test
    void shouldReportTheModelWrongWithTheBelievedHopsWhenTheProbeConnectsToAnUnreachablePath() {
        Fixture f = region(STRAY);
        f.feed(probe("stray", sec(10), ProbeOutcome.CONNECTED, sec(10), null));

        Finding disagrees = only(f, FindingType.PROBE_MODEL_DISAGREES);
        assertThat(disagrees.evidence().get("believed_hops")).contains("client stray");
        assertThat(disagrees.evidence().get("believed_failed_hop")).contains("rtb-app");
        assertThat(disagrees.summary()).contains("connects to " + IP, "unreachable");
        assertThat(f.firing(FindingType.CLIENT_PATH_UNREACHABLE)).as("the verdict itself stands").hasSize(1);
    }

    @Test
    void shouldTakeOneConnectingPortAsProofOfThePathWhenAnotherPortIsRefused() {
        Fixture f = region(STRAY);
        f.feed(probe("stray", sec(10), ProbeOutcome.REFUSED, sec(10), sec(10)),
                new ProbeObservation(SCOPE, sec(10), "stray", Fixture.FS, IP, 111, "nfs", ProbeOutcome.CONNECTED, 1L,
                        sec(10), null, 30));

        assertThat(only(f, FindingType.PROBE_MODEL_DISAGREES).evidence().get("probe")).contains("TCP 111 connected");
        assertThat(only(f, FindingType.CLIENT_PATH_UNREACHABLE).summary()).doesNotContain("confirmed");
    }

    @Test
    void shouldCallASilentProbeStaleNeverHealthyWhenItsHeartbeatsStop() {
        Fixture f = region(APP);
        f.feed(probe("app", sec(10), ProbeOutcome.CONNECTED, sec(10), null), probe("app", sec(40), ProbeOutcome.CONNECTED,
                sec(10), null));
        f.feed(Fixture.poll(sec(100)));
        assertThat(f.firing(FindingType.PROBE_SILENT)).as("heard 60 s ago, heartbeat 30 s").isEmpty();

        f.feed(Fixture.poll(sec(131)));

        assertThat(only(f, FindingType.PROBE_SILENT).summary()).contains("silent", "not healthy");
        f.feed(probe("app", sec(140), ProbeOutcome.CONNECTED, sec(10), null));
        assertThat(f.firing(FindingType.PROBE_SILENT)).as("reports again").isEmpty();
    }

    @Test
    void shouldMeasureTheOutageWithoutAFindingWhenTheProbeFailsDuringAFailover() {
        Fixture f = region(APP);
        f.feed(probe("app", sec(5), ProbeOutcome.CONNECTED, sec(5), null));
        // The server dies at 100 s; the probe sees it first, the route poll a little later.
        f.feed(probe("app", sec(100), ProbeOutcome.TIMEOUT, sec(100), sec(100)));
        f.feed(World.fsTables(STANDBY, sec(130)));
        assertThat(f.eventTypes()).containsExactly(EventType.FAILOVER_STARTED, EventType.FAILOVER_CONVERGED);
        Event converged = f.events(EventType.FAILOVER_CONVERGED).get(0);
        assertThat(converged.clientOutages()).singleElement().satisfies(o -> {
            assertThat(o.client()).isEqualTo("app");
            assertThat(o.ongoing()).isTrue();
            assertThat(o.startedAt()).isEqualTo(sec(100));
        });
        assertThat(converged.message()).contains("still cut off", "documented: under 60 s");

        f.feed(probe("app", sec(142), ProbeOutcome.CONNECTED, sec(142), sec(100)));
        holds(f, "app", 172, 400, ProbeOutcome.CONNECTED, sec(142), sec(100));

        Event outage = f.events(EventType.CLIENT_OUTAGE).get(0);
        assertThat(outage.durationMillis()).isEqualTo(Duration.ofSeconds(42).toMillis());
        assertThat(outage.message()).contains("after 42 s of outage during the failover (documented: under 60 s)");
        assertThat(outage.labels()).containsEntry("client", "app").containsEntry("cycle", "failover");
        assertThat(f.firing(FindingType.PROBE_BLOCKED_PATH_OK)).as("a failover's outage is measured, not paged").isEmpty();
    }

    @Test
    void shouldCarryTheEndedOutageInTheFailbackEventWhenClientsRecoveredBeforeTheRoutesWereSeenBack() {
        Fixture f = region(APP);
        f.feed(probe("app", sec(5), ProbeOutcome.CONNECTED, sec(5), null));
        f.feed(World.fsTables(STANDBY, sec(60)));
        f.feed(probe("app", sec(1000), ProbeOutcome.TIMEOUT, sec(1000), sec(1000)),
                probe("app", sec(1070), ProbeOutcome.CONNECTED, sec(1070), sec(1000)));
        f.clear();
        f.feed(World.fsTables(PREFERRED, sec(1080)));

        Event back = f.events(EventType.FAILBACK_COMPLETED).get(0);
        assertThat(back.clientOutages()).singleElement().satisfies(o -> {
            assertThat(o.duration(back.at())).isEqualTo(Duration.ofSeconds(70));
            assertThat(o.ongoing()).isFalse();
        });
        assertThat(back.message()).contains("clients saw up to 70 s of outage (documented: under 60 s, exceeded)");
        assertThat(f.events(EventType.CLIENT_OUTAGE)).as("counted once, in the closing event").isEmpty();
    }

    /** A blocked path, a failover with its outage, and a client that recovers, as one sequence of records. */
    private static void story(Fixture f) {
        holds(f, "app", 5, 35, ProbeOutcome.CONNECTED, sec(5), null);
        holds(f, "app", 60, 240, ProbeOutcome.TIMEOUT, sec(60), sec(60));
        holds(f, "app", 250, 280, ProbeOutcome.CONNECTED, sec(250), sec(60));
        f.feed(probe("app", sec(300), ProbeOutcome.REFUSED, sec(300), sec(300)));
        f.feed(World.fsTables(STANDBY, sec(320)));
        holds(f, "app", 330, 330, ProbeOutcome.REFUSED, sec(300), sec(300));
        holds(f, "app", 342, 700, ProbeOutcome.CONNECTED, sec(342), sec(300));
        holds(f, "stray", 5, 700, ProbeOutcome.CONNECTED, sec(5), null);
        f.feed(World.fsTables(PREFERRED, sec(710)));
        holds(f, "app", 730, 760, ProbeOutcome.CONNECTED, sec(342), sec(300));
        f.feed(Fixture.poll(sec(900)));
    }

    @Test
    void shouldJudgeProbesIncrementallyAsWhenJudgingEverythingOnEveryRecord() {
        Fixture incremental = region(APP, STRAY);
        Fixture everything = region(APP, STRAY);
        everything.analyzer().judgeEverything(true);

        story(incremental);
        story(everything);

        assertThat(incremental.findings).as("findings").isEqualTo(everything.findings);
        assertThat(incremental.events).as("events").isEqualTo(everything.events);
        assertThat(incremental.findings(FindingType.PROBE_BLOCKED_PATH_OK)).as("the story pages a blocked path").isNotEmpty();
        assertThat(incremental.findings(FindingType.PROBE_SILENT)).as("and a silent probe at the end").isNotEmpty();
        assertThat(incremental.events(EventType.CLIENT_OUTAGE)).hasSize(1);
    }

    @Test
    void shouldNeitherRepeatNorLoseAnOutageWhenTheAnalyzerRestartsMidFailover() throws Exception {
        Fixture before = region(APP);
        List<io.floatwatch.model.observation.Observation> seen = new java.util.ArrayList<>();
        java.util.function.Consumer<io.floatwatch.model.observation.Observation> feed = o -> {
            seen.add(o);
            before.feed(o);
        };
        feed.accept(probe("app", sec(100), ProbeOutcome.TIMEOUT, sec(100), sec(100)));
        for (var t : World.fsTables(STANDBY, sec(130))) {
            feed.accept(t);
        }
        assertThat(before.events(EventType.FAILOVER_CONVERGED)).hasSize(1);
        ProbeObservation back = probe("app", sec(142), ProbeOutcome.CONNECTED, sec(142), sec(100));
        feed.accept(back);
        assertThat(before.events(EventType.CLIENT_OUTAGE)).hasSize(1);

        // A restart: the state from its JSON, the model from the latest record of each resource.
        Fixture after = new Fixture(RulePolicy.defaults(), APP);
        after.restore(io.floatwatch.model.json.Json.mapper().readValue(
                io.floatwatch.model.json.Json.mapper().writeValueAsBytes(before.state()), ScopeState.class));
        // The baseline records as the store holds them, then what came since.
        java.util.Map<String, io.floatwatch.model.observation.Observation> latest = new java.util.LinkedHashMap<>();
        List.of(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.fileSystem(T0, RANGE, "1:05:00"),
                Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0)).forEach(o -> latest.put(o.resourceId(), o));
        seen.forEach(o -> latest.put(o.resourceId(), o));
        latest.values().forEach(after.analyzer()::load);

        // The probe's next heartbeat repeats the ended outage: it is not news.
        after.feed(probe("app", sec(172), ProbeOutcome.CONNECTED, sec(142), sec(100)));
        assertThat(after.events(EventType.CLIENT_OUTAGE)).isEmpty();
        assertThat(after.findings(FindingType.PROBE_BLOCKED_PATH_OK)).isEmpty();

        // The state kept the move: a new outage of the same failover's settle time is still tied to it later.
        assertThat(after.state().fileSystems().get(Fixture.FS).convergedAt()).isEqualTo(sec(130));
    }

    @Test
    void shouldSayTheClientsSawNoOutageWhenTheirProbesConnectedThroughTheFailover() {
        Fixture f = region(APP);
        holds(f, "app", 5, 125, ProbeOutcome.CONNECTED, sec(5), null);
        f.feed(World.fsTables(STANDBY, sec(130)));

        Event converged = f.events(EventType.FAILOVER_CONVERGED).get(0);
        assertThat(converged.clientOutages()).isEmpty();
        assertThat(converged.message()).endsWith("; the clients' probes saw no outage");
    }

    @Test
    void shouldLeaveTheEventAloneWhenNoProbeReportsForTheFileSystem() {
        Fixture f = region(APP);
        f.feed(World.fsTables(STANDBY, sec(130)));

        assertThat(f.events(EventType.FAILOVER_CONVERGED).get(0).message()).doesNotContain("probe", "outage");
    }

    @Test
    void shouldPageABlockedPathOnlyAfterTheFailoverSettledWhenTheProbeKeepsFailing() {
        Fixture f = region(APP);
        f.feed(probe("app", sec(100), ProbeOutcome.TIMEOUT, sec(100), sec(100)));
        f.feed(World.fsTables(STANDBY, sec(130)));
        holds(f, "app", 130, 300, ProbeOutcome.TIMEOUT, sec(100), sec(100));
        assertThat(f.firing(FindingType.PROBE_BLOCKED_PATH_OK)).as("within the settle time after convergence").isEmpty();

        holds(f, "app", 311, 311, ProbeOutcome.TIMEOUT, sec(100), sec(100));

        assertThat(f.firing(FindingType.PROBE_BLOCKED_PATH_OK)).as("converged at 130 s, settled at 310 s").hasSize(1);
        assertThat(ClientOutage.DOCUMENTED).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void shouldLeaveTheCauseToTheBlockedPortFindingWhenTheRulesAlreadySeeTheProbesFailure() {
        String path = SCOPE.id() + "/client/app/fs-0abc/" + IP;
        String otherPath = SCOPE.id() + "/client/app/fs-0abc/10.0.8.5";
        Map<String, Finding> desired = new TreeMap<>();
        for (Finding f : List.of(
                Finding.firing(FindingType.ENDPOINT_PORT_BLOCKED, path + "/nfs", Map.of(), T0, T0, Map.of(), "sg stops tcp/2049"),
                Finding.firing(FindingType.PROBE_BLOCKED_PATH_OK, path, Map.of(), T0, T0, Map.of(), "cannot connect"),
                Finding.firing(FindingType.PROBE_BLOCKED_PATH_OK, otherPath, Map.of(), T0, T0, Map.of(), "cannot connect"))) {
            desired.put(f.id(), f);
        }

        ProbeCorrelation.leaveToBlockedPorts(desired);

        assertThat(desired.values()).extracting(Finding::type, Finding::subject).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(FindingType.ENDPOINT_PORT_BLOCKED, path + "/nfs"),
                org.assertj.core.groups.Tuple.tuple(FindingType.PROBE_BLOCKED_PATH_OK, otherPath));
    }
}
