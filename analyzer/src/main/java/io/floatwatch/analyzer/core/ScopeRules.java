package io.floatwatch.analyzer.core;

import io.floatwatch.analyzer.core.failover.Lifecycle;
import io.floatwatch.analyzer.core.failover.OrphanRoutes;
import io.floatwatch.analyzer.core.failover.StalledFailover;
import io.floatwatch.analyzer.core.firewall.EndpointPortFindings;
import io.floatwatch.analyzer.core.incremental.Deadlines;
import io.floatwatch.analyzer.core.incremental.Units;
import io.floatwatch.analyzer.core.lint.CoverageLint;
import io.floatwatch.analyzer.core.lint.EndpointRangeLint;
import io.floatwatch.analyzer.core.path.ClientPath;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.DeclaredFileSystems;
import io.floatwatch.analyzer.core.path.Endpoint;
import io.floatwatch.analyzer.core.path.FileSystemEndpoints;
import io.floatwatch.analyzer.core.path.PathEvaluator;
import io.floatwatch.analyzer.core.path.PathFindings;
import io.floatwatch.analyzer.core.path.PathResult;
import io.floatwatch.analyzer.core.path.PathVerdict;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.probe.ProbeCorrelation;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.analyzer.core.sources.AccessFindings;
import io.floatwatch.analyzer.core.sources.SourceCadence;
import io.floatwatch.analyzer.core.sources.SourceStaleness;
import io.floatwatch.analyzer.core.sources.StartGate;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.state.StateDraft;
import io.floatwatch.analyzer.core.vpn.TunnelFlapping;
import io.floatwatch.analyzer.core.vpn.TunnelMemory;
import io.floatwatch.analyzer.core.vpn.TunnelTelemetry;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.analyzer.core.vpn.VpnPropagation;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scope-wide rules, one piece ({@link Units}) at a time: VPN and BGP health, tunnel telemetry
 * and flapping of one connection; route propagation of one connection; coverage and endpoint-range
 * lint of one file system; one client's paths to one file system; source staleness. Each piece is
 * reconciled with the findings it has open, so judging one never touches another's.
 */
final class ScopeRules {

    /** The key a piece reads when it uses a source's learned cadence; changed when the cadence does. */
    static String cadenceKey(String source) {
        return "cadence:" + source;
    }

    private final Scope scope;
    private final RegionModel model;
    private final RulePolicy policy;
    /** The declared clients of this scope, by name. */
    private final Map<String, DeclaredClient> clients = new TreeMap<>();
    private final List<DeclaredClient> here;
    /** The watched scopes of this scope's region: a file system missing from all of them is missing. */
    private final List<Scope> watchedInRegion;
    /** The models of the other accounts of the region, when the runtime holds them together; null alone. */
    private java.util.function.Supplier<Collection<RegionModel>> neighbours;
    /** Clients that list the file system, by file system id; clients listing none mount them all. */
    private final Map<String, List<DeclaredClient>> mounting = new HashMap<>();
    private final List<DeclaredClient> mountingAll;
    /** Whether port findings wait for the security-group and ACL sources' first polls ({@link StartGate}). */
    private boolean gated;
    /** Tunnel outside IPs each connection last wrote memory for, so one that loses a tunnel forgets it. */
    private final Map<String, Set<String>> tunnelsOf = new HashMap<>();

    ScopeRules(Scope scope, RegionModel model, RulePolicy policy, List<DeclaredClient> declared) {
        this(scope, model, policy, declared, List.of());
    }

    ScopeRules(Scope scope, RegionModel model, RulePolicy policy, List<DeclaredClient> declared, List<Scope> watched) {
        this.scope = scope;
        List<Scope> inRegion = watched.stream().filter(w -> w.region().equals(scope.region())).toList();
        this.watchedInRegion = inRegion.isEmpty() ? List.of(scope) : inRegion;
        this.model = model;
        this.policy = policy;
        for (DeclaredClient c : declared) {
            if (c.appliesTo(scope)) {
                clients.put(c.name(), c);
            }
        }
        this.here = List.copyOf(clients.values());
        this.mountingAll = here.stream().filter(c -> c.fileSystemIds().isEmpty()).toList();
        for (DeclaredClient c : here) {
            for (String fsId : c.fileSystemIds()) {
                mounting.computeIfAbsent(fsId, f -> new java.util.ArrayList<>(mountingAll)).add(c);
            }
        }
    }

