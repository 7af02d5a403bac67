package io.floatwatch.analyzer.core.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.PathEvaluator;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.VpcObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A change in one account re-judges the paths of the region's other accounts that read it, and nothing else
 * is needed: three accounts (the file system, the client, the TGW owner) fed a random stream of route,
 * attachment, TGW route table and poll changes must publish the same findings as a twin that judges every
 * piece of every account on every record.
 */
class CrossAccountIncrementalTest {

    private static final String REGION = "ap-northeast-1";
    private static final Scope STORAGE = new Scope("111111111111", REGION);
    private static final Scope CLIENTS = new Scope("222222222222", REGION);
    private static final Scope NETWORK = new Scope("333333333333", REGION);
    private static final List<Scope> SCOPES = List.of(STORAGE, CLIENTS, NETWORK);
    private static final String IP = Fixture.IP;
    private static final List<DeclaredClient> CLIENT_LIST = List.of(
            new DeclaredClient("app-b", CLIENTS.account(), REGION, "10.1.0.0/16", Via.TGW, "subnet-b", "vpc-b", null,
                    Set.of("fs-0abc")),
            new DeclaredClient("app-b2", CLIENTS.account(), REGION, "10.1.0.0/16", Via.TGW, "subnet-b2", "vpc-b", null,
                    Set.of("fs-0abc", "fs-0123456789abcdef9")));

    /** The runtime's part, as ObservationProcessor plays it: one analyzer per scope, changes passed across. */
    private static final class Region {
        final Map<Scope, ScopeAnalyzer> analyzers = new LinkedHashMap<>();
        final Map<Scope, ScopeState> states = new LinkedHashMap<>();
        final List<Finding> published = new ArrayList<>();

        Region(boolean everything) {
            for (Scope s : SCOPES) {
                ScopeAnalyzer a = new ScopeAnalyzer(s, FailoverPolicy.defaults(), RulePolicy.defaults(), CLIENT_LIST, SCOPES);
                a.judgeEverything(everything);
                Supplier<java.util.Collection<ScopeAnalyzer>> all = analyzers::values;
                a.joinRegion(all);
                analyzers.put(s, a);
                states.put(s, ScopeState.empty(s));
            }
        }

        void feed(Observation o) {
            apply(o.scope(), analyzers.get(o.scope()).observe(states.get(o.scope()), o));
            across(o.scope());
        }

        void delete(Scope scope, String id) {
            apply(scope, analyzers.get(scope).delete(states.get(scope), id));
            across(scope);
        }

        private void across(Scope changed) {
            Set<String> keys = analyzers.get(changed).lastChanges();
            for (ScopeAnalyzer other : analyzers.values()) {
                if (!other.scope().equals(changed)) {
                    apply(other.scope(), other.foreignChanged(states.get(other.scope()), changed.account(), keys));
                }
            }
        }

