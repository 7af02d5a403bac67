package io.floatwatch.analyzer.core;

import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rules for one scope: feed it each observation or deletion in order, with the scope's
 * last state, and it returns the next state with the events and finding versions to publish.
 *
 * <p>The region model inside is a cache of the latest observations ({@link #load} rebuilds it
 * without judging anything); the {@link ScopeState} is passed in and returned so the caller
 * decides where it lives. Nothing here reads a clock: time is the observations' observedAt.
 */
public final class ScopeAnalyzer {

    private final RegionModel model;
    private final FailoverPolicy policy;
    private final RulePolicy rules;
    private final List<DeclaredClient> clients;
    /** The state this analyzer last returned, and when a time-based rule next needs a full evaluation. */
    private ScopeState lastReturned;
    private Instant nextDeadline;

    public ScopeAnalyzer(Scope scope, FailoverPolicy policy) {
        this(scope, policy, RulePolicy.defaults(), List.of());
    }

    /**
     * @param rules   thresholds of the failback, maintenance, staleness, flapping and telemetry rules
     * @param clients declared clients; those of other accounts or regions are ignored here
     */
    public ScopeAnalyzer(Scope scope, FailoverPolicy policy, RulePolicy rules, List<DeclaredClient> clients) {
        this.model = new RegionModel(scope);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clients = List.copyOf(clients);
    }

    public Scope scope() {
        return model.scope();
    }

    public RegionModel model() {
        return model;
    }

    /** Adds a stored observation to the model without evaluating it: rebuilding after a restart. */
    public void load(Observation observation) {
        model.put(observation);
    }

    /** Applies one observation of this scope. */
    public Outcome observe(ScopeState state, Observation observation) {
        requireScope(state);
        if (!scope().equals(observation.scope())) {
            throw new IllegalArgumentException("observation of " + observation.scope() + " fed to the analyzer of " + scope());
        }
        Instant at = state.clock() == null || observation.observedAt().isAfter(state.clock())
                ? observation.observedAt() : state.clock();
        if (state == lastReturned && state.clock() != null && SameContent.of(model.held(observation), observation)
                && (nextDeadline == null || at.isBefore(nextDeadline)) && !decidesCause(state, observation)) {
            // Nothing new and no deadline reached: the rules would return what they returned last time.
            return remember(new Outcome(at.equals(state.clock()) ? state : state.withClock(at), List.of(), List.of()), false);
        }
        Set<String> affected = affectedBy(state, observation.resourceId());
        model.put(observation);
        affected.addAll(affectedBy(state, observation.resourceId()));
        return remember(evaluate(state.withClock(at), affected, at, new Trigger(observation)), true);
    }

    /**
     * An FSx observation newer than the start of a failover still waiting for its cause settles it even
     * when nothing in it changed (no action in progress is the news), so it must reach the model and the rules.
     */
    private static boolean decidesCause(ScopeState state, Observation observation) {
        if (!(observation instanceof FileSystemObservation fs)) {
            return false;
        }
        FileSystemState s = state.fileSystems().get(fs.fileSystemId());
        return s != null && CycleFindings.awaitingCause(s) && fs.observedAt().isAfter(s.failoverStartedAt());
    }

    /**
     * Applies a deletion (tombstone). A tombstone carries no observedAt, so the deletion is judged
     * at the scope's current event time; that keeps replays identical.
     */
    public Outcome delete(ScopeState state, String resourceId) {
        requireScope(state);
        Set<String> affected = affectedBy(state, resourceId);
        model.remove(resourceId);
        if (state.clock() == null) {
            return remember(new Outcome(state, List.of(), List.of()), true);
        }
        return remember(evaluate(state, affected, state.clock(), Trigger.everything()), true);
    }

    private Outcome remember(Outcome outcome, boolean judged) {
        if (judged) {
            ScopeState s = outcome.state();
            nextDeadline = s.clock() == null ? null : Deadlines.next(s, model, s.clock(), policy, rules);
        }
        lastReturned = outcome.state();
        return outcome;
    }

    private void requireScope(ScopeState state) {
        if (!scope().equals(state.scope())) {
            throw new IllegalArgumentException("state of " + state.scope() + " fed to the analyzer of " + scope());
        }
    }

    /** File systems whose verdict may change when this resource changes. */
    private Set<String> affectedBy(ScopeState state, String resourceId) {
        Set<String> affected = new TreeSet<>();
        if (state.fileSystems().containsKey(resourceId) || model.fileSystem(resourceId).isPresent()) {
            affected.add(resourceId);
        }
        Optional<RouteTableObservation> table = model.routeTable(resourceId);
        for (FileSystemObservation fs : model.fileSystems()) {
            if (fs.routeTableIds().contains(resourceId) || fs.networkInterfaceIds().contains(resourceId)) {
                affected.add(fs.fileSystemId());
            } else if (table.isPresent()) {
                for (Route route : table.get().routes()) {
                    if (route.isHostRoute() && fs.floatingIps().contains(route.hostAddress())) {
                        affected.add(fs.fileSystemId());
                    }
                }
            }
        }
        state.fileSystems().forEach((fsId, fsState) -> {
            // Remembered routes in this table (or to this ENI), so a route that vanished or whose target was
            // deleted is noticed; and every cycle away from home, because each observation advances event
            // time towards a stall or failback deadline.
            if (fsState.routes().keySet().stream().anyMatch(k -> k.startsWith(resourceId + " "))
                    || fsState.routes().values().stream().anyMatch(r -> resourceId.equals(r.targetId()))
                    || (fsState.phase() != null && fsState.phase() != Phase.HOME)) {
                affected.add(fsId);
            }
        });
        return affected;
    }

    private Outcome evaluate(ScopeState state, Set<String> fileSystemIds, Instant at, Trigger trigger) {
        Map<String, FileSystemState> states = new TreeMap<>(state.fileSystems());
        List<Event> events = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (String fsId : fileSystemIds) {
            Optional<FileSystemObservation> fs = model.fileSystem(fsId)
                    .filter(f -> f.multiAz() && !f.floatingIps().isEmpty());
            FileSystemState prev = states.get(fsId);
            if (fs.isEmpty()) {
                // Gone, or not (or no longer) Multi-AZ: nothing floats, so every open finding ends here.
                if (prev != null) {
                    findings.addAll(FindingLedger.reconcile(prev.open(), Map.of(), at,
                            f -> fsId + " no longer exists or has no floating IPs; finding closed").emitted());
                    states.remove(fsId);
                }
                continue;
            }
            FileSystemState next = evaluate(fs.get(), prev == null ? FileSystemState.unseen() : prev, at, events, findings);
            states.put(fsId, next);
        }
        ScopeRules.Result scopeWide = ScopeRules.apply(scope(), model, state.withClockAndFileSystems(at, states), at,
                rules, clients, trigger, state.fileSystems().keySet());
        findings.addAll(scopeWide.emitted());
        return new Outcome(scopeWide.state(), events, findings);
    }

    private FileSystemState evaluate(FileSystemObservation fs, FileSystemState prev, Instant at, List<Event> events,
            List<Finding> findings) {
        FloatingRoutes routes = FloatingRoutes.assess(fs, model);
        FileSystemState s = prev.withRoutes(routeTargets(routes, prev.routes(), at, events));

        FailoverMachine.Step step = FailoverMachine.step(scope(), s, routes, at,
                PlannedCause.atStart(fs, model, at, rules), PlannedCause.later(fs));
        s = step.state();
        events.addAll(step.events());

        Map<String, Finding> desired = new HashMap<>(RouteFindings.desired(scope(), routes, at));
        Finding failedOver = FailoverFindings.failedOver(scope(), s, routes, at);
        if (failedOver != null) {
            desired.put(failedOver.id(), failedOver);
        }
        Finding stalled = FailoverFindings.stalled(scope(), s, routes, at, policy);
        if (stalled != null) {
            desired.put(stalled.id(), stalled);
        }
        for (Finding f : new Finding[] {CycleFindings.unplanned(scope(), s, routes, at, rules),
                CycleFindings.failbackOverdue(scope(), s, routes, at, rules)}) {
            if (f != null) {
                desired.put(f.id(), f);
            }
        }
        FileSystemState cycle = s;
        Function<Finding, String> closing = open -> {
            if (open.type() == FindingType.FSX_FAILED_OVER) {
                return step.closing() != null ? step.closing() : fs.fileSystemId() + " is no longer failed over";
            }
            if (open.type() == FindingType.FSX_FAILOVER_STALLED) {
                return FailoverFindings.stallClosing(fs.fileSystemId(), cycle);
            }
            if (open.type() == FindingType.FSX_UNPLANNED_FAILOVER || open.type() == FindingType.FSX_FAILBACK_OVERDUE) {
                return CycleFindings.closing(open, cycle, fs.fileSystemId());
            }
            return RouteFindings.closing(open, routes);
        };
        FindingLedger.Reconciled reconciled = FindingLedger.reconcile(s.open(), desired, at, closing);
        findings.addAll(reconciled.emitted());
        return s.withOpen(reconciled.open());
    }

    /** ROUTE_TARGET events for routes seen for the first time, changed, or gone; returns what to remember. */
    private Map<String, RouteSighting> routeTargets(FloatingRoutes routes, Map<String, RouteSighting> before, Instant at,
            List<Event> events) {
        String fsId = routes.fileSystem().fileSystemId();
        Map<String, RouteSighting> now = new TreeMap<>();
        for (RouteCheck c : routes.checks()) {
            RouteSighting sighting = c.targetId() == null
                    ? new RouteSighting(RouteSighting.NONE, Role.UNKNOWN.label(), null)
                    : new RouteSighting(c.targetId(), c.role().label(), c.routeState());
            now.put(c.key(), sighting);
            if (!sighting.equals(before.get(c.key()))) {
                events.add(routeTarget(fsId, c.routeTableId(), c.floatingIp(), sighting, routes, at));
            }
        }
        for (Map.Entry<String, RouteSighting> gone : new TreeMap<>(before).entrySet()) {
            if (!now.containsKey(gone.getKey()) && !RouteSighting.NONE.equals(gone.getValue().targetId())) {
                String[] tableAndIp = gone.getKey().split(" ", 2);
                events.add(routeTarget(fsId, tableAndIp[0], tableAndIp[1],
                        new RouteSighting(RouteSighting.NONE, Role.UNKNOWN.label(), null), routes, at));
            }
        }
        return now;
    }

    private Event routeTarget(String fsId, String tableId, String ip, RouteSighting sighting, FloatingRoutes routes,
            Instant at) {
        Map<String, String> labels = Subjects.routeLabels(scope(), fsId, tableId, ip);
        labels.put(Labels.ENI_ID, sighting.targetId());
        labels.put(Labels.ROLE, sighting.role());
        String message;
        if (RouteSighting.NONE.equals(sighting.targetId())) {
            message = tableId + " has no route for " + ip + " of " + fsId;
        } else {
            String where = Role.UNKNOWN.label().equals(sighting.role()) ? sighting.targetId()
                    : sighting.role() + " " + routes.describe(sighting.targetId());
            message = tableId + " routes " + ip + " of " + fsId + " to " + where
                    + (Route.BLACKHOLE.equals(sighting.state()) ? " (blackhole)" : "");
        }
        return new Event(EventType.ROUTE_TARGET, Subjects.fileSystem(scope(), fsId), labels, at, null, message);
    }
}