    /** Lets the path pieces see the other accounts of the region (their models, held by the runtime). */
    void joinRegion(java.util.function.Supplier<Collection<RegionModel>> others) {
        this.neighbours = others;
    }

    /** Holds the port findings until the security-group and ACL sources completed a poll; off for tests without markers. */
    void gateOnFirstPolls(boolean on) {
        this.gated = on;
    }

    /** Whether some piece of this scope reads another account's model. */
    boolean crossesAccounts() {
        return neighbours != null;
    }

    /** Names of the clients whose listed file systems this scope checks for existence. */
    List<String> declaringClients() {
        return here.stream().filter(c -> !c.fileSystemIds().isEmpty() && DeclaredFileSystems.home(scope, c))
                .map(DeclaredClient::name).toList();
    }

    /** The clients of this scope that mount the file system, by name. */
    List<DeclaredClient> clientsOf(String fsId) {
        return mounting.getOrDefault(fsId, mountingAll);
    }

    Collection<DeclaredClient> clients() {
        return here;
    }

    /** Forgets what was derived from earlier judgements, before judging every piece afresh. */
    void reset() {
        tunnelsOf.clear();
    }

    /** A judged piece: what it wants open, how to word a resolution, and its next deadline. */
    record Judged(Map<String, Finding> desired, Function<Finding, String> closing, Instant deadline) {
    }

    /**
     * Judges one piece at {@code at}: writes its memory into the draft and returns what it wants open.
     *
     * @param judgedBefore file systems judged before this observation (their unremembered paths were reachable)
     * @param changedKeys  receives keys whose meaning changed as a result (a source's cadence)
     */
    Judged judge(String unit, StateDraft draft, Instant at, Set<String> judgedBefore, Set<String> changedKeys) {
        Map<String, Finding> desired = new TreeMap<>();
        if (unit.equals(Units.STALENESS)) {
            return staleness(draft, at, changedKeys);
        }
        String id = Units.id(unit);
        if (unit.startsWith(Units.VPN)) {
            return vpn(id, draft, at);
        }
        if (unit.startsWith(Units.PROPAGATION)) {
            Optional<VpnConnectionObservation> vpn = model.vpnConnection(id);
            if (vpn.isPresent()) {
                try (RegionView view = RegionView.open(model, neighbours)) {
                    VpnPropagation.desired(scope, view, here, vpn.get(), at, desired);
                }
            }
            return new Judged(desired, ScopeRules::closing, null);
        }
        if (unit.startsWith(Units.LINT)) {
            Optional<FileSystemObservation> fs = model.fileSystem(id).filter(Lifecycle::floats);
            if (fs.isPresent()) {
                EndpointRangeLint.desired(scope, model, fs.get(), at, desired);
                CoverageLint.desired(scope, model, fs.get(), clientsOf(id), at, desired);
            }
            return new Judged(desired, ScopeRules::closing, null);
        }
        if (unit.startsWith(Units.PATH)) {
            return path(id, draft, at, judgedBefore);
        }
        if (unit.startsWith(Units.DECLARED)) {
            DeclaredClient client = clients.get(id);
            if (client != null) {
                try (RegionView view = RegionView.open(model, neighbours)) {
                    DeclaredFileSystems.desired(scope, view, client, watchedInRegion, at, desired);
                }
            }
            return new Judged(desired, ScopeRules::closing, null);
        }
        if (unit.startsWith(Units.ORPHAN)) {
            OrphanRoutes.desired(scope, model, id, at, draft.open()::get, desired);
            return new Judged(desired, open -> OrphanRoutes.closing(open, model), null);
        }
        throw new IllegalArgumentException("not a scope-wide piece of the rules: " + unit);
    }

