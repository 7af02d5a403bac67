package io.floatwatch.analyzer.core.vpn;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.PathEvaluator;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * VPN_ROUTES_NOT_PROPAGATED: routes learned over a VPN on a VGW reach a VPC route table only when
 * that table propagates the VGW's routes; with propagation off they are silently ignored.
 *
 * <p>The route table observation has no list of propagating VGWs yet, so propagation is read from
 * its routes: one with origin {@code EnableVgwRoutePropagation} towards the VGW. A static route to
 * the VGW means the owner routes by hand, which is a choice, not an omission. Only the tables this
 * monitor is about are judged: the file systems' RouteTableIds (the way back from the file system)
 * and the tables of declared clients' subnets. Other tables of the VPC may well have no business
 * with the VPN, and judging all of them would flood a large VPC with findings.
 */
public final class VpnPropagation {

    public static final String PROPAGATED = "EnableVgwRoutePropagation";

    private VpnPropagation() {
    }

    /** The findings of one connection, over every table that matters in the VPCs its VGW is attached to. */
    public static void desired(Scope scope, RegionModel model, List<DeclaredClient> clients, VpnConnectionObservation vpn,
            Instant at, Map<String, Finding> out) {
        desired(scope, RegionView.alone(model), clients, vpn, at, out);
    }

    /** @param view the VPN's scope and the other accounts of its region (the file systems may live in another) */
    public static void desired(Scope scope, RegionView view, List<DeclaredClient> clients, VpnConnectionObservation vpn,
            Instant at, Map<String, Finding> out) {
        RegionModel model = view.own();
        if (vpn.transitGatewayId() != null && VpnFindings.live(vpn) && learnsRoutes(vpn)) {
            onTransitGateway(scope, view, vpn, at, out);
        }
        if (vpn.vpnGatewayId() == null || !VpnFindings.live(vpn) || !learnsRoutes(vpn)) {
            return;
        }
        Optional<VpnGatewayObservation> vgw = model.vpnGateway(vpn.vpnGatewayId());
        if (vgw.isEmpty()) {
            return;
        }
        for (String vpcId : vgw.get().attachedVpcIds()) {
            for (RouteTableObservation table : tablesThatMatter(model, clients, vpcId)) {
                if (routesTo(table, vpn.vpnGatewayId())) {
                    continue;
                }
                Map<String, String> labels = VpnFindings.scopeLabels(scope);
                labels.put(Labels.VPN_ID, vpn.vpnConnectionId());
                labels.put(Labels.ROUTE_TABLE_ID, table.routeTableId());
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("vpn_id", vpn.vpnConnectionId());
                evidence.put("vpn_gateway_id", vpn.vpnGatewayId());
                evidence.put("vpc_id", vpcId);
                evidence.put("route_table_id", table.routeTableId());
                evidence.put("subnets", String.join(",", table.associatedSubnetIds()));
                evidence.put("learned", learnedDescription(vpn));
                VpnFindings.put(out, Finding.firing(FindingType.VPN_ROUTES_NOT_PROPAGATED,
                        scope.id() + "/" + vpn.vpnConnectionId() + "/" + table.routeTableId(), labels, at, at, evidence,
                        vpn.vpnConnectionId() + " learns " + learnedDescription(vpn) + " on " + vpn.vpnGatewayId()
                                + ", but " + table.routeTableId() + " (" + vpcId + ") has no route from it:"
                                + " route propagation is off, so the routes are ignored there"));
            }
        }
    }

