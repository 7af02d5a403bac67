package io.floatwatch.analyzer.core;

import io.floatwatch.analyzer.core.failover.CycleFindings;
import io.floatwatch.analyzer.core.failover.FailoverFindings;
import io.floatwatch.analyzer.core.failover.FailoverMachine;
import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.failover.FloatingRoutes;
import io.floatwatch.analyzer.core.failover.Lifecycle;
import io.floatwatch.analyzer.core.failover.OrphanRoutes;
import io.floatwatch.analyzer.core.failover.PlannedCause;
import io.floatwatch.analyzer.core.failover.Role;
import io.floatwatch.analyzer.core.failover.RouteCheck;
import io.floatwatch.analyzer.core.failover.RouteFindings;
import io.floatwatch.analyzer.core.failover.RouteSighting;
import io.floatwatch.analyzer.core.failover.StalledFailover;
import io.floatwatch.analyzer.core.findings.FindingLedger;
import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.incremental.Deadlines;
import io.floatwatch.analyzer.core.incremental.Dependencies;
import io.floatwatch.analyzer.core.incremental.Schedule;
import io.floatwatch.analyzer.core.incremental.Units;
import io.floatwatch.analyzer.core.path.ClientPath;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.PathFindings;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.probe.ClientOutages;
import io.floatwatch.analyzer.core.probe.ProbeWindow;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.analyzer.core.sources.SourceCadence;
import io.floatwatch.analyzer.core.sources.StartGate;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.state.StateDraft;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.ProbeObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.SameContent;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 *
 * <p>The rules are judged in pieces ({@link Units}): one file system's failover, one client's paths
 * to one file system, one VPN connection, and so on. An observation re-judges only the pieces that
 * read what it changed ({@link Dependencies}) or whose deadline it passed ({@link Schedule}); the
 * others would judge exactly as before. The first observation after a state this analyzer did not
 * return (a restart) judges every piece, which is always right, only slower.
 */
public final class ScopeAnalyzer {

    private final RegionModel model;
    private final FailoverPolicy policy;
    private final RulePolicy rules;
    private final ScopeRules scopeRules;
    private final Dependencies dependencies = new Dependencies();
    private final Schedule schedule = new Schedule();
    /** Open scope-wide finding ids per piece, of the state this analyzer last returned. */
    private final Map<String, Set<String>> openByUnit = new HashMap<>();
    /** Declared clients by the subnet they sit in: a subnet moving VPC changes which paths they have. */
    private final Map<String, List<String>> clientsBySubnet = new HashMap<>();
    /** The state this analyzer last returned; the indexes above describe it while {@link #indexed}. */
    private ScopeState lastReturned;
    private boolean indexed;
    /** For tests: judge every piece on every observation that is not a mere clock tick. */
    private boolean judgeEverything;
    private Set<String> lastChanges = Set.of();
    /** Accounts of the region whose changes reached this scope; the first one from an account re-judges all. */
    private final Set<String> accountsSeen = new java.util.HashSet<>();
    /** Pieces wait for the sources they need to complete a poll ({@link StartGate}); off for tests that send no markers. */
    private boolean startGate;

    public ScopeAnalyzer(Scope scope, FailoverPolicy policy) {
        this(scope, policy, RulePolicy.defaults(), List.of());
    }

    /**
     * @param rules   thresholds of the failback, maintenance, staleness, flapping and telemetry rules
     * @param clients declared clients; those of other accounts or regions are ignored here
     */
    public ScopeAnalyzer(Scope scope, FailoverPolicy policy, RulePolicy rules, List<DeclaredClient> clients) {
        this(scope, policy, rules, clients, List.of());
    }

