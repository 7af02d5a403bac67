package io.floatwatch.analyzer.core.vpn;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.sources.SourceCadence;
import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * VPN_TELEMETRY_DISAGREES: VgwTelemetry against CloudWatch's TunnelState (1 up, for BGP tunnels
 * 1 only when BGP is established; 0 otherwise).
 *
 * <p>CloudWatch is minutes late, so a datapoint older than the tunnel's last change is not a
 * disagreement, only lag; lag beyond the grace is stale. A missing series is reported only once
 * the CloudWatch source delivers for some tunnel of the scope, so a deployment without it is quiet.
 *
 * <p>A tunnel CloudWatch has no series (or no datapoint) for is reported only once CloudWatch has had one
 * period to show it: a successful CloudWatch poll at least {@link #PERIOD} after the tunnel was first seen.
 * A new tunnel, or every tunnel after a fresh start, is not CloudWatch disagreeing; it is CloudWatch not
 * having been asked yet (its poll asks for the tunnels the VPN poll saw last), or not having aggregated a
 * period yet.
 */
public final class TunnelTelemetry {

    /** The collector's name for the CloudWatch source, whose learned cadence widens the grace. */
    public static final String CLOUDWATCH_SOURCE = SourceNames.CLOUDWATCH_TUNNEL_STATE;
    /** CloudWatch's AWS/VPN TunnelState period, as the collector asks for it. */
    static final Duration PERIOD = TunnelStateObservation.PERIOD;

    private TunnelTelemetry() {
    }

    /**
     * How old the latest datapoint may be before it is stale: CloudWatch's own lag plus one poll
     * of the CloudWatch source, because a datapoint fetched at one poll is all there is until the
     * next. The collector polls CloudWatch hourly (GetMetricData is billed per metric), so a fixed
     * 15 minutes would call every tunnel stale for most of each hour.
     */
    public static Duration grace(RulePolicy policy, SourceCadence cloudWatch) {
        return cloudWatch == null || cloudWatch.interval() == null
                ? policy.telemetryGrace()
                : policy.telemetryGrace().plus(cloudWatch.interval());
    }

    /** The findings of one connection's tunnels. */
    public static void desired(Scope scope, RegionModel model, VpnConnectionObservation vpn, Instant at, RulePolicy policy,
            SourceCadence cloudWatch, Map<String, TunnelMemory> tunnels, Map<String, Finding> out) {
        if (!model.anyTunnelState() || !VpnFindings.live(vpn)) {
            return;
        }
        for (Tunnel t : vpn.tunnels()) {
            String problem = problem(vpn, t, model.tunnelState(t.outsideIpAddress()), at, grace(policy, cloudWatch));
            if (problem == null || ((problem.startsWith(NO_SERIES) || problem.equals(NO_DATAPOINT)) && !hadAPeriod(tunnels.get(t.outsideIpAddress()), cloudWatch))) {
                continue;
            }
            if (failing(cloudWatch) && !problem.startsWith("disagree|")) {
                // The CloudWatch poll failed, or could not run (no VPN poll): that failure is the page (DATA_STALE of
                // CloudWatch or of the VPN source), not every tunnel whose datapoints it left old or missing.
                continue;
            }
            String[] reasonAndText = problem.split("\\|", 2);
            Finding f = VpnFindings.tunnelFinding(scope, vpn, t, FindingType.VPN_TELEMETRY_DISAGREES, at,
                    vpn.vpnConnectionId() + " tunnel " + t.outsideIpAddress() + ": " + reasonAndText[1]
                            + "; its state is unknown, not healthy");
            Map<String, String> evidence = new java.util.LinkedHashMap<>(f.evidence());
            evidence.put("reason", reasonAndText[0]);
            VpnFindings.put(out, new Finding(f.id(), f.type(), f.severity(), f.status(), f.subject(), f.labels(), at,
                    null, at, evidence, f.summary(), f.runbook()));
        }
    }

    private static final String NO_SERIES = "missing|";
    private static final String NO_DATAPOINT = "stale|CloudWatch returned no TunnelState datapoint";

    /**
     * Whether CloudWatch has had one period to show the tunnel: a successful CloudWatch poll at least
     * {@link #PERIOD} after the tunnel was first seen (a tunnel remembered without that time was seen long ago).
     */
    static boolean hadAPeriod(TunnelMemory tunnel, SourceCadence cloudWatch) {
        if (tunnel == null || cloudWatch == null || cloudWatch.lastOkAt() == null) {
            return false;
        }
        return tunnel.firstSeen() == null || !cloudWatch.lastOkAt().isBefore(tunnel.firstSeen().plus(PERIOD));
    }

    /** Whether the CloudWatch source's latest poll did not succeed (failed, refused or blocked). */
    public static boolean failing(SourceCadence cloudWatch) {
        return cloudWatch != null && cloudWatch.lastAt() != null && !cloudWatch.lastAt().equals(cloudWatch.lastOkAt());
    }

    /** {@code reason|words}, or null when both sources agree and CloudWatch is fresh. */
    static String problem(VpnConnectionObservation vpn, Tunnel t, Optional<TunnelStateObservation> metric, Instant at,
            Duration grace) {
        if (metric.isEmpty()) {
            return NO_SERIES + "CloudWatch has no TunnelState series for it";
        }
        TunnelStateObservation m = metric.get();
        if (m.value() == null || m.datapointTime() == null) {
            return NO_DATAPOINT;
        }
        if (Duration.between(m.datapointTime(), at).compareTo(grace) > 0) {
            return "stale|the latest TunnelState datapoint is from " + m.datapointTime() + ", older than "
                    + HumanDuration.format(grace);
        }
        boolean vgwUp = TunnelCondition.of(vpn, t) == TunnelCondition.UP;
        // Between 0 and 1 the tunnel changed within the period: nothing to compare.
        if (m.value() > 0.0 && m.value() < 1.0) {
            return null;
        }
        boolean metricUp = m.value() >= 1.0;
        if (vgwUp == metricUp) {
            return null;
        }
        if (t.lastStatusChange() != null && !t.lastStatusChange().isBefore(m.datapointTime())) {
            // CloudWatch has not caught up with the change yet: lag, judged by the staleness check above.
            return Duration.between(t.lastStatusChange(), at).compareTo(grace) > 0
                    ? "stale|CloudWatch still shows the state before the change at " + t.lastStatusChange()
                    : null;
        }
        return "disagree|VgwTelemetry says " + (vgwUp ? "UP" : "DOWN") + " but CloudWatch TunnelState is "
                + (metricUp ? "1 (up)" : "0 (down)");
    }
}