    private Judged staleness(StateDraft draft, Instant at, Set<String> changedKeys) {
        Map<String, SourceCadence> before = draft.sources().view();
        Map<String, SourceCadence> cadences = SourceStaleness.learn(model, before);
        for (Map.Entry<String, SourceCadence> e : cadences.entrySet()) {
            SourceCadence was = before.get(e.getKey());
            if (was == null || !java.util.Objects.equals(was.interval(), e.getValue().interval())
                    || !java.util.Objects.equals(was.lastOkAt(), e.getValue().lastOkAt())
                    || TunnelTelemetry.failing(was) != TunnelTelemetry.failing(e.getValue())) {
                changedKeys.add(cadenceKey(e.getKey()));
            }
            if ((was == null || was.completedAt() == null) && e.getValue().completedAt() != null) {
                changedKeys.add(StartGate.key(e.getKey()));
            }
            draft.sources().put(e.getKey(), e.getValue());
        }
        for (String source : List.copyOf(before.keySet())) {
            if (!cadences.containsKey(source)) {
                draft.sources().remove(source);
                changedKeys.add(cadenceKey(source));
            }
        }
        Map<String, Finding> desired = new TreeMap<>();
        SourceStaleness.desired(scope, model, cadences, at, policy, desired);
        AccessFindings.desired(scope, model, at, desired);
        return new Judged(desired, ScopeRules::closing, Deadlines.forStaleness(model.polls(), cadences, at, policy));
    }

    private Judged vpn(String vpnId, StateDraft draft, Instant at) {
        Map<String, Finding> desired = new TreeMap<>();
        Optional<VpnConnectionObservation> found = model.vpnConnection(vpnId);
        Map<String, TunnelMemory> remembered = found.isEmpty() ? Map.of()
                : TunnelFlapping.step(scope, found.get(), draft.base().tunnels(), at, policy, desired);
        // A connection that is gone, or lost or renumbered a tunnel, forgets that tunnel.
        for (String ip : tunnelsOf.getOrDefault(vpnId, Set.of())) {
            if (!remembered.containsKey(ip)) {
                draft.tunnels().remove(ip);
            }
        }
        remembered.forEach(draft.tunnels()::put);
        if (found.isEmpty()) {
            tunnelsOf.remove(vpnId);
            return new Judged(desired, ScopeRules::closing, null);
        }
        tunnelsOf.put(vpnId, Set.copyOf(remembered.keySet()));
        VpnConnectionObservation vpn = found.get();
        SourceCadence cloudWatch = draft.sources().get(TunnelTelemetry.CLOUDWATCH_SOURCE);
        model.read(cadenceKey(TunnelTelemetry.CLOUDWATCH_SOURCE));
        VpnFindings.desired(scope, model, vpn, at, desired);
        TunnelTelemetry.desired(scope, model, vpn, at, policy, cloudWatch, remembered, desired);
        Instant deadline = Deadlines.forVpn(vpn, remembered, model, TunnelTelemetry.grace(policy, cloudWatch), at, policy);
        return new Judged(desired, ScopeRules::closing, deadline);
    }