    /**
     * A VPN on a Transit Gateway reaches a file system VPC only if the TGW route table associated with that VPC's
     * attachment routes back to the VPN: its attachment propagates into the table, or a static route points at
     * it. Neither is silent in AWS and fatal to every client behind the VPN (docs/domain.md section 6).
     */
    private static void onTransitGateway(Scope scope, RegionView model, VpnConnectionObservation vpn, Instant at,
            Map<String, Finding> out) {
        Optional<TransitGatewayAttachmentObservation> vpnAttachment = model.tgwAttachments().stream()
                .filter(a -> "vpn".equals(a.resourceType()) && vpn.vpnConnectionId().equals(a.attachedResourceId()))
                .findFirst();
        if (vpnAttachment.isEmpty()) {
            return;
        }
        String attachmentId = vpnAttachment.get().attachmentId();
        Set<String> fsVpcs = new java.util.TreeSet<>();
        for (FileSystemObservation fs : model.fileSystems()) {
            if (fs.multiAz() && fs.vpcId() != null) {
                fsVpcs.add(fs.vpcId());
            }
        }
        for (String vpcId : fsVpcs) {
            for (TransitGatewayAttachmentObservation fsAttachment : PathEvaluator.vpcAttachments(model, vpcId)) {
                if (!vpn.transitGatewayId().equals(fsAttachment.transitGatewayId())) {
                    continue;
                }
                Optional<TransitGatewayRouteTableObservation> table = fsAttachment.associatedRouteTableId() == null
                        ? Optional.empty() : model.tgwRouteTable(fsAttachment.associatedRouteTableId());
                if (table.isEmpty() || table.get().propagatingAttachmentIds().contains(attachmentId)
                        || table.get().routes().stream().anyMatch(r -> r.attachmentIds().contains(attachmentId))) {
                    continue;
                }
                String rtId = table.get().transitGatewayRouteTableId();
                Map<String, String> labels = VpnFindings.scopeLabels(scope);
                labels.put(Labels.VPN_ID, vpn.vpnConnectionId());
                labels.put(Labels.ROUTE_TABLE_ID, rtId);
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("vpn_id", vpn.vpnConnectionId());
                evidence.put("transit_gateway_id", vpn.transitGatewayId());
                evidence.put("vpn_attachment_id", attachmentId);
                evidence.put("tgw_route_table_id", rtId);
                evidence.put("tgw_route_table_account", table.get().scope().account());
                evidence.put("file_system_vpc_attachment_id", fsAttachment.attachmentId());
                evidence.put("vpc_id", vpcId);
                evidence.put("propagating", String.join(",", table.get().propagatingAttachmentIds()));
                evidence.put("learned", learnedDescription(vpn));
                VpnFindings.put(out, Finding.firing(FindingType.VPN_ROUTES_NOT_PROPAGATED,
                        scope.id() + "/" + vpn.vpnConnectionId() + "/" + rtId, labels, at, at, evidence,
                        vpn.vpnConnectionId() + " learns " + learnedDescription(vpn) + " on " + vpn.transitGatewayId()
                                + ", but " + rtId + " (the TGW route table of " + fsAttachment.attachmentId() + ", " + vpcId
                                + ") has no route back to it: " + attachmentId + " is not propagated into " + rtId
                                + " and no static route points at it; enable the propagation or add static routes"));
            }
        }
    }

    static Set<RouteTableObservation> tablesThatMatter(RegionModel model, List<DeclaredClient> clients, String vpcId) {
        Set<RouteTableObservation> tables = new LinkedHashSet<>();
        for (FileSystemObservation fs : model.fileSystemsOfVpc(vpcId)) {
            fs.routeTableIds().forEach(id -> model.routeTable(id).ifPresent(tables::add));
        }
        for (DeclaredClient c : clients) {
            if (c.subnetId() != null && (c.vpcId() == null || vpcId.equals(c.vpcId()))) {
                model.routeTableOfSubnet(c.subnetId(), c.vpcId()).filter(t -> vpcId.equals(t.vpcId())).ifPresent(tables::add);
            }
        }
        return tables;
    }

    /** BGP up with routes accepted, or static routes with a tunnel up. */
    static boolean learnsRoutes(VpnConnectionObservation vpn) {
        for (Tunnel t : vpn.tunnels()) {
            if (TunnelCondition.of(vpn, t) != TunnelCondition.UP) {
                continue;
            }
            if (vpn.staticRoutesOnly() ? !vpn.staticRoutes().isEmpty()
                    : t.acceptedRouteCount() != null && t.acceptedRouteCount() > 0) {
                return true;
            }
        }
        return false;
    }

    static boolean routesTo(RouteTableObservation table, String vgwId) {
        for (Route r : table.routes()) {
            if (vgwId.equals(r.targetId())) {
                return true;
            }
        }
        return false;
    }

    static boolean propagates(RouteTableObservation table, String vgwId) {
        return table.routes().stream().anyMatch(r -> vgwId.equals(r.targetId()) && PROPAGATED.equals(r.origin()));
    }

    private static String learnedDescription(VpnConnectionObservation vpn) {
        if (vpn.staticRoutesOnly()) {
            return vpn.staticRoutes().size() + " static route(s)";
        }
        int max = vpn.tunnels().stream().filter(t -> t.acceptedRouteCount() != null)
                .mapToInt(Tunnel::acceptedRouteCount).max().orElse(0);
        return max + " BGP route(s)";
    }
}