    /** @param watched every scope the collectors watch; empty when unknown (this scope's region then has one account) */
    public ScopeAnalyzer(Scope scope, FailoverPolicy policy, RulePolicy rules, List<DeclaredClient> clients,
            List<Scope> watched) {
        this.model = new RegionModel(scope);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.scopeRules = new ScopeRules(scope, model, rules, clients, watched);
        for (DeclaredClient c : scopeRules.clients()) {
            if (c.subnetId() != null && c.via() == Via.SAME_VPC && c.vpcId() == null) {
                clientsBySubnet.computeIfAbsent(c.subnetId(), s -> new ArrayList<>()).add(c.name());
            }
        }
    }

    public Scope scope() {
        return model.scope();
    }

    public RegionModel model() {
        return model;
    }

    public void judgeEverything(boolean everything) {
        this.judgeEverything = everything;
    }

    /**
     * Lets this scope's path pieces see the other accounts of its region: {@code siblings} gives the analyzers
     * of the region's other scopes, as the runtime holds them (one partition carries a whole region).
     */
    public void joinRegion(java.util.function.Supplier<Collection<ScopeAnalyzer>> siblings) {
        scopeRules.joinRegion(() -> siblings.get().stream().filter(a -> a != this).map(a -> a.model).toList());
    }

    /** The model keys the last judgement found changed: what the region's other scopes may have read. */
    public Set<String> lastChanges() {
        return lastChanges;
    }

    /**
     * Judges again the pieces that read what {@code account}'s model just changed ({@code keys}, that scope's
     * {@link #lastChanges}), at this scope's own clock: a path crossing accounts follows a route change made
     * in another account.
     */
    public Outcome foreignChanged(ScopeState state, String account, Set<String> keys) {
        requireScope(state);
        if (state.clock() == null || keys.isEmpty() || !scopeRules.crossesAccounts()) {
            return new Outcome(state, List.of(), List.of());
        }
        Set<String> foreign = new TreeSet<>();
        for (String key : keys) {
            foreign.add(RegionView.foreignKey(account, key));
        }
        Set<String> units = new TreeSet<>();
        // An account seen for the first time (its analyzer just joined the region): nothing here read it yet.
        boolean newAccount = accountsSeen.add(account);
        if (judgeEverything) {
            return remember(judge(state, true, units, state.clock()));
        }
        if (current(state) && !newAccount) {
            dependencies.readersOf(foreign, units);
            if (units.isEmpty()) {
                return new Outcome(state, List.of(), List.of());
            }
        }
        // A file system or client of this scope the other account's change may concern for the first time.
        return remember(judge(state, !current(state) || newAccount, units, state.clock()));
    }

    /**
     * Holds path verdicts, coverage and endpoint-range lint, propagation, orphaned and floating-route findings
     * until each source they need has completed one poll of the scope ({@link StartGate}), so a start with empty
     * state pages nothing from a half-seen picture. The runtime turns it on; tests that feed no poll markers
     * leave it off.
     */
    public ScopeAnalyzer gateOnFirstPolls(boolean on) {
        this.startGate = on;
        scopeRules.gateOnFirstPolls(on);
        indexed = false;
        return this;
    }

    /**
     * Every declared client's path to every endpoint it uses, walked on the model as it is now with {@code state}
     * (the one this analyzer last returned): the reachable paths too, which the findings never name.
     */
    public List<ClientPath> clientPaths(ScopeState state) {
        requireScope(state);
        return scopeRules.walkAll(state);
    }

    /** Adds a stored observation to the model without evaluating it: rebuilding after a restart. */
    public void load(Observation observation) {
        model.put(observation);
        indexed = false;
    }

