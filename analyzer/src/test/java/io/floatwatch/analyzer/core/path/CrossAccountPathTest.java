package io.floatwatch.analyzer.core.path;

import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Labels;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, point 2 (docs/domain.md section 6): the file system in account A, the client in account B, the
 * Transit Gateway owned by network account C and shared through RAM. The verdict uses what each account
 * sees, names the account of the failing hop, and follows a change made in any of them.
 */
class CrossAccountPathTest {

    private static final String REGION = "ap-northeast-1";
    private static final Scope STORAGE = new Scope("111111111111", REGION);
    private static final Scope CLIENTS = new Scope("222222222222", REGION);
    private static final Scope NETWORK = new Scope("333333333333", REGION);
    private static final String FS = "fs-0abc";
    private static final List<String> SEARCHED = List.of(PathEvaluator.LONGEST_PREFIX + IP + "/32",
            PathEvaluator.LONGEST_PREFIX + "10.1.0.0/16");

    private static final DeclaredClient APP = new DeclaredClient("app-b", CLIENTS.account(), REGION, "10.1.0.0/16", Via.TGW,
            "subnet-b", "vpc-b", null, java.util.Set.of(FS));

    /** The runtime's part: one analyzer per scope, all of a region together, a change passed to the others. */
    private final Map<Scope, ScopeAnalyzer> analyzers = new LinkedHashMap<>();
    private final Map<Scope, ScopeState> states = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    private ScopeAnalyzer analyzer(Scope scope) {
        return analyzers.computeIfAbsent(scope, s -> {
            ScopeAnalyzer a = new ScopeAnalyzer(s, FailoverPolicy.defaults(), RulePolicy.defaults(), List.of(APP),
                    List.of(STORAGE, CLIENTS, NETWORK));
            a.joinRegion(analyzers::values);
            states.put(s, ScopeState.empty(s));
            return a;
        });
    }

    private CrossAccountPathTest feed(Observation... observations) {
        for (Observation o : observations) {
            ScopeAnalyzer a = analyzer(o.scope());
            Outcome outcome = a.observe(states.get(o.scope()), o);
            states.put(o.scope(), outcome.state());
            findings.addAll(outcome.findings());
            for (ScopeAnalyzer other : List.copyOf(analyzers.values())) {
                if (other != a) {
                    Outcome across = other.foreignChanged(states.get(other.scope()), o.scope().account(), a.lastChanges());
                    states.put(other.scope(), across.state());
                    findings.addAll(across.findings());
                }
            }
        }
        return this;
    }

    private List<Finding> firing(FindingType type) {
        Map<String, Finding> latest = new TreeMap<>();
        findings.forEach(f -> latest.put(f.id(), f));
        return latest.values().stream().filter(f -> f.firing() && f.type() == type).toList();
    }

    private static RouteTableObservation table(Scope scope, String id, String vpc, String subnet, Instant at, Route... routes) {
        return new RouteTableObservation(scope, at, id, vpc, false, List.of(subnet), List.of(routes), World.FSX_TAG);
    }

    private static Route r(String destination, String target) {
        return World.r(destination, target);
    }

    private static TransitGatewayRouteTableObservation tgwTable(Instant at, TgwRoute... routes) {
        return new TransitGatewayRouteTableObservation(NETWORK, at, "tgw-rtb-1", "tgw-1",
                List.of("tgw-attach-a", "tgw-attach-b"), List.of("tgw-attach-a", "tgw-attach-b"), SEARCHED, List.of(routes), false);
    }

    private void storageAccount() {
        FileSystemObservation base = Fixture.fileSystem(T0);
        FileSystemObservation fs = new FileSystemObservation(STORAGE, T0, FS, base.fileSystemType(), base.deploymentType(),
                base.lifecycle(), "vpc-a", base.endpointIpAddressRange(), base.floatingIps(), base.routeTableIds(),
                base.subnetIds(), base.preferredSubnetId(), base.networkInterfaceIds(), 160, "1:05:00", List.of());
        // The file system comes last, as once every source of the account has polled (the start gate's job).
        feed(new VpcObservation(STORAGE, T0, "vpc-a", STORAGE.account(), List.of("10.0.0.0/16")),
                new NetworkInterfaceObservation(STORAGE, T0, PREFERRED, "subnet-1a", "vpc-a", REGION + "a", "interface", "", List.of()),
                new NetworkInterfaceObservation(STORAGE, T0, STANDBY, "subnet-1c", "vpc-a", REGION + "c", "interface", "", List.of()),
                table(STORAGE, "rtb-1", "vpc-a", "subnet-1a", T0, r("10.0.0.0/16", "local"), r(IP + "/32", PREFERRED),
                        r("10.1.0.0/16", "tgw-1")),
                table(STORAGE, "rtb-2", "vpc-a", "subnet-1c", T0, r("10.0.0.0/16", "local"), r(IP + "/32", PREFERRED),
                        r("10.1.0.0/16", "tgw-1")),
                // The attaching account sees its attachment, but not which TGW route table it is associated with.
                new TransitGatewayAttachmentObservation(STORAGE, T0, "tgw-attach-a", "tgw-1", "vpc", "vpc-a",
                        STORAGE.account(), "available", null, List.of("subnet-1a", "subnet-1c")), fs);
    }

    private void clientAccount(Instant at, Route... routes) {
        feed(table(CLIENTS, "rtb-b", "vpc-b", "subnet-b", at, routes),
                new TransitGatewayAttachmentObservation(CLIENTS, at, "tgw-attach-b", "tgw-1", "vpc", "vpc-b",
                        CLIENTS.account(), "available", null, List.of("subnet-b")));
    }

