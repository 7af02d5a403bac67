package io.floatwatch.analyzer.core.incremental;

import static io.floatwatch.analyzer.core.Fixture.SCOPE;
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
import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.state.StateChanges;
import io.floatwatch.analyzer.core.vpn.TunnelTelemetry;
import io.floatwatch.analyzer.core.vpn.VpnPropagation;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analyzer re-judges only the pieces of the rules that read what an observation changed, or
 * whose deadline passed. This checks that shortcut against the definition: a twin analyzer that
 * judges every piece on every observation must publish the same events and findings, in the same
 * order, and end with the same state, over long random streams of a small but complete region
 * (failovers, blackholes, deleted ENIs, moving subnets, TGW routes, VPN and CloudWatch changes,
 * failed and silent polls, tombstones, every kind of declared client).
 */
public class IncrementalJudgementTest {

    private static final int STEPS = 2_500;
    private static final List<Duration> TICKS = List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(20), Duration.ofHours(2));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void judgingOnlyWhatChangedPublishesWhatJudgingEverythingPublishes(long seed) {
        compare(seed, false);
    }

    /**
     * The same with the start gate on and a marker for every source, refused and blocked polls among them: a
     * piece held by the gate must be judged again when the source it waits for completes, and not otherwise.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void judgingOnlyWhatChangedPublishesWhatJudgingEverythingPublishesWithTheStartGate(long seed) {
        compare(seed, true);
    }

    private static void compare(long seed, boolean gate) {
        RandomRegion region = new RandomRegion(new Random(seed), gate);
        List<DeclaredClient> clients = RandomRegion.clients();
        ScopeAnalyzer incremental = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(), clients)
                .gateOnFirstPolls(gate);
        ScopeAnalyzer everything = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), RulePolicy.defaults(), clients)
                .gateOnFirstPolls(gate);
        everything.judgeEverything(true);
        ScopeState a = ScopeState.empty(SCOPE);
        ScopeState b = a;
        Set<FindingType> fired = EnumSet.noneOf(FindingType.class);
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        int published = 0;
        int[] clockOnly = new int[2];
        for (int step = 0; step < STEPS; step++) {
            RandomRegion.Change change = region.next();
            Outcome x = change.deleted() != null ? incremental.delete(a, change.deleted()) : incremental.observe(a, change.observation());
            Outcome y = change.deleted() != null ? everything.delete(b, change.deleted()) : everything.observe(b, change.observation());
            String where = "seed " + seed + ", step " + step + ": " + change;
            assertThat(x.events()).as(where).isEqualTo(y.events());
            assertThat(x.findings()).as(where).isEqualTo(y.findings());
            assertThat(x.state()).as(where).isEqualTo(y.state());
            assertChangesNamed(a, x, where);
            if (x.changes() != null) {
                boolean same = x.state().sameButClock(a);
                assertThat(x.changes().onlyClockMoved(x.state())).as(where + ": only the clock moved").isEqualTo(same);
                clockOnly[same ? 1 : 0]++;
            }
            a = x.state();
            b = y.state();
            x.findings().forEach(f -> fired.add(f.type()));
            x.events().forEach(e -> events.add(e.type()));
            published += x.findings().size() + x.events().size();
        }
        // The stream must have exercised the rules, or the comparison above proves nothing.
        assertThat(published).as("versions published").isGreaterThan(200);
        assertThat(clockOnly[0]).as("judgements that changed more than the clock").isGreaterThan(100);
        assertThat(clockOnly[1]).as("judgements that moved only the clock").isGreaterThan(100);
        assertThat(fired).as("finding types seen").contains(FindingType.FSX_FAILED_OVER, FindingType.FLOATING_ROUTE_BAD_TARGET,
                FindingType.CLIENT_PATH_UNREACHABLE, FindingType.CLIENT_PATH_UNSUPPORTED, FindingType.VPN_TUNNEL_DOWN,
                FindingType.VPN_REDUNDANCY_LOST, FindingType.VPN_TELEMETRY_DISAGREES, FindingType.DATA_STALE,
                FindingType.CLIENT_SUBNET_NOT_COVERED, FindingType.VPN_ROUTES_NOT_PROPAGATED, FindingType.FLOATING_ROUTE_ORPHANED,
                FindingType.ENDPOINT_PORT_BLOCKED, FindingType.ENDPOINT_PORT_UNVERIFIED);
        if (gate) {
            assertThat(fired).as("finding types seen with every source").contains(FindingType.ACCOUNT_ACCESS_FAILED);
        }
        assertThat(events).as("event types seen").contains(EventType.FAILOVER_STARTED, EventType.FAILBACK_COMPLETED);
    }

    private static final Map<String, Function<ScopeState, Map<String, ?>>> MAPS = Map.of("fileSystems", ScopeState::fileSystems,
            "open", ScopeState::open, "tunnels", ScopeState::tunnels, "paths", ScopeState::paths, "sources", ScopeState::sources);

    /**
     * The runtime stores only the entries an outcome names, so it must name every entry that differs
     * from the state given, and a map it does not name must be that state's very object.
     */
    private static void assertChangesNamed(ScopeState given, Outcome outcome, String where) {
        StateChanges changes = outcome.changes();
        if (changes == null) {
            return;
        }
        MAPS.forEach((name, map) -> {
            Map<String, ?> before = map.apply(given);
            Map<String, ?> after = map.apply(outcome.state());
            assertThat(map.apply(changes.from())).as(where + ": " + name + " of the state the changes start from").isSameAs(before);
            if (!changes.touched().containsKey(name)) {
                assertThat(after).as(where + ": " + name + " not named, so unchanged").isSameAs(before);
            } else if (changes.keys(name) != null) {
                Set<String> differing = new TreeSet<>();
                before.keySet().stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).forEach(differing::add);
                after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(differing::add);
                assertThat(changes.keys(name)).as(where + ": " + name + " entries named").containsAll(differing);
            }
        });
    }

    /** A region of three VPCs, two Multi-AZ file systems, a TGW, four VPNs and their telemetry, changing at random. */
    public static final class RandomRegion {

        public record Change(Observation observation, String deleted) {
            @Override
            public String toString() {
                return deleted != null ? "delete " + deleted : observation.toString();
            }
        }

        private final Random random;
        private final Map<String, Function<Instant, Observation>> makers = new TreeMap<>();
        private final List<String> ids;
        private Instant now = Fixture.T0;
        private boolean baselineDone;
        private int baseline;

        public RandomRegion(Random random) {
            this(random, false);
        }

        /** @param everySource a poll marker for every source the gate knows, some refused (no_access) or blocked */
        public RandomRegion(Random random, boolean everySource) {
            this.random = random;
            for (int v = 1; v <= 3; v++) {
                int vpc = v;
                makers.put("vpc-" + v, at -> new VpcObservation(SCOPE, at, "vpc-" + vpc, SCOPE.account(),
                        random.nextInt(10) == 0 ? List.of("172.31.0.0/16") : List.of(cidr(vpc))));
                for (String az : List.of("a", "b", "c")) {
                    makers.put("subnet-" + v + az, at -> subnet(vpc, az, at));
                    makers.put("rtb-" + v + az, at -> table(vpc, az, at));
                }
            }
            for (int f = 1; f <= 2; f++) {
                int fs = f;
                makers.put("fs-" + f, at -> fileSystem(fs, at));
                makers.put("eni-" + f + "a", at -> eni(fs, "a", at));
                makers.put("eni-" + f + "b", at -> eni(fs, "b", at));
            }
            for (int g = 1; g <= 2; g++) {
                int group = g;
                makers.put("sg-" + g, at -> securityGroup(group, at));
                makers.put("acl-" + g, at -> networkAcl(group, at));
            }
            makers.put("tgw-attach-v1", at -> attachment("tgw-attach-v1", "vpc", "vpc-1", at, "subnet-1c"));
            makers.put("tgw-attach-v2", at -> attachment("tgw-attach-v2", "vpc", "vpc-2", at, "subnet-2c"));
            makers.put("tgw-attach-v3", at -> attachment("tgw-attach-v3", "vpc", "vpc-3", at, "subnet-3a"));
            makers.put("tgw-attach-vpn", at -> attachment("tgw-attach-vpn", "vpn", "vpn-1", at));
            makers.put("tgw-rtb-1", this::tgwTable);
            makers.put("vgw-1", at -> new VpnGatewayObservation(SCOPE, at, "vgw-1", "available", 64512L,
                    pick(List.of(List.of("vpc-1"), List.of("vpc-1", "vpc-2"), List.of()))));
            makers.put("pcx-1", at -> new VpcPeeringObservation(SCOPE, at, "pcx-1", pick(List.of("active", "active", "deleted")),
                    new VpcPeeringObservation.Side(SCOPE.account(), SCOPE.region(), "vpc-3", List.of(cidr(3))),
                    new VpcPeeringObservation.Side(SCOPE.account(), SCOPE.region(), "vpc-1", List.of(cidr(1)))));
            for (int n = 1; n <= 4; n++) {
                int vpn = n;
                makers.put("vpn-" + n, at -> vpn(vpn, at));
                for (int t = 0; t < 2; t++) {
                    String ip = tunnelIp(n, t);
                    makers.put(TunnelStateObservation.ID_PREFIX + ip, at -> new TunnelStateObservation(SCOPE, at, ip,
                            "vpn-" + vpn, pick(java.util.Arrays.asList(1.0, 1.0, 0.0, 0.5, null)),
                            random.nextInt(8) == 0 ? null : at.minus(pick(List.of(Duration.ofMinutes(1),
                                    Duration.ofMinutes(10), Duration.ofHours(3))))));
                }
            }
            List<String> sources = everySource ? everySource() : List.of("ec2.route-tables", TunnelTelemetry.CLOUDWATCH_SOURCE);
            List<String> outcomes = List.of(PollCompleted.OK, PollCompleted.OK, PollCompleted.OK, PollCompleted.OK,
                    PollCompleted.FAILED, PollCompleted.NO_ACCESS, PollCompleted.BLOCKED);
            for (String source : sources) {
                makers.put("_poll/" + source, at -> new PollCompleted(SCOPE, at, source, everySource ? pick(outcomes)
                        : random.nextInt(6) == 0 ? PollCompleted.FAILED : PollCompleted.OK, 3, 120, null));
            }
            ids = List.copyOf(makers.keySet());
        }

        private static List<String> everySource() {
            List<String> names = new java.util.ArrayList<>();
            for (java.lang.reflect.Field f : SourceNames.class.getFields()) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return names;
        }

        public Change next() {
            if (!baselineDone) {
                String id = ids.get(baseline++);
                baselineDone = baseline == ids.size();
                return new Change(makers.get(id).apply(now), null);
            }
            now = now.plus(pick(TICKS));
            String id = pick(ids);
            if (random.nextInt(25) == 0 && !id.startsWith("_poll/")) {
                return new Change(null, id);
            }
            return new Change(makers.get(id).apply(now), null);
        }

        private <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }

        static String cidr(int vpc) {
            return "10." + (vpc - 1) + ".0.0/16";
        }

        static String floatingIp(int fs) {
            return "10." + (fs - 1) + ".255.23" + fs;
        }

        static String tunnelIp(int vpn, int t) {
            return "203.0.113." + (vpn * 10 + t);
        }

        private SubnetObservation subnet(int vpc, String az, Instant at) {
            // Now and then a subnet overlaps the endpoint range, or moves to another VPC.
            int third = az.equals("a") ? 1 : az.equals("b") ? 2 : 3;
            String cidr = random.nextInt(12) == 0 ? "10." + (vpc - 1) + ".255.224/27" : "10." + (vpc - 1) + "." + third + ".0/24";
            String inVpc = random.nextInt(15) == 0 ? "vpc-" + (vpc % 3 + 1) : "vpc-" + vpc;
            return new SubnetObservation(SCOPE, at, "subnet-" + vpc + az, inVpc, cidr, "ap-northeast-1" + az, 100);
        }

        private RouteTableObservation table(int vpc, String az, Instant at) {
            List<Route> routes = new ArrayList<>();
            routes.add(new Route(cidr(vpc), "local", Route.ACTIVE, "CreateRouteTable"));
            if (random.nextInt(4) != 0) {
                routes.add(new Route("192.168.0.0/16", pick(List.of("tgw-1", "tgw-1", "vgw-1")), Route.ACTIVE, "CreateRoute"));
            }
            if (random.nextInt(3) == 0) {
                routes.add(new Route("172.16.0.0/12", "vgw-1", Route.ACTIVE, VpnPropagation.PROPAGATED));
            }
            if (random.nextBoolean()) {
                routes.add(new Route("10.2.0.0/16", pick(List.of("tgw-1", "pcx-1")), Route.ACTIVE, "CreateRoute"));
            }
            for (int fs = 1; fs <= 2; fs++) {
                if (fs != vpc && random.nextInt(6) != 0) {
                    continue;
                }
                int pickTarget = random.nextInt(10);
                String target = pickTarget < 5 ? "eni-" + fs + "a" : pickTarget < 8 ? "eni-" + fs + "b"
                        : pickTarget == 8 ? "eni-" + (3 - fs) + "a" : null;
                if (target != null) {
                    String state = random.nextInt(12) == 0 ? Route.BLACKHOLE : Route.ACTIVE;
                    routes.add(new Route(floatingIp(fs) + "/32", target, state, "CreateRoute"));
                }
            }
            Map<String, String> tags = random.nextInt(6) == 0 ? Map.of() : World.FSX_TAG;
            List<String> subnets = random.nextInt(8) == 0 ? List.of() : List.of("subnet-" + vpc + az);
            return new RouteTableObservation(SCOPE, at, "rtb-" + vpc + az, "vpc-" + vpc, az.equals("c"), subnets, routes, tags);
        }

        private FileSystemObservation fileSystem(int fs, Instant at) {
            List<AdministrativeAction> actions = random.nextInt(4) == 0
                    ? List.of(new AdministrativeAction("FILE_SYSTEM_UPDATE", pick(List.of("IN_PROGRESS", "COMPLETED")), at, null))
                    : List.of();
            List<String> tables = random.nextInt(6) == 0 ? List.of("rtb-" + fs + "a") : List.of("rtb-" + fs + "a", "rtb-" + fs + "b");
            String deployment = random.nextInt(15) == 0 ? "SINGLE_AZ_1" : "MULTI_AZ_1";
            return new FileSystemObservation(SCOPE, at, "fs-" + fs, "OPENZFS", deployment, "AVAILABLE", "vpc-" + fs,
                    random.nextInt(10) == 0 ? "172.31.255.224/28" : "10." + (fs - 1) + ".255.224/28",
                    List.of(floatingIp(fs)), tables, List.of("subnet-" + fs + "a", "subnet-" + fs + "b"), "subnet-" + fs + "a",
                    List.of("eni-" + fs + "a", "eni-" + fs + "b"), 160, pick(java.util.Arrays.asList("1:05:00", null)), actions);
        }

        private NetworkInterfaceObservation eni(int fs, String az, Instant at) {
            return new NetworkInterfaceObservation(SCOPE, at, "eni-" + fs + az, "subnet-" + fs + az, "vpc-" + fs,
                    "ap-northeast-1" + az, "interface", "ENI for FSx fs-" + fs,
                    List.of("10." + (fs - 1) + "." + (az.equals("a") ? 1 : 2) + ".10"),
                    pick(List.of(List.of(), List.of("sg-1"), List.of("sg-1"), List.of("sg-1", "sg-2"), List.of("sg-3"))));
        }

        private io.floatwatch.model.observation.SecurityGroupObservation securityGroup(int g, Instant at) {
            List<io.floatwatch.model.observation.SecurityGroupObservation.Rule> rules = new java.util.ArrayList<>();
            List<io.floatwatch.model.observation.SecurityGroupObservation.Rule> candidates = List.of(
                    new io.floatwatch.model.observation.SecurityGroupObservation.Rule("sgr-" + g + "all", false, "-1", null, null,
                            "10.0.0.0/8", null, null, null),
                    new io.floatwatch.model.observation.SecurityGroupObservation.Rule("sgr-" + g + "nfs", false, "tcp", 2049, 2049,
                            "192.168.0.0/16", null, null, null),
                    new io.floatwatch.model.observation.SecurityGroupObservation.Rule("sgr-" + g + "ref", false, "-1", null, null,
                            null, null, "sg-2", null),
                    new io.floatwatch.model.observation.SecurityGroupObservation.Rule("sgr-" + g + "pl", false, "tcp", 0, 65535,
                            null, null, null, "pl-1"));
            for (io.floatwatch.model.observation.SecurityGroupObservation.Rule r : candidates) {
                if (random.nextBoolean()) {
                    rules.add(r);
                }
            }
            return new io.floatwatch.model.observation.SecurityGroupObservation(SCOPE, at, "sg-" + g, "vpc-1", "g" + g, rules);
        }

        private io.floatwatch.model.observation.NetworkAclObservation networkAcl(int g, Instant at) {
            List<io.floatwatch.model.observation.NetworkAclObservation.Entry> entries = new java.util.ArrayList<>();
            if (random.nextInt(3) == 0) {
                entries.add(new io.floatwatch.model.observation.NetworkAclObservation.Entry(90, false, "6", 2049, 2049,
                        pick(List.of("10.0.0.0/8", "192.168.1.0/24")), false));
            }
            if (random.nextInt(4) != 0) {
                entries.add(new io.floatwatch.model.observation.NetworkAclObservation.Entry(100, false, "-1", null, null, "0.0.0.0/0", true));
            }
            if (random.nextInt(4) != 0) {
                entries.add(new io.floatwatch.model.observation.NetworkAclObservation.Entry(100, true, "-1", null, null, "0.0.0.0/0", true));
            }
            entries.add(new io.floatwatch.model.observation.NetworkAclObservation.Entry(32767, false, "-1", null, null, "0.0.0.0/0", false));
            entries.add(new io.floatwatch.model.observation.NetworkAclObservation.Entry(32767, true, "-1", null, null, "0.0.0.0/0", false));
            List<List<String>> choices = g == 1
                    ? List.of(List.of("subnet-1a", "subnet-1b", "subnet-2a"), List.of("subnet-1a"), List.of())
                    : List.of(List.of("subnet-2a", "subnet-2b", "subnet-3a", "subnet-1b"), List.of("subnet-2b"));
            return new io.floatwatch.model.observation.NetworkAclObservation(SCOPE, at, "acl-" + g, "vpc-" + g, g == 1, entries,
                    pick(choices));
        }

        private TransitGatewayAttachmentObservation attachment(String id, String type, String resource, Instant at,
                String... subnets) {
            return new TransitGatewayAttachmentObservation(SCOPE, at, id, "tgw-1", type, resource, SCOPE.account(),
                    random.nextInt(10) == 0 ? "deleting" : "available", random.nextInt(8) == 0 ? null : "tgw-rtb-1",
                    List.of(subnets));
        }

        private TransitGatewayRouteTableObservation tgwTable(Instant at) {
            List<TgwRoute> routes = new ArrayList<>();
            if (random.nextInt(4) != 0) {
                routes.add(new TgwRoute(cidr(1), "propagated", "active", List.of("tgw-attach-v1")));
            }
            if (random.nextInt(3) == 0) {
                routes.add(new TgwRoute(floatingIp(2) + "/32", "static", random.nextInt(4) == 0 ? "blackhole" : "active",
                        List.of(pick(List.of("tgw-attach-v2", "tgw-attach-v1")))));
            }
            if (random.nextInt(4) != 0) {
                routes.add(new TgwRoute("192.168.0.0/16", "propagated", "active", List.of("tgw-attach-vpn")));
            }
            if (random.nextInt(4) != 0) {
                routes.add(new TgwRoute(cidr(3), "propagated", "active", List.of("tgw-attach-v3")));
            }
            List<String> searched = random.nextBoolean()
                    ? List.of(floatingIp(1) + "/32", PathEvaluator.LONGEST_PREFIX + floatingIp(1) + "/32",
                            PathEvaluator.LONGEST_PREFIX + floatingIp(2) + "/32")
                    : List.of(floatingIp(1) + "/32");
            return new TransitGatewayRouteTableObservation(SCOPE, at, "tgw-rtb-1", "tgw-1",
                    List.of("tgw-attach-v1", "tgw-attach-v2", "tgw-attach-v3", "tgw-attach-vpn"), List.of(), searched, routes,
                    random.nextInt(10) == 0);
        }

        private VpnConnectionObservation vpn(int n, Instant at) {
            List<Tunnel> tunnels = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int state = random.nextInt(6);
                String status = state < 4 ? "UP" : "DOWN";
                String message = state < 4 ? "2 BGP ROUTES" : state == 4 ? "IPSEC IS UP" : "";
                Instant changed = random.nextInt(3) == 0 ? at : at.minus(pick(List.of(Duration.ofMinutes(3),
                        Duration.ofHours(1), Duration.ofDays(1))));
                Integer accepted = state < 4 ? pick(List.of(2, 2, 0)) : 0;
                String maintenance = random.nextInt(10) == 0 ? "under maintenance" : null;
                tunnels.add(new Tunnel(tunnelIp(n, t), status, message, changed, accepted, "169.254." + n + "." + (t * 4) + "/30",
                        n <= 2 ? 65000L : 65001L, maintenance));
            }
            boolean onTgw = n <= 2;
            boolean staticRoutes = n == 4;
            return new VpnConnectionObservation(SCOPE, at, "vpn-" + n, random.nextInt(12) == 0 ? "deleting" : "available",
                    "cgw-" + n, onTgw ? null : "vgw-1", onTgw ? "tgw-1" : null, staticRoutes,
                    staticRoutes ? List.of("172.20.0.0/16") : List.of(), tunnels);
        }

        public static List<DeclaredClient> clients() {
            return List.of(
                    new DeclaredClient("app-1a", null, null, "10.0.1.0/24", Via.SAME_VPC, "subnet-1a", null, null),
                    new DeclaredClient("app-2b", null, null, "10.1.2.0/24", Via.SAME_VPC, "subnet-2b", "vpc-2", null),
                    new DeclaredClient("shared-3a", null, null, "10.2.1.0/24", Via.TGW, "subnet-3a", "vpc-3", null),
                    new DeclaredClient("onprem", null, null, "192.168.1.0/24", Via.VPN_TGW, null, null, null),
                    new DeclaredClient("dc", null, null, "192.168.2.0/24", Via.DX_TGW, null, null, null),
                    new DeclaredClient("peer-3", null, null, "10.2.0.0/16", Via.PEERING, null, "vpc-3", null),
                    new DeclaredClient("branch", null, null, "172.20.0.0/16", Via.VPN_VGW, null, null, null),
                    new DeclaredClient("lattice", null, null, "10.9.0.0/16", Via.LATTICE, null, null, floatingIp(1)),
                    new DeclaredClient("nlb", null, null, "10.8.0.0/16", Via.NLB, null, null, null),
                    new DeclaredClient("only-fs-2", null, null, "192.168.3.0/24", Via.VPN_TGW, null, null, null)
                            .mounting(List.of("fs-2")));
        }
    }

    @SuppressWarnings("unused")
    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }
}
