package io.floatwatch.analyzer.core;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Event;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenZFS case of docs/domain.md section 1 as observations: fs-0abc, Multi-AZ, floating IP
 * 10.0.255.231, preferred ENI eni-0a in subnet-1a, standby eni-0c in subnet-1c, tables rtb-1 and
 * rtb-2. Also drives a {@link ScopeAnalyzer} and keeps everything it emitted.
 */
public final class Fixture {

    public static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");
    public static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    public static final String FS = "fs-0abc";
    public static final String IP = "10.0.255.231";
    public static final String PREFERRED = "eni-0a";
    public static final String STANDBY = "eni-0c";
    public static final String VPC = "vpc-1";

    private final ScopeAnalyzer analyzer;
    private ScopeState state = ScopeState.empty(SCOPE);
    public final List<Event> events = new ArrayList<>();
    public final List<Finding> findings = new ArrayList<>();

    public Fixture() {
        this(FailoverPolicy.defaults());
    }

    public Fixture(FailoverPolicy policy) {
        analyzer = new ScopeAnalyzer(SCOPE, policy);
    }

    public Fixture(RulePolicy rules, DeclaredClient... clients) {
        analyzer = new ScopeAnalyzer(SCOPE, FailoverPolicy.defaults(), rules, List.of(clients));
    }

    public static Instant at(Duration sinceT0) {
        return T0.plus(sinceT0);
    }

    public static Instant minutes(double m) {
        return T0.plusMillis((long) (m * 60_000));
    }

    public static FileSystemObservation fileSystem(Instant at, AdministrativeAction... actions) {
        return new FileSystemObservation(SCOPE, at, FS, "OPENZFS", "MULTI_AZ_1", "AVAILABLE", VPC, "10.0.255.224/28",
                List.of(IP), List.of("rtb-1", "rtb-2"), List.of("subnet-1a", "subnet-1c"), "subnet-1a",
                List.of(PREFERRED, STANDBY), 160, "1:05:00", List.of(actions));
    }

    public static FileSystemObservation singleAz(Instant at) {
        return new FileSystemObservation(SCOPE, at, "fs-0single", "OPENZFS", "SINGLE_AZ_HA_1", "AVAILABLE", VPC, null,
                List.of(), List.of(), List.of("subnet-1a"), "subnet-1a", List.of("eni-0s1", "eni-0s2"), 160, null, List.of());
    }

    public static NetworkInterfaceObservation eni(String id, String subnet, Instant at) {
        return new NetworkInterfaceObservation(SCOPE, at, id, subnet, VPC, "ap-northeast-1" + subnet.charAt(subnet.length() - 1),
                "interface", "ENI for FSx " + FS, List.of());
    }

    public static RouteTableObservation table(String id, Instant at, Route... floating) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("10.0.0.0/16", "local", Route.ACTIVE, "CreateRouteTable"));
        routes.addAll(List.of(floating));
        return new RouteTableObservation(SCOPE, at, id, VPC, id.equals("rtb-1"), List.of(), routes, Map.of());
    }

    public static RouteTableObservation table(String id, String target, Instant at) {
        return table(id, at, route(target));
    }

    public static Route route(String target) {
        return new Route(IP + "/32", target, Route.ACTIVE, "CreateRoute");
    }

    public static PollCompleted poll(Instant at) {
        return new PollCompleted(SCOPE, at, "ec2.route-tables", PollCompleted.OK, 2, 120, null);
    }

    /** A healthy file system at home, seen at T0. */
    public Fixture home() {
        return feed(fileSystem(T0), eni(PREFERRED, "subnet-1a", T0), eni(STANDBY, "subnet-1c", T0),
                table("rtb-1", PREFERRED, T0), table("rtb-2", PREFERRED, T0));
    }

    public Fixture feed(Observation... observations) {
        for (Observation o : observations) {
            record(analyzer.observe(state, o));
        }
        return this;
    }

    public Fixture delete(String resourceId) {
        record(analyzer.delete(state, resourceId));
        return this;
    }

    /** Forgets what was emitted so far, so a test asserts only on what comes next. */
    public Fixture clear() {
        events.clear();
        findings.clear();
        return this;
    }

    private void record(Outcome outcome) {
        state = outcome.state();
        events.addAll(outcome.events());
        findings.addAll(outcome.findings());
    }

    public ScopeState state() {
        return state;
    }

    public void restore(ScopeState restored) {
        state = restored;
    }

    public ScopeAnalyzer analyzer() {
        return analyzer;
    }

    public List<Event> events(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    /** The latest version of each finding emitted so far, by id, firing ones only. */
    public java.util.Map<String, Finding> firing() {
        java.util.Map<String, Finding> latest = new java.util.TreeMap<>();
        findings.forEach(x -> latest.put(x.id(), x));
        latest.values().removeIf(x -> !x.firing());
        return latest;
    }

    public List<Finding> firing(FindingType type) {
        return firing().values().stream().filter(x -> x.type() == type).toList();
    }

    public List<Finding> findings(FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }

    public List<EventType> eventTypes() {
        return events.stream().map(Event::type).filter(t -> t != EventType.ROUTE_TARGET).toList();
    }
}