    private Judged path(String pair, StateDraft draft, Instant at, Set<String> judgedBefore) {
        int slash = pair.indexOf('/');
        String fsId = pair.substring(0, slash);
        DeclaredClient client = clients.get(pair.substring(slash + 1));
        Map<String, Finding> desired = new TreeMap<>();
        FileSystemObservation fs = model.fileSystem(fsId).orElse(null);
        model.read(StalledFailover.key(fsId));
        PathFindings.Context ctx = new PathFindings.Context(draft.base().paths(), judgedBefore.contains(fsId), at,
                policy.staleAfter(), StalledFailover.of(draft.fileSystems().get(fsId)), id -> draft.open().get(id),
                draft.fileSystems().get(fsId), policy.probeGrace());
        PathFindings.Walked walked;
        try (RegionView view = RegionView.open(model, neighbours)) {
            walked = client == null ? PathFindings.Walked.none() : PathFindings.desired(scope, view, client, fs, ctx, desired);
            if (client != null && fs != null && PathFindings.judged(view, scope, client, fs)) {
                boolean gateOpen = !gated || StartGate.missing(StartGate.ports(), draft.sources()::get, model).isEmpty();
                EndpointPortFindings.desired(scope, view, client, fs,
                        new EndpointPortFindings.Context(at, gateOpen, id -> draft.open().get(id)), desired);
                ProbeCorrelation.leaveToBlockedPorts(desired);
            }
        }
        if (client != null) {
            for (String key : List.copyOf(draft.paths().withPrefix(PathFindings.memoryPrefix(client.name(), fsId)).keySet())) {
                if (!walked.memory().containsKey(key)) {
                    draft.paths().remove(key);
                }
            }
        }
        walked.memory().forEach(draft.paths()::put);
        return new Judged(desired, open -> closing(open, walked), walked.deadline());
    }

    /**
     * Every declared client's path to every endpoint it uses of every file system of this scope, walked now,
     * the reachable ones included. A path whose sources have not completed a poll ({@link StartGate}) is not
     * walked: it is UNVERIFIED, naming the sources missing, as the rules would hold it.
     */
    List<ClientPath> walkAll(ScopeState state) {
        List<ClientPath> out = new java.util.ArrayList<>();
        try (RegionView view = RegionView.open(model, neighbours)) {
            for (String fsId : new java.util.TreeSet<>(model.fileSystemIds())) {
                FileSystemObservation fs = model.fileSystem(fsId).filter(Lifecycle::floats).orElse(null);
                if (fs == null) {
                    continue;
                }
                StalledFailover stalled = StalledFailover.of(state.fileSystems().get(fsId));
                for (DeclaredClient client : clientsOf(fsId)) {
                    if (!PathFindings.judged(view, scope, client, fs)) {
                        continue;
                    }
                    List<String> missing = StartGate.missing(StartGate.forPath(client), state.sources()::get, model);
                    for (Endpoint endpoint : FileSystemEndpoints.of(model, fs)) {
                        if (!endpoint.usedBy(client.endpoints())) {
                            continue;
                        }
                        PathResult result = missing.isEmpty()
                                ? PathEvaluator.evaluate(view, fs, client, endpoint.ip(), stalled)
                                : notRead(client, fs, endpoint.ip(), missing);
                        out.add(new ClientPath(scope, client.name(), client.via(), fsId, fs.vpcId(), endpoint.ip(),
                                endpoint.label(client.endpoints()), endpoint.floating(), result));
                    }
                }
            }
        }
        return out;
    }

    private PathResult notRead(DeclaredClient client, FileSystemObservation fs, String ip, List<String> missing) {
        String what = "not read: " + String.join(", ", missing) + " of " + scope.id();
        return new PathResult(PathVerdict.UNVERIFIED, List.of(), null, null,
                "client " + client.name() + " -> " + ip + " of " + fs.fileSystemId() + ": unverified, " + what,
                List.of(), List.of(), List.of(what), List.of(scope.account()));
    }

    /** The sources {@code unit} needs before it may judge ({@link StartGate}). */
    java.util.Set<String> needs(String unit) {
        DeclaredClient client = null;
        if (unit.startsWith(Units.PATH)) {
            String pair = Units.id(unit);
            client = clients.get(pair.substring(pair.indexOf('/') + 1));
        }
        return StartGate.needs(unit, client);
    }

    /** True when the pair of {@code unit} is a path some declared client has: worth remembering what it read. */
    boolean pathExists(String unit) {
        String pair = Units.id(unit);
        int slash = pair.indexOf('/');
        DeclaredClient client = clients.get(pair.substring(slash + 1));
        return client != null && model.fileSystem(pair.substring(0, slash))
                .map(fs -> PathFindings.judged(model, scope, client, fs)).orElse(false);
    }