    /** Applies one observation of this scope. */
    public Outcome observe(ScopeState state, Observation observation) {
        requireScope(state);
        lastChanges = Set.of();
        if (!scope().equals(observation.scope())) {
            throw new IllegalArgumentException("observation of " + observation.scope() + " fed to the analyzer of " + scope());
        }
        Instant at = state.clock() == null || observation.observedAt().isAfter(state.clock())
                ? observation.observedAt() : state.clock();
        // A poll marker's time is its content (staleness is judged on it), so it is never a mere tick.
        // A probe's heartbeat is its freshness, so it must reach the model too (which then changes nothing).
        if (current(state) && state.clock() != null && !(observation instanceof PollCompleted)
                && !(observation instanceof ProbeObservation)
                && SameContent.of(model.held(observation), observation)
                && !schedule.due(at) && !decidesCause(state, observation)) {
            // Nothing new and no deadline reached: the rules would return what they returned last time.
            return remember(new Outcome(at.equals(state.clock()) ? state : state.withClock(at), List.of(), List.of()));
        }
        boolean everything = !current(state);
        Event outage = null;
        if (observation instanceof ProbeObservation probe && probe.complete()) {
            outage = ClientOutages.ended(scope(), probe, (ProbeObservation) model.held(probe),
                    state.fileSystems().get(probe.fileSystemId()), rules.probeGrace());
        }
        model.put(observation);
        Outcome judged = judge(state.withClock(at), everything, explicitUnits(observation), at);
        if (outage != null) {
            List<Event> events = new ArrayList<>(judged.events());
            events.add(outage);
            judged = new Outcome(judged.state(), events, judged.findings(), judged.changes());
        }
        return remember(judged);
    }

    /**
     * Whether the region model holds this very observation. False after {@link #observe} took it for
     * a clock tick (same content as the one held, no deadline reached, nothing to decide): the model
     * then keeps the one it held, observedAt included, and a store of what the model was given need
     * not write it.
     */
    public boolean holds(Observation observation) {
        return model.held(observation) == observation;
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
        lastChanges = Set.of();
        boolean everything = !current(state);
        // The pieces it concerns follow from the kind of what was deleted, so look before forgetting.
        Observation gone = model.held(resourceId);
        model.remove(resourceId, state.clock());
        if (state.clock() == null) {
            model.takeChanges();
            indexed = false;
            return remember(new Outcome(state, List.of(), List.of()));
        }
        return remember(judge(state, everything, explicitUnits(gone), state.clock()));
    }

    private boolean current(ScopeState state) {
        return indexed && state == lastReturned;
    }

    private Outcome remember(Outcome outcome) {
        lastReturned = outcome.state();
        return outcome;
    }

    private void requireScope(ScopeState state) {
        if (!scope().equals(state.scope())) {
            throw new IllegalArgumentException("state of " + state.scope() + " fed to the analyzer of " + scope());
        }
    }

    /**
     * Pieces a change of this observation (or the deletion of the resource it describes) concerns that may have
     * read nothing of it yet: a new file system's pieces (an SVM brings the endpoints clients mount, so its file
     * system's paths may exist only from now on), a new connection's, a table's orphan routes, the paths of
     * clients in a subnet or behind a probe, the staleness piece. By the observation's kind; null names none.
     */
    private Set<String> explicitUnits(Observation o) {
        Set<String> units = new TreeSet<>();
        if (o instanceof PollCompleted) {
            units.add(Units.STALENESS);
            scopeRules.declaringClients().forEach(c -> units.add(Units.declared(c)));
        } else if (o instanceof FileSystemObservation fs) {
            fileSystemUnits(fs.fileSystemId(), units);
        } else if (o instanceof io.floatwatch.model.observation.StorageVirtualMachineObservation svm
                && svm.fileSystemId() != null) {
            fileSystemUnits(svm.fileSystemId(), units);
        } else if (o instanceof VpnConnectionObservation vpn) {
            units.add(Units.vpn(vpn.vpnConnectionId()));
            units.add(Units.propagation(vpn.vpnConnectionId()));
        } else if (o instanceof io.floatwatch.model.observation.RouteTableObservation t) {
            units.add(Units.orphan(t.routeTableId()));
        } else if (o instanceof ProbeObservation p) {
            // The client's paths to that file system compare with it.
            if (scopeRules.clients().stream().anyMatch(c -> c.name().equals(p.client()))) {
                units.add(Units.path(p.fileSystemId(), p.client()));
            }
        } else if (o instanceof SubnetObservation sn) {
            for (String client : clientsBySubnet.getOrDefault(sn.subnetId(), List.of())) {
                for (String fsId : model.fileSystemIds()) {
                    units.add(Units.path(fsId, client));
                }
            }
        }
        return units;
    }

