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

    static Result apply(Scope scope, RegionModel model, ScopeState state, Instant at, RulePolicy policy,
            List<DeclaredClient> clients) {
        Map<String, Finding> desired = new TreeMap<>();
        VpnFindings.desired(scope, model, at, desired);
        VpnPropagation.desired(scope, model, at, desired);
        boolean cloudWatchOn = model.vpnConnections().stream().flatMap(v -> v.tunnels().stream())
                .anyMatch(t -> model.tunnelState(t.outsideIpAddress()).isPresent());
        TunnelTelemetry.desired(scope, model, at, policy, cloudWatchOn, desired);
        Map<String, TunnelMemory> tunnels = TunnelFlapping.step(scope, model, state.tunnels(), at, policy, desired);
        Map<String, SourceCadence> cadences = SourceStaleness.learn(model, state.sources());
        SourceStaleness.desired(scope, model, cadences, at, policy, desired);
        List<DeclaredClient> here = clients.stream().filter(c -> c.appliesTo(scope)).toList();
        for (FileSystemObservation fs : model.fileSystems()) {
            if (!fs.multiAz() || fs.floatingIps().isEmpty()) {
                continue;
            }
            EndpointRangeLint.desired(scope, model, fs, at, desired);
            CoverageLint.desired(scope, model, fs, here, at, desired);
        }
        PathFindings.Walked walked = PathFindings.desired(scope, model, here, state.paths(), at, desired);

        FindingLedger.Reconciled reconciled = FindingLedger.reconcile(state.open(), desired, at,
                open -> closing(open, walked));
        return new Result(state.withScopeWide(reconciled.open(), tunnels, walked.memory(), cadences), reconciled.emitted());
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
