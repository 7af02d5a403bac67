package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Why a failover may have been planned. Throughput changes and maintenance are planned causes in
 * the field; anything else (AZ or server faults) is not.
 *
 * <p>The cause is a short code kept in the file system's state: an FSx administrative action type
 * such as {@code FILE_SYSTEM_UPDATE}, or {@link #MAINTENANCE_WINDOW}, or {@link #VPN_MAINTENANCE}.
 */
public final class PlannedCause {

    static final String MAINTENANCE_WINDOW = "MAINTENANCE_WINDOW";
    static final String VPN_MAINTENANCE = "VPN_TUNNEL_MAINTENANCE";

    private PlannedCause() {
    }

    /** Causes that explain a failover starting at {@code at}: an action in progress, the window, VPN maintenance. */
    public static String atStart(FileSystemObservation fs, RegionModel model, Instant at, RulePolicy policy) {
        String action = adminAction(fs);
        if (action != null) {
            return action;
        }
        if (insideWeeklyWindow(fs.weeklyMaintenanceStartTime(), at, policy.maintenanceWindow())) {
            return MAINTENANCE_WINDOW;
        }
        if (vpnMaintenance(fs, model, at, policy.maintenanceWindow()) != null) {
            return VPN_MAINTENANCE;
        }
        return null;
    }

    /**
     * Causes that may still be adopted after the start: FSx reports the action with a poll's delay,
     * so a failover seen before its action is not unplanned for that. Windows are judged at the start only.
     */
    public static String later(FileSystemObservation fs) {
        return adminAction(fs);
    }

    static String adminAction(FileSystemObservation fs) {
        return fs.administrativeActions().stream().filter(AdministrativeAction::inProgress)
                .map(AdministrativeAction::type).filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
    }

    /** Words for summaries: {@code ; planned: FILE_SYSTEM_UPDATE in progress}. */
    static String describe(String cause, FileSystemObservation fs) {
        if (cause == null) {
            return "";
        }
        return switch (cause) {
            case MAINTENANCE_WINDOW -> "; planned: inside the weekly maintenance window"
                    + (fs == null || fs.weeklyMaintenanceStartTime() == null ? "" : " (" + fs.weeklyMaintenanceStartTime() + " UTC)");
            case VPN_MAINTENANCE -> "; planned: during VPN tunnel maintenance";
            default -> "; planned: " + cause + " in progress";
        };
    }

    /**
     * FSx's {@code d:HH:MM}: d is 1 (Monday) to 7 (Sunday), UTC. True when {@code at} falls within
     * {@code length} after the start of this week's or last week's window (a Sunday-night window runs into Monday).
     */
    static boolean insideWeeklyWindow(String weekly, Instant at, Duration length) {
        if (weekly == null || !weekly.matches("[1-7]:\\d{2}:\\d{2}")) {
            return false;
        }
        DayOfWeek day = DayOfWeek.of(weekly.charAt(0) - '0');
        LocalTime time;
        try {
            time = LocalTime.of(Integer.parseInt(weekly.substring(2, 4)), Integer.parseInt(weekly.substring(5, 7)));
        } catch (java.time.DateTimeException e) {
            return false;
        }
        ZonedDateTime now = at.atZone(ZoneOffset.UTC);
        ZonedDateTime start = now.with(TemporalAdjusters.previousOrSame(day)).with(time);
        if (start.isAfter(now)) {
            start = start.minusWeeks(1);
        }
        return !now.isBefore(start) && now.isBefore(start.plus(length));
    }

    /** A VPN towards the file system's VPC with a tunnel under maintenance that changed state within the window. */
    static String vpnMaintenance(FileSystemObservation fs, RegionModel model, Instant at, Duration window) {
        for (VpnConnectionObservation vpn : model.vpnConnectionsInMaintenance()) {
            for (VpnConnectionObservation.Tunnel t : vpn.tunnels()) {
                boolean maintenance = t.maintenance() != null && !t.maintenance().isBlank();
                boolean recent = t.lastStatusChange() != null && !t.lastStatusChange().isAfter(at)
                        && Duration.between(t.lastStatusChange(), at).compareTo(window) < 0;
                if (maintenance && recent && servesVpc(vpn, fs.vpcId(), model)) {
                    return vpn.vpnConnectionId();
                }
            }
        }
        return null;
    }

    /** The VPN ends on a VGW attached to the VPC, or on a TGW with an attachment of the VPC. */
    static boolean servesVpc(VpnConnectionObservation vpn, String vpcId, RegionModel model) {
        if (vpn.vpnGatewayId() != null) {
            return model.vpnGateway(vpn.vpnGatewayId()).map(VpnGatewayObservation::attachedVpcIds)
                    .map(v -> v.contains(vpcId)).orElse(false);
        }
        if (vpn.transitGatewayId() != null) {
            for (TransitGatewayAttachmentObservation a : model.tgwAttachments()) {
                if (Objects.equals(a.transitGatewayId(), vpn.transitGatewayId()) && "vpc".equals(a.resourceType())
                        && Objects.equals(a.attachedResourceId(), vpcId)) {
                    return true;
                }
            }
        }
        return false;
    }
}