    private void fileSystemUnits(String fsId, Set<String> units) {
        scopeRules.declaringClients().forEach(c -> units.add(Units.declared(c)));
        units.add(Units.fileSystem(fsId));
        units.add(Units.lint(fsId));
        for (DeclaredClient c : scopeRules.clientsOf(fsId)) {
            units.add(Units.path(fsId, c.name()));
        }
    }

    /** Every piece there is, or that has something open or remembered: what a judgement of everything covers. */
    private Set<String> allUnits(ScopeState state) {
        Set<String> units = new TreeSet<>();
        units.add(Units.STALENESS);
        scopeRules.declaringClients().forEach(c -> units.add(Units.declared(c)));
        for (String fsId : model.fileSystemIds()) {
            units.add(Units.fileSystem(fsId));
            units.add(Units.lint(fsId));
            FileSystemObservation fs = model.fileSystem(fsId).orElseThrow();
            for (DeclaredClient c : scopeRules.clientsOf(fsId)) {
                if (PathFindings.judged(model, scope(), c, fs)) {
                    units.add(Units.path(fsId, c.name()));
                }
            }
        }
        for (String vpnId : model.vpnConnectionIds()) {
            units.add(Units.vpn(vpnId));
            units.add(Units.propagation(vpnId));
        }
        for (String tableId : model.routeTableIds()) {
            if (model.routeTable(tableId).filter(OrphanRoutes::watches).isPresent()) {
                units.add(Units.orphan(tableId));
            }
        }
        state.fileSystems().keySet().forEach(fsId -> units.add(Units.fileSystem(fsId)));
        state.open().values().forEach(f -> units.add(Units.of(f)));
        state.paths().keySet().forEach(key -> units.add(Units.ofPathMemory(key)));
        return units;
    }

    /**
     * Judges the pieces concerned at {@code at}: those named, those reading what the model changed, those
     * whose deadline passed; every piece when the indexes do not describe {@code state}.
     */
    private Outcome judge(ScopeState state, boolean everythingNeeded, Set<String> named, Instant at) {
        Set<String> changes = model.takeChanges();
        lastChanges = changes;
        boolean everything = everythingNeeded || judgeEverything;
        indexed = false;
        Set<String> units = new TreeSet<>(named);
        if (everything) {
            dependencies.clear();
            schedule.clear();
            scopeRules.reset();
            openByUnit.clear();
            for (Finding f : state.open().values()) {
                openByUnit.computeIfAbsent(Units.of(f), u -> new TreeSet<>()).add(f.id());
            }
            units.addAll(allUnits(state));
        } else {
            dependencies.readersOf(changes, units);
            schedule.takeDue(at, units);
        }
        StateDraft draft = new StateDraft(state, at, everything);
        List<Event> events = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<String> judgedBefore = state.fileSystems().keySet();
        List<Finding> scopeWide = new ArrayList<>();
        Set<String> derived = new java.util.HashSet<>();
        // Staleness first: it learns which sources completed a poll, which may open the start gate of any piece.
        if (units.remove(Units.STALENESS)) {
            judgeScopeWide(Units.STALENESS, draft, at, judgedBefore, derived, scopeWide);
            dependencies.readersOf(derived, units);
            units.remove(Units.STALENESS);
        }
        for (String unit : units) {
            if (unit.startsWith(Units.FS)) {
                judgeFileSystem(Units.id(unit), draft, at, events, findings);
            }
        }
        if (!everything) {
            // A file system's move that stalls (or stops being stalled) cuts off, or frees, the clients behind
            // the tables it left behind: their path pieces read this key.
            Set<String> stallChanges = new TreeSet<>();
            for (String unit : units) {
                if (unit.startsWith(Units.FS)) {
                    String fsId = Units.id(unit);
                    if (!java.util.Objects.equals(StalledFailover.of(state.fileSystems().get(fsId)),
                            StalledFailover.of(draft.fileSystems().get(fsId)))) {
                        stallChanges.add(StalledFailover.key(fsId));
                    }
                    // A move starting or settling turns failing probes into outage measurement, or back.
                    if (ProbeWindow.changed(state.fileSystems().get(fsId), draft.fileSystems().get(fsId))) {
                        stallChanges.add(ProbeWindow.key(fsId));
                    }
                }
            }
            dependencies.readersOf(stallChanges, units);
        }
        for (String unit : units) {
            if (!unit.startsWith(Units.FS)) {
                judgeScopeWide(unit, draft, at, judgedBefore, derived, scopeWide);
            }
        }
        findings.addAll(ScopeRules.inPublishingOrder(scopeWide));
        indexed = true;
        return new Outcome(draft.build(), events, findings, draft.changes());
    }

