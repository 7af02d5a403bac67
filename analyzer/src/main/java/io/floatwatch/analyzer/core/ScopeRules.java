package io.floatwatch.analyzer.core;

import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scope-wide rules: VPN and BGP health, tunnel telemetry and flapping, source staleness,
 * coverage and endpoint-range lint, and client paths. Each is a small class of its own; this one
 * runs them all on the whole model and reconciles the result with what is open.
 *
 * <p>They run on every observation: each is linear in the handful of VPNs, clients and file
 * systems of a region and uses the model's indexes for route tables, so the 50,000-table case costs
 * lookups, not scans. Running all of them keeps "re-evaluate when any input changes" trivially true.
 */
final class ScopeRules {

    record Result(ScopeState state, List<Finding> emitted) {
    }

    private ScopeRules() {
    }

    /**
     * @param judgedBefore file systems judged before this evaluation: their unremembered paths were reachable
     * @param trigger the resource whose observation or deletion caused this evaluation, or null for
     *                "everything may have changed"
     */
    static Result apply(Scope scope, RegionModel model, ScopeState state, Instant at, RulePolicy policy,
            List<DeclaredClient> clients, Trigger trigger, java.util.Set<String> judgedBefore) {
        Map<String, Finding> desired = new TreeMap<>();
        List<DeclaredClient> here = clients.stream().filter(c -> c.appliesTo(scope)).toList();
        VpnFindings.desired(scope, model, at, desired);
        // The two rules that walk every table or subnet of a VPC run only when their inputs changed; in
        // between, what they found stays as it was. Otherwise the first poll of a 50,000-table region
        // would cost 50,000 x 50,000 steps.
        if (trigger.mayAffectPropagation()) {
            VpnPropagation.desired(scope, model, here, at, desired, trigger.routeTableOnly());
        }
        carryOver(state.open(), desired, FindingType.VPN_ROUTES_NOT_PROPAGATED, trigger.mayAffectPropagation(),
                trigger.routeTableOnly());
        boolean cloudWatchOn = model.vpnConnections().stream().flatMap(v -> v.tunnels().stream())
                .anyMatch(t -> model.tunnelState(t.outsideIpAddress()).isPresent());
        Map<String, SourceCadence> cadences = SourceStaleness.learn(model, state.sources());
        TunnelTelemetry.desired(scope, model, at, policy, cadences.get(TunnelTelemetry.CLOUDWATCH_SOURCE), cloudWatchOn,
                desired);
        Map<String, TunnelMemory> tunnels = TunnelFlapping.step(scope, model, state.tunnels(), at, policy, desired);
        SourceStaleness.desired(scope, model, cadences, at, policy, desired);
        for (FileSystemObservation fs : model.fileSystems()) {
            if (!fs.multiAz() || fs.floatingIps().isEmpty()) {
                continue;
            }
            if (trigger.mayAffectEndpointRange()) {
                EndpointRangeLint.desired(scope, model, fs, at, desired);
            }
            CoverageLint.desired(scope, model, fs, here, at, desired);
        }
        if (!trigger.mayAffectEndpointRange()) {
            carryOver(state.open(), desired, FindingType.ENDPOINT_RANGE_OUTSIDE_VPC, false, null);
            carryOver(state.open(), desired, FindingType.ENDPOINT_RANGE_OVERLAPS_SUBNET, false, null);
        }
        PathFindings.Walked walked = PathFindings.desired(scope, model, here, state.paths(), judgedBefore, at,
                desired);

        FindingLedger.Reconciled reconciled = FindingLedger.reconcile(state.open(), desired, at,
                open -> closing(open, walked));
        return new Result(state.withScopeWide(reconciled.open(), tunnels, walked.memory(), cadences), reconciled.emitted());
    }

    /**
     * Keeps the open findings of a rule that did not (fully) run: all of them when it did not run, or
     * those of other tables when it re-judged only {@code onlyTable}.
     */
    private static void carryOver(Map<String, Finding> open, Map<String, Finding> desired, FindingType type, boolean ran,
            String onlyTable) {
        if (ran && onlyTable == null) {
            return;
        }
        for (Finding f : open.values()) {
            if (f.type() == type && !desired.containsKey(f.id())
                    && (!ran || !onlyTable.equals(f.labels().get(io.floatwatch.model.Labels.ROUTE_TABLE_ID)))) {
                desired.put(f.id(), f);
            }
        }
    }

    private static String closing(Finding open, PathFindings.Walked walked) {
        String subject = open.subject();
        return switch (open.type()) {
            case CLIENT_PATH_UNREACHABLE, CLIENT_PATH_UNSUPPORTED -> PathFindings.closing(open, walked.explanations());
            case VPN_TUNNEL_DOWN, VPN_BGP_DOWN -> subject + ": tunnel up again (or no longer observed)";
            case VPN_REDUNDANCY_LOST -> subject + ": every tunnel up again (or no longer observed)";
            case VPN_PATH_LOST -> subject + ": a tunnel is up again (or the connection is no longer observed)";
            case VPN_NO_ROUTES_ACCEPTED -> subject + ": routes accepted again (or BGP down, reported separately)";
            case VPN_ROUTES_NOT_PROPAGATED -> subject + ": the route table now routes to the VGW";
            case VPN_TUNNEL_FLAPPING -> subject + ": fewer state changes than the threshold within the window";
            case VPN_TELEMETRY_DISAGREES -> subject + ": VgwTelemetry and CloudWatch agree again";
            case DATA_STALE -> subject + ": the source reports again";
            case CLIENT_SUBNET_NOT_COVERED -> subject + ": the subnet's route table is managed by FSx now (or no client uses it)";
            case ENDPOINT_RANGE_OUTSIDE_VPC -> subject + ": the endpoint range is inside the VPC CIDR now";
            case ENDPOINT_RANGE_OVERLAPS_SUBNET -> subject + ": no subnet overlaps the endpoint range any more";
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