    private void networkAccount(Instant at, TgwRoute... routes) {
        feed(new TransitGatewayAttachmentObservation(NETWORK, at, "tgw-attach-a", "tgw-1", "vpc", "vpc-a",
                        STORAGE.account(), "available", "tgw-rtb-1", List.of("subnet-1a", "subnet-1c")),
                new TransitGatewayAttachmentObservation(NETWORK, at, "tgw-attach-b", "tgw-1", "vpc", "vpc-b",
                        CLIENTS.account(), "available", "tgw-rtb-1", List.of("subnet-b")),
                tgwTable(at, routes));
    }

    private static final TgwRoute TO_STORAGE = new TgwRoute("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-a"));
    private static final TgwRoute TO_CLIENTS = new TgwRoute("10.1.0.0/16", "propagated", "active", List.of("tgw-attach-b"));

    @Test
    void shouldReachAcrossThreeAccountsAndNameTheAccountOfTheHopThatBreaks() {
        storageAccount();
        clientAccount(T0, r("10.1.0.0/16", "local"), r("10.0.0.0/8", "tgw-1"));
        networkAccount(T0, TO_STORAGE, TO_CLIENTS);
        feed(new PollCompleted(STORAGE, minutes(30), "ec2.route-tables", PollCompleted.OK, 2, 10, null));

        assertThat(firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
        assertThat(firing(FindingType.CLIENT_PATH_UNVERIFIED)).isEmpty();

        clientAccount(minutes(31), r("10.1.0.0/16", "local"));
        assertThat(firing(FindingType.CLIENT_PATH_UNREACHABLE)).singleElement().satisfies(f -> {
            assertThat(f.labels()).containsEntry(Labels.CLIENT, "app-b").containsEntry(Labels.ACCOUNT, STORAGE.account());
            assertThat(f.evidence()).containsEntry("failed_hop", "rtb-b");
            assertThat(f.summary()).contains("account " + CLIENTS.account());
        });

        clientAccount(minutes(32), r("10.1.0.0/16", "local"), r("10.0.0.0/8", "tgw-1"));
        assertThat(firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();

        networkAccount(minutes(33), TO_STORAGE);
        assertThat(firing(FindingType.CLIENT_PATH_UNREACHABLE)).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("failed_hop", "tgw-rtb-1")
                    .containsEntry("accounts", String.join(",", STORAGE.account(), CLIENTS.account(), NETWORK.account()));
            assertThat(f.summary()).contains("return path broken").contains("account " + NETWORK.account());
        });
    }

    @Test
    void shouldSayUnverifiedWhenTheClientsAccountIsNeverSeen() {
        networkAccount(T0, TO_STORAGE, TO_CLIENTS);
        storageAccount();
        feed(new PollCompleted(STORAGE, minutes(5), "ec2.route-tables", PollCompleted.OK, 2, 10, null));
        assertThat(firing(FindingType.CLIENT_PATH_UNVERIFIED)).as("within the grace").isEmpty();

        feed(new PollCompleted(STORAGE, minutes(11), "ec2.route-tables", PollCompleted.OK, 2, 10, null));

        assertThat(firing(FindingType.CLIENT_PATH_UNVERIFIED)).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("route table of client subnet subnet-b"));
        assertThat(firing(FindingType.CLIENT_PATH_UNREACHABLE)).isEmpty();
    }

    @Test
    void shouldFindADeclaredFileSystemInAnotherAccountAndReportOneThatIsInNone() {
        DeclaredClient both = new DeclaredClient("both", CLIENTS.account(), REGION, "10.1.0.0/16", Via.TGW, "subnet-b", "vpc-b",
                null, java.util.Set.of(FS, "fs-0123456789abcdef9"));
        ScopeAnalyzer clients = new ScopeAnalyzer(CLIENTS, FailoverPolicy.defaults(), RulePolicy.defaults(), List.of(both),
                List.of(STORAGE, CLIENTS));
        ScopeAnalyzer storage = new ScopeAnalyzer(STORAGE, FailoverPolicy.defaults(), RulePolicy.defaults(), List.of(both),
                List.of(STORAGE, CLIENTS));
        List<ScopeAnalyzer> region = List.of(clients, storage);
        clients.joinRegion(() -> region);
        storage.joinRegion(() -> region);
        ScopeState s = storage.observe(ScopeState.empty(STORAGE), new FileSystemObservation(STORAGE, T0, FS, "OPENZFS",
                "MULTI_AZ_1", "AVAILABLE", "vpc-a", "10.0.255.224/28", List.of(IP), List.of("rtb-1"), List.of("subnet-1a"),
                "subnet-1a", List.of(PREFERRED), 160, null, List.of())).state();
        storage.observe(s, new PollCompleted(STORAGE, minutes(1), DeclaredFileSystems.FILE_SYSTEMS_SOURCE, PollCompleted.OK,
                1, 10, null));
        ScopeState c = clients.observe(ScopeState.empty(CLIENTS), new PollCompleted(CLIENTS, minutes(1),
                DeclaredFileSystems.FILE_SYSTEMS_SOURCE, PollCompleted.OK, 0, 10, null)).state();
        Outcome o = clients.observe(c, new PollCompleted(CLIENTS, minutes(2), DeclaredFileSystems.FILE_SYSTEMS_SOURCE,
                PollCompleted.OK, 0, 10, null));

        List<Finding> missing = new ArrayList<>(o.state().open().values());
        assertThat(missing).filteredOn(f -> f.type() == FindingType.CLIENT_FILE_SYSTEM_NOT_FOUND).singleElement()
                .satisfies(f -> assertThat(f.labels()).containsEntry(Labels.FS_ID, "fs-0123456789abcdef9"));
    }
}