    private void judgeFileSystem(String fsId, StateDraft draft, Instant at, List<Event> events, List<Finding> findings) {
        String unit = Units.fileSystem(fsId);
        Set<String> reads = new java.util.HashSet<>();
        model.recordReads(reads);
        FileSystemState next;
        try {
            Optional<FileSystemObservation> fs = model.fileSystem(fsId).filter(Lifecycle::floats);
            FileSystemState prev = draft.fileSystems().get(fsId);
            if (fs.isEmpty()) {
                // Gone, or not (or no longer) Multi-AZ: nothing floats, so every open finding ends here.
                if (prev != null) {
                    findings.addAll(FindingLedger.reconcile(prev.open(), Map.of(), at,
                            f -> fsId + " no longer exists, has no floating IPs or is being deleted; finding closed").emitted());
                    draft.fileSystems().remove(fsId);
                }
                next = null;
            } else {
                next = evaluate(fs.get(), prev == null ? FileSystemState.unseen() : prev, at, events, findings,
                        draft.sources()::get);
                draft.fileSystems().put(fsId, next);
            }
        } finally {
            model.recordReads(null);
        }
        if (next == null) {
            dependencies.forget(unit);
        } else {
            dependencies.set(unit, reads);
        }
        schedule.set(unit, Deadlines.forFileSystem(next, at, policy, rules));
    }

    private void judgeScopeWide(String unit, StateDraft draft, Instant at, Set<String> judgedBefore, Set<String> derived,
            List<Finding> emitted) {
        Set<String> reads = new java.util.HashSet<>();
        model.recordReads(reads);
        ScopeRules.Judged judged;
        try {
            if (startGate && !StartGate.missing(scopeRules.needs(unit), draft.sources()::get, model).isEmpty()) {
                // Held: a source it needs has not completed a poll yet. Nothing opens, nothing open closes.
                finishScopeWide(unit, reads, null);
                return;
            }
            judged = scopeRules.judge(unit, draft, at, judgedBefore, derived);
        } finally {
            model.recordReads(null);
        }
        Set<String> openIds = openByUnit.getOrDefault(unit, Set.of());
        if (openIds.isEmpty() && judged.desired().isEmpty()) {
            // Nothing open and nothing wanted, by far the common case: no ledger to reconcile.
            finishScopeWide(unit, reads, judged.deadline());
            return;
        }
        Map<String, Finding> open = new TreeMap<>();
        for (String id : openIds) {
            open.put(id, draft.open().get(id));
        }
        FindingLedger.Reconciled reconciled = FindingLedger.reconcile(open, judged.desired(), at, judged.closing());
        for (Finding f : reconciled.emitted()) {
            if (!Units.of(f).equals(unit)) {
                throw new IllegalStateException(unit + " produced " + f.id() + ", which belongs to " + Units.of(f));
            }
            if (f.status() == io.floatwatch.model.finding.FindingStatus.RESOLVED) {
                draft.open().remove(f.id());
            } else {
                draft.open().put(f.id(), f);
            }
        }
        if (!reconciled.emitted().isEmpty()) {
            if (reconciled.open().isEmpty()) {
                openByUnit.remove(unit);
            } else {
                openByUnit.put(unit, new TreeSet<>(reconciled.open().keySet()));
            }
        }
        emitted.addAll(reconciled.emitted());
        finishScopeWide(unit, reads, judged.deadline());
    }