    /** Finding versions in the order they are published: firing and updated ones by id, then resolved ones by id. */
    static List<Finding> inPublishingOrder(List<Finding> emitted) {
        if (emitted.size() < 2) {
            return emitted;
        }
        List<Finding> firing = emitted.stream().filter(f -> f.status() != FindingStatus.RESOLVED)
                .sorted(java.util.Comparator.comparing(Finding::id)).toList();
        List<Finding> resolved = emitted.stream().filter(f -> f.status() == FindingStatus.RESOLVED)
                .sorted(java.util.Comparator.comparing(Finding::id)).toList();
        List<Finding> out = new java.util.ArrayList<>(firing);
        out.addAll(resolved);
        return out;
    }

    private static String closing(Finding open, PathFindings.Walked walked) {
        if (open.type() == FindingType.PROBE_BLOCKED_PATH_OK || open.type() == FindingType.PROBE_MODEL_DISAGREES
                || open.type() == FindingType.PROBE_SILENT) {
            return closing(open);
        }
        if (open.type() == FindingType.CLIENT_PATH_UNREACHABLE || open.type() == FindingType.CLIENT_PATH_UNSUPPORTED
                || open.type() == FindingType.CLIENT_PATH_UNVERIFIED) {
            return PathFindings.closing(open, walked.explanations());
        }
        if (open.type() == FindingType.ENDPOINT_PORT_BLOCKED || open.type() == FindingType.ENDPOINT_PORT_UNVERIFIED) {
            return EndpointPortFindings.closing(open);
        }
        return closing(open);
    }

    private static String closing(Finding open) {
        String subject = open.subject();
        return switch (open.type()) {
            case CLIENT_PATH_UNREACHABLE, CLIENT_PATH_UNSUPPORTED, CLIENT_PATH_UNVERIFIED -> PathFindings.closing(open, Map.of());
            case CLIENT_FILE_SYSTEM_NOT_FOUND -> subject + ": the file system is seen now (or the client no longer lists it)";
            case VPN_TUNNEL_DOWN, VPN_BGP_DOWN -> subject + ": tunnel up again (or no longer observed)";
            case VPN_REDUNDANCY_LOST -> subject + ": every tunnel up again (or no longer observed)";
            case VPN_PATH_LOST -> subject + ": a tunnel is up again (or the connection is no longer observed)";
            case VPN_NO_ROUTES_ACCEPTED -> subject + ": routes accepted again (or BGP down, reported separately)";
            case VPN_ROUTES_NOT_PROPAGATED -> subject + ": the route table now routes to the VGW";
            case VPN_TUNNEL_FLAPPING -> subject + ": fewer state changes than the threshold within the window";
            case VPN_TELEMETRY_DISAGREES -> subject + ": VgwTelemetry and CloudWatch agree again";
            case DATA_STALE -> subject + ": the source reports again";
            case ACCOUNT_ACCESS_FAILED -> subject + ": floatwatch reads the account again";
            case CLIENT_SUBNET_NOT_COVERED -> subject + ": the subnet's route table is managed by FSx now (or no client uses it)";
            case ENDPOINT_RANGE_OUTSIDE_VPC -> subject + ": the endpoint range is inside the VPC CIDR now";
            case ENDPOINT_RANGE_OVERLAPS_SUBNET -> subject + ": no subnet overlaps the endpoint range any more";
            case PROBE_BLOCKED_PATH_OK -> subject + ": the probe connects again (or the path verdict changed)";
            case PROBE_MODEL_DISAGREES -> subject + ": the probe and the path verdict agree again";
            case PROBE_SILENT -> subject + ": the probe reports again (or its target is gone)";
            default -> subject + ": condition cleared";
        };
    }

    /** Scope-wide finding types, so the per-file-system ledger never claims them. */
    static boolean scopeWide(FindingType type) {
        return switch (type) {
            case FSX_FAILED_OVER, FSX_FAILOVER_STALLED, FLOATING_ROUTE_BAD_TARGET, FLOATING_ROUTE_MISSING,
                    FSX_UNPLANNED_FAILOVER, FSX_FAILBACK_OVERDUE -> false;
            default -> true;
        };
    }
}