        private void apply(Scope scope, Outcome outcome) {
            states.put(scope, outcome.state());
            outcome.findings().forEach(published::add);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void judgingWhatAnotherAccountChangedPublishesWhatJudgingEverythingPublishes(long seed) {
        Random random = new Random(seed);
        Region incremental = new Region(false);
        Region everything = new Region(true);
        Instant at = Fixture.T0;
        int pathFindings = 0;
        for (int step = 0; step < 1_500; step++) {
            at = at.plus(Duration.ofSeconds(random.nextInt(4) == 0 ? 400 : 20));
            if (random.nextInt(25) == 0) {
                Scope scope = SCOPES.get(random.nextInt(3));
                String id = List.of("rtb-b", "rtb-1", "tgw-rtb-1", "tgw-attach-b", "subnet-b").get(random.nextInt(5));
                incremental.delete(scope, id);
                everything.delete(scope, id);
            } else {
                Observation o = next(random, at);
                incremental.feed(o);
                everything.feed(o);
            }
            assertThat(incremental.published).as("seed %d step %d", seed, step).isEqualTo(everything.published);
            pathFindings = (int) incremental.published.stream().filter(f -> f.type().name().startsWith("CLIENT_")).count();
        }
        assertThat(incremental.states).isEqualTo(everything.states);
        assertThat(pathFindings).as("the stream exercises the client rules").isGreaterThan(20);
        assertThat(incremental.published).anyMatch(f -> f.type() == FindingType.CLIENT_PATH_UNREACHABLE && f.firing());
    }

    private static Observation next(Random random, Instant at) {
        return switch (random.nextInt(9)) {
            case 0 -> new VpcObservation(STORAGE, at, "vpc-a", STORAGE.account(), List.of("10.0.0.0/16"));
            case 1 -> fileSystem(at);
            case 2 -> new NetworkInterfaceObservation(STORAGE, at, random.nextBoolean() ? Fixture.PREFERRED : Fixture.STANDBY,
                    "subnet-1a", "vpc-a", REGION + "a", "interface", "", List.of());
            case 3 -> table(STORAGE, "rtb-1", "vpc-a", List.of("subnet-1a", "subnet-1c"), at, pick(random,
                    List.of(r("10.0.0.0/16", "local"), r(IP + "/32", Fixture.PREFERRED), r("10.1.0.0/16", "tgw-1")),
                    List.of(r("10.0.0.0/16", "local"), r(IP + "/32", Fixture.STANDBY)),
                    List.of(r("10.0.0.0/16", "local"), r(IP + "/32", Fixture.PREFERRED), r("10.1.0.0/16", "pcx-9"))));
            case 4 -> table(CLIENTS, random.nextBoolean() ? "rtb-b" : "rtb-b2", "vpc-b",
                    List.of(random.nextBoolean() ? "subnet-b" : "subnet-b2"), at, pick(random,
                    List.of(r("10.1.0.0/16", "local"), r("10.0.0.0/8", "tgw-1")),
                    List.of(r("10.1.0.0/16", "local")),
                    List.of(r("10.1.0.0/16", "local"), r("10.0.0.0/8", "pcx-9"))));
            case 5 -> attachment(SCOPES.get(random.nextInt(3)), random.nextBoolean() ? "tgw-attach-a" : "tgw-attach-b", at,
                    random.nextInt(3) == 0 ? "pendingAcceptance" : "available");
            case 6 -> new TransitGatewayRouteTableObservation(NETWORK, at, "tgw-rtb-1", "tgw-1",
                    List.of("tgw-attach-a", "tgw-attach-b"), random.nextBoolean() ? List.of("tgw-attach-a", "tgw-attach-b")
                    : List.of("tgw-attach-a"), random.nextBoolean() ? List.of(PathEvaluator.LONGEST_PREFIX + IP + "/32",
                    PathEvaluator.LONGEST_PREFIX + "10.1.0.0/16") : List.of(), pick(random,
                    List.of(new TgwRoute("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-a")),
                            new TgwRoute("10.1.0.0/16", "propagated", "active", List.of("tgw-attach-b"))),
                    List.of(new TgwRoute("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-a"))),
                    List.of(new TgwRoute("10.1.0.0/16", "static", "blackhole", List.of()))), false);
            case 7 -> new VpcObservation(CLIENTS, at, "vpc-b", CLIENTS.account(), List.of("10.1.0.0/16"));
            default -> new PollCompleted(SCOPES.get(random.nextInt(3)), at, pick(random, "fsx.file-systems",
                    PathEvaluator.ATTACHMENTS_SOURCE, "ec2.route-tables"), random.nextInt(6) == 0 ? PollCompleted.FAILED
                    : PollCompleted.OK, 1, 10, null);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static FileSystemObservation fileSystem(Instant at) {
        FileSystemObservation b = Fixture.fileSystem(at);
        return new FileSystemObservation(STORAGE, at, "fs-0abc", b.fileSystemType(), b.deploymentType(), b.lifecycle(), "vpc-a",
                b.endpointIpAddressRange(), b.floatingIps(), List.of("rtb-1"), b.subnetIds(), b.preferredSubnetId(),
                b.networkInterfaceIds(), 160, "1:05:00", List.of());
    }

    private static Route r(String destination, String target) {
        return World.r(destination, target);
    }

    private static RouteTableObservation table(Scope scope, String id, String vpc, List<String> subnets, Instant at,
            List<Route> routes) {
        return new RouteTableObservation(scope, at, id, vpc, false, subnets, routes, World.FSX_TAG);
    }

    private static TransitGatewayAttachmentObservation attachment(Scope scope, String id, Instant at, String state) {
        boolean storage = id.endsWith("-a");
        return new TransitGatewayAttachmentObservation(scope, at, id, "tgw-1", "vpc", storage ? "vpc-a" : "vpc-b",
                storage ? STORAGE.account() : CLIENTS.account(), state, scope.equals(NETWORK) ? "tgw-rtb-1" : null,
                storage ? List.of("subnet-1a", "subnet-1c") : List.of("subnet-b"));
    }
}