    /** Remembers what a piece read and when it must be judged again; a path nobody has is forgotten. */
    private void finishScopeWide(String unit, Set<String> reads, Instant deadline) {
        boolean keep = unit.startsWith(Units.PATH) ? scopeRules.pathExists(unit) || openByUnit.containsKey(unit)
                : !unit.startsWith(Units.ORPHAN) || openByUnit.containsKey(unit)
                        || model.routeTable(Units.id(unit)).filter(OrphanRoutes::watches).isPresent();
        if (keep) {
            dependencies.set(unit, reads);
        } else {
            dependencies.forget(unit);
        }
        schedule.set(unit, deadline);
    }

    private FileSystemState evaluate(FileSystemObservation fs, FileSystemState prev, Instant at, List<Event> events,
            List<Finding> findings, java.util.function.Function<String, SourceCadence> draftSources) {
        FloatingRoutes routes = FloatingRoutes.assess(fs, model);
        FileSystemState s = prev.withRoutes(routeTargets(routes, prev.routes(), at, events));

        FailoverMachine.Step step = FailoverMachine.step(scope(), s, routes, at,
                () -> PlannedCause.atStart(fs, model, at, rules), PlannedCause.later(fs));
        s = step.state();
        for (Event e : step.events()) {
            events.add(withOutages(e, prev, s, fs.fileSystemId()));
        }

        Map<String, Finding> desired = new HashMap<>();
        if (!startGate || StartGate.missing(StartGate.floatingRoutes(), draftSources, model).isEmpty()) {
            desired.putAll(RouteFindings.desired(scope(), routes, at));
            // A table awaiting a re-read (ConsistentReads) is not judged now: what is open about it stays open.
            prev.open().values().stream().filter(f -> RouteFindings.owns(f)
                    && routes.heldTables().contains(f.labels().get(Labels.ROUTE_TABLE_ID))).forEach(f -> desired.putIfAbsent(f.id(), f));
        } else {
            // Held until the file systems and route tables completed a poll: keep what is open, open nothing.
            prev.open().values().stream().filter(f -> !ScopeRules.scopeWide(f.type()) && RouteFindings.owns(f))
                    .forEach(f -> desired.put(f.id(), f));
        }
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

    /** A move's closing event with the outages the clients' probes measured during the move. */
    private Event withOutages(Event e, FileSystemState before, FileSystemState after, String fsId) {
        Instant moveStart;
        if (e.type() == EventType.FAILOVER_CONVERGED) {
            moveStart = after.failoverStartedAt();
        } else if (e.type() == EventType.FAILBACK_COMPLETED) {
            moveStart = after.endedCycleFrom();
        } else {
            return e;
        }
        List<ProbeObservation> probes = model.probesOfFileSystem(fsId);
        return probes.isEmpty() ? e : ClientOutages.attach(e, ClientOutages.ofMove(probes, moveStart, e.at(), rules.probeGrace()), probes);
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
            if (!now.containsKey(gone.getKey()) && routes.heldTables().contains(gone.getKey().split(" ", 2)[0])) {
                now.put(gone.getKey(), gone.getValue()); // awaiting a re-read: what was reported stands
                continue;
            }
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
