package io.floatwatch.analyzer.core.path;

import io.floatwatch.analyzer.core.failover.StalledFailover;
import io.floatwatch.analyzer.core.lint.EndpointRangeLint;
import io.floatwatch.analyzer.core.region.Cidr;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.analyzer.core.vpn.TunnelCondition;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one declared client's path to one address of a file system, hop by hop, and gives a
 * verdict (docs/domain.md section 2):
 *
 * <ul>
 *   <li>same VPC: the client subnet's table must hold the floating /32 (so it must be in RouteTableIds);</li>
 *   <li>TGW, VPN or DX on a TGW: client route to the TGW, TGW route to the file system VPC's attachment,
 *       the /32 in the attachment subnets' tables (traffic entering through an attachment ENI is routed
 *       by that subnet's table), and the return routes;</li>
 *   <li>peering, VPN or DX on a VGW, an NLB with the range inside the VPC CIDR: unsupported for floating
 *       IPs (no ENI owns them); ordinary ENI addresses (ONTAP intercluster, iSCSI) do work over peering;</li>
 *   <li>a Lattice resource endpoint whose resource configuration targets the address: reachable.</li>
 * </ul>
 *
 * One evaluator per evaluation; it collects hops as it goes.
 */
public final class PathEvaluator {

    private final RegionView model;
    private final FileSystemObservation fs;
    private final DeclaredClient client;
    private final String address;
    private final boolean floating;
    /** The file system's stalled move, if any: tables it left behind no longer deliver. */
    private final StalledFailover stalled;
    private final List<String> hops = new ArrayList<>();
    private final Set<String> tables = new LinkedHashSet<>();
    private final Set<String> tgwTables = new LinkedHashSet<>();
    private final List<String> unverified = new ArrayList<>();
    /** The accounts the hops checked live in, the file system's first. */
    private final Set<String> accounts = new LinkedHashSet<>();

    private PathEvaluator(RegionView model, FileSystemObservation fs, DeclaredClient client, String address,
            StalledFailover stalled) {
        this.model = model;
        this.fs = fs;
        this.client = client;
        this.address = address;
        this.floating = isFloating(fs, address);
        this.stalled = stalled;
        this.accounts.add(fs.scope().account());
    }

    public static PathResult evaluate(RegionModel model, FileSystemObservation fs, DeclaredClient client, String address) {
        return evaluate(RegionView.alone(model), fs, client, address, null);
    }

    /**
     * @param view    the file system's scope and the other accounts of its region
     * @param stalled the file system's stalled failover or failback, or null
     */
    public static PathResult evaluate(RegionView view, FileSystemObservation fs, DeclaredClient client, String address,
            StalledFailover stalled) {
        return new PathEvaluator(view, fs, client, address, stalled).run();
    }

    /** Floating: one of the file system's endpoint IPs, or inside its endpoint range. No ENI owns it. */
    static boolean isFloating(FileSystemObservation fs, String address) {
        return fs.floatingIps().contains(address)
                || (fs.endpointIpAddressRange() != null && Cidr.contains(fs.endpointIpAddressRange(), address + "/32"));
    }

    private PathResult run() {
        hops.add("client " + client.name() + (client.cidr() == null ? "" : " (" + client.cidr() + ")") + " via "
                + client.via().label());
        return switch (client.via()) {
            case SAME_VPC -> sameVpc();
            case TGW, VPN_TGW, DX_TGW -> transitGateway();
            case PEERING -> peering();
            case VPN_VGW, DX_VGW -> virtualPrivateGateway();
            case LATTICE -> lattice();
            case NLB -> nlb();
        };
    }

    private PathResult sameVpc() {
        if (client.subnetId() == null) {
            return unknown("the client declares no subnetId, so its route table is unknown");
        }
        String clientVpc = clientVpc();
        if (clientVpc != null && !clientVpc.equals(fs.vpcId())) {
            return unreachable(client.subnetId(), "same VPC",
                    client.name() + " sits in " + clientVpc + ", not in " + fs.vpcId() + "; declare how it gets there (tgw, peering, ...)");
        }
        Optional<RouteTableObservation> table = model.routeTableOfSubnet(client.subnetId(), fs.vpcId());
        if (table.isEmpty()) {
            return unknown("the route table of " + client.subnetId() + " has not been observed");
        }
        String tableProblem = deliversToFileSystem(table.get(), client.subnetId());
        if (tableProblem != null) {
            return unreachable(table.get().routeTableId(), tableProblem, client.name() + " cannot reach " + address
                    + ": " + tableProblem);
        }
        return reachable(client.name() + " reaches " + address + " inside " + fs.vpcId());
    }

    private PathResult transitGateway() {
        List<TransitGatewayAttachmentObservation> fsAttachments = vpcAttachments(model, fs.vpcId());
        if (fsAttachments.isEmpty()) {
            if (!model.polled(fs.scope().account(), ATTACHMENTS_SOURCE)) {
                return unknown("the Transit Gateway attachments of account " + fs.scope().account() + " have not been read yet");
            }
            return unreachable(fs.vpcId(), "a Transit Gateway attachment of " + fs.vpcId(),
                    fs.vpcId() + " has no available Transit Gateway attachment");
        }
        // Entry: what carries the client's traffic onto a TGW that also has the file system VPC attached.
        TransitGatewayAttachmentObservation entry = null;
        TransitGatewayAttachmentObservation fsAttachment = null;
        for (TransitGatewayAttachmentObservation candidate : fsAttachments) {
            Optional<TransitGatewayAttachmentObservation> e = clientAttachment(candidate.transitGatewayId());
            if (e.isPresent()) {
                entry = e.get();
                fsAttachment = candidate;
                break;
            }
        }
        if (entry == null) {
            String kind = client.via() == Via.VPN_TGW ? "a VPN attachment" : client.via() == Via.DX_TGW
                    ? "a Direct Connect gateway attachment" : "an attachment of the client's VPC";
            // Absence is proof only once the accounts that would list the attachment have been read.
            String clientAccount = client.account() == null ? fs.scope().account() : client.account();
            String owner = model.transitGatewayOwner(fsAttachments.get(0).transitGatewayId());
            if (!model.polled(clientAccount, ATTACHMENTS_SOURCE) || (owner != null && !model.polled(owner, ATTACHMENTS_SOURCE))) {
                return unknown(kind + " on " + fsAttachments.get(0).transitGatewayId() + " has not been seen, and account "
                        + clientAccount + (owner == null || owner.equals(clientAccount) ? "" : " or the gateway's owner " + owner)
                        + " has not been read (not watched, its role not assumable, or not polled yet)");
            }
            return unreachable(fsAttachments.get(0).transitGatewayId(), kind,
                    fsAttachments.get(0).transitGatewayId() + " has no " + kind + " for " + client.name());
        }
        String tgwId = fsAttachment.transitGatewayId();
        if (client.via() == Via.TGW) {
            PathResult out = clientSubnetToTgw(tgwId);
            if (out != null) {
                return out;
            }
        } else if (client.via() == Via.VPN_TGW) {
            PathResult out = vpnUp(entry.attachedResourceId());
            if (out != null) {
                return out;
            }
        }
        hops.add(tgwId + " via " + entry.attachmentId() + " (" + entry.resourceType() + ")");
        // The TGW route table associated with the client's attachment must send the address to the file system VPC.
        PathResult tgwOut = tgwRoute(entry, address + "/32", fsAttachment, address, "");
        if (tgwOut != null) {
            return tgwOut;
        }
        hops.add(fsAttachment.attachmentId() + " into " + fs.vpcId());
        for (String subnet : fsAttachment.subnetIds()) {
            Optional<RouteTableObservation> table = model.routeTableOfSubnet(subnet, fs.vpcId());
            if (table.isEmpty()) {
                unverified.add("route table of attachment subnet " + subnet);
                continue;
            }
            String problem = deliversToFileSystem(table.get(), subnet);
            if (problem != null) {
                return unreachable(table.get().routeTableId(), problem, client.name() + " cannot reach " + address
                        + ": traffic from " + tgwId + " enters through attachment subnet " + subnet + " and " + problem);
            }
        }
        // Return path: the file system's subnets back to the TGW, and the TGW back to the client's attachment.
        if (client.cidr() == null) {
            unverified.add("return path (the client declares no cidr)");
        } else {
            for (String subnet : fs.subnetIds()) {
                Optional<RouteTableObservation> table = model.routeTableOfSubnet(subnet, fs.vpcId());
                if (table.isEmpty()) {
                    unverified.add("return route table of " + subnet);
                    continue;
                }
                tables.add(table.get().routeTableId());
                Optional<Route> back = longestMatch(table.get(), client.cidr());
                if (back.isEmpty() || !tgwId.equals(back.get().targetId()) || back.get().isBlackhole()) {
                    String missing = client.cidr() + " -> " + tgwId + " in " + table.get().routeTableId();
                    return unreachable(table.get().routeTableId(), missing, client.name() + " cannot reach " + address
                            + ": return path broken, " + table.get().routeTableId() + " (file system subnet " + subnet
                            + ") has " + (back.isEmpty() ? "no route for " + client.cidr()
                                    : client.cidr() + " -> " + back.get().targetId()) + ", needs " + client.cidr() + " -> " + tgwId);
                }
                hops.add("return " + table.get().routeTableId() + in(table.get()) + ": " + back.get().destination() + " -> " + tgwId);
            }
            PathResult back = tgwRoute(fsAttachment, client.cidr(), entry, client.cidr(), "return ");
            if (back != null) {
                return back;
            }
        }
        return reachable(client.name() + " reaches " + address + " through " + tgwId);
    }

    private PathResult clientSubnetToTgw(String tgwId) {
        if (client.subnetId() == null) {
            unverified.add("client subnet route to " + tgwId + " (no subnetId declared)");
            return null;
        }
        Optional<RouteTableObservation> table = model.routeTableOfSubnet(client.subnetId(), client.vpcId());
        if (table.isEmpty()) {
            unverified.add("route table of client subnet " + client.subnetId());
            return null;
        }
        tables.add(table.get().routeTableId());
        Optional<Route> out = longestMatch(table.get(), address + "/32");
        if (out.isEmpty() || !tgwId.equals(out.get().targetId()) || out.get().isBlackhole()) {
            String range = !floating || fs.endpointIpAddressRange() == null ? address + "/32" : fs.endpointIpAddressRange();
            String missing = range + " -> " + tgwId + " in " + table.get().routeTableId();
            return unreachable(table.get().routeTableId(), missing, client.name() + " cannot reach " + address + ": "
                    + table.get().routeTableId() + " (client subnet " + client.subnetId()
                    + (table.get().scope().account().equals(fs.scope().account()) ? "" : ", account " + table.get().scope().account())
                    + ") has "
                    + (out.isEmpty() ? "no route for it" : "it -> " + out.get().targetId()) + ", needs " + missing);
        }
        hops.add(client.subnetId() + " -> " + table.get().routeTableId() + in(table.get()) + ": " + out.get().destination() + " -> " + tgwId);
        return null;
    }

    private PathResult vpnUp(String vpnId) {
        Optional<VpnConnectionObservation> vpn = vpnId == null ? Optional.empty() : model.vpnConnection(vpnId);
        if (vpn.isEmpty()) {
            unverified.add("VPN connection " + vpnId);
            return null;
        }
        long up = vpn.get().tunnels().stream().filter(t -> TunnelCondition.of(vpn.get(), t) == TunnelCondition.UP).count();
        if (up == 0) {
            return unreachable(vpnId, "a tunnel up", client.name() + " cannot reach " + address + ": every tunnel of "
                    + vpnId + " is down");
        }
        hops.add(vpnId + " (" + up + "/" + vpn.get().tunnels().size() + " tunnels up)");
        return null;
    }

    /**
     * Checks the TGW route table associated with {@code from} for {@code destination} towards {@code to}.
     * The collector looks routes up by exact match rather than dumping tables, so a destination it did
     * not search is unverified, not missing.
     */
    private PathResult tgwRoute(TransitGatewayAttachmentObservation from, String destination,
            TransitGatewayAttachmentObservation to, String what, String prefix) {
        Optional<TransitGatewayRouteTableObservation> rt = associatedTgwTable(from);
        if (rt.isEmpty()) {
            unverified.add(prefix + "TGW route table of " + from.attachmentId());
            return null;
        }
        tgwTables.add(rt.get().transitGatewayRouteTableId());
        Optional<TgwRoute> best = rt.get().routes().stream()
                .filter(r -> Cidr.contains(r.destination(), destination))
                .max(Comparator.comparingInt(r -> Cidr.parse(r.destination()).map(Cidr::prefix).orElse(-1)));
        String rtId = rt.get().transitGatewayRouteTableId();
        String needed = destination + " -> " + to.attachmentId() + " in " + rtId;

        if (best.isEmpty() && searched(rt.get(), LONGEST_PREFIX + destination)) {
            // The collector's longest-prefix lookup returns whatever route would carry the destination, a
            // propagated CIDR included; none at all, in a table that was not truncated, is proof. The same
            // holds for the way back: the declared client's CIDR is looked up in every TGW route table.
            String fix = prefix.isEmpty() ? "" : notPropagated(rt.get(), to);
            return unreachable(rtId, needed + fix, client.name() + " cannot reach " + address + ": "
                    + (prefix.isEmpty() ? "" : "return path broken, ") + rtId + " (" + accountOf(rt.get().scope())
                    + ") has no route that covers " + what + " (a longest-prefix lookup found none)" + fix);
        }
        if (best.isEmpty() && propagatesCovering(rt.get(), to, destination)) {
            // Not looked up, but the table propagates the attachment of a VPC whose CIDR covers the destination:
            // TGW route tables hold a propagated route for each CIDR of such a VPC.
            hops.add(prefix + rtId + in(rt.get()) + ": " + destination + " -> " + to.attachmentId() + " (propagated from "
                    + to.attachedResourceId() + ")");
            return null;
        }
        if (best.isEmpty()) {
            // Exact-match lookups prove a route present, never absent: the VPC CIDR route that usually
            // carries the address is not an exact match. Only a range outside the VPC CIDR, which needs its
            // own static route, can be proven missing by looking the range up.
            boolean provable = floating && prefix.isEmpty() && outsideVpc()
                    && searched(rt.get(), fs.endpointIpAddressRange());
            if (!provable) {
                unverified.add(prefix + rtId + " route for " + what + " (not visible to exact-match lookups)");
                return null;
            }
            needed = fs.endpointIpAddressRange() + " -> " + to.attachmentId() + " in " + rtId + " (static)";
            return unreachable(rtId, needed, client.name() + " cannot reach " + address + ": " + rtId
                    + " has no route for " + what + "; the endpoint range " + fs.endpointIpAddressRange()
                    + " is outside the VPC CIDR, so it needs a static route towards " + to.attachmentId());
        }
        TgwRoute r = best.get();
        if ("blackhole".equals(r.state()) || !r.attachmentIds().contains(to.attachmentId())) {
            return unreachable(rtId, needed, client.name() + " cannot reach " + address + ": " + (prefix.isEmpty() ? ""
                    : "return path broken, ") + rtId + " routes " + r.destination() + " to "
                    + ("blackhole".equals(r.state()) ? "a blackhole" : String.join(",", r.attachmentIds()))
                    + ", not to " + to.attachmentId());
        }
        hops.add(prefix + rtId + in(rt.get()) + ": " + r.destination() + " -> " + to.attachmentId() + " (" + r.type() + ")");
        return null;
    }

    private boolean propagatesCovering(TransitGatewayRouteTableObservation rt, TransitGatewayAttachmentObservation to,
            String destination) {
        if (!"vpc".equals(to.resourceType()) || !rt.propagatingAttachmentIds().contains(to.attachmentId())) {
            return false;
        }
        return model.vpc(to.attachedResourceId())
                .map(v -> v.cidrBlocks().stream().anyMatch(c -> Cidr.contains(c, destination))).orElse(false);
    }

    /** For a missing route back to a VPN attachment: the fix, when the attachment does not propagate into the table. */
    private static String notPropagated(TransitGatewayRouteTableObservation rt, TransitGatewayAttachmentObservation to) {
        if (!"vpn".equals(to.resourceType()) && !"direct-connect-gateway".equals(to.resourceType())) {
            return "";
        }
        if (rt.propagatingAttachmentIds().contains(to.attachmentId())) {
            return "";
        }
        return "; " + to.attachmentId() + " (" + to.resourceType() + " " + to.attachedResourceId() + ") is not propagated into "
                + rt.transitGatewayRouteTableId() + ": enable the propagation or add a static route to it";
    }

    private static String accountOf(io.floatwatch.model.Scope scope) {
        return "account " + scope.account();
    }

    /** Names the account of a hop that lives outside the file system's: a path crossing accounts says where each hop is. */
    private String in(io.floatwatch.model.observation.Observation hop) {
        accounts.add(hop.scope().account());
        return hop.scope().account().equals(fs.scope().account()) ? "" : " (account " + hop.scope().account() + ")";
    }

    /** The collector's source of TGW attachments; its successful poll in an account proves an attachment absent there. */
    public static final String ATTACHMENTS_SOURCE = "tgw.attachments";

    /** How the collector marks a longest-prefix-match lookup in {@code searchedDestinations}. */
    public static final String LONGEST_PREFIX = "lpm:";

    private static boolean searched(TransitGatewayRouteTableObservation rt, String destination) {
        return destination != null && !rt.truncated() && rt.searchedDestinations().contains(destination);
    }

    private PathResult peering() {
        String clientVpc = clientVpc();
        Optional<VpcPeeringObservation> pcx = model.peerings().stream()
                .filter(p -> "active".equals(p.status()) && connects(p, fs.vpcId(), clientVpc)).findFirst();
        pcx.ifPresent(p -> hops.add(p.vpcPeeringConnectionId() + " into " + fs.vpcId()));
        if (floating) {
            hops.add(fs.vpcId() + ": no ENI owns " + address);
            return result(PathVerdict.UNSUPPORTED, null, null, client.name() + " cannot reach floating IP " + address
                    + " over VPC peering" + pcx.map(p -> " (" + p.vpcPeeringConnectionId() + ")").orElse("")
                    + ": no ENI owns it, and route tables do not apply to traffic arriving over peering, so it is dropped"
                    + " (ordinary ENI addresses would work)");
        }
        if (pcx.isEmpty()) {
            return unreachable(fs.vpcId(), "an active VPC peering", "no active VPC peering connects "
                    + (clientVpc == null ? client.name() : clientVpc) + " with " + fs.vpcId());
        }
        String peer = pcx.get().vpcPeeringConnectionId();
        PathResult back = returnFromEniSubnet(peer, false);
        return back != null ? back : reachable(client.name() + " reaches ENI address " + address + " over " + peer);
    }

    private PathResult virtualPrivateGateway() {
        String kind = client.via() == Via.VPN_VGW ? "Site-to-Site VPN" : "Direct Connect";
        String vgw = model.vpnConnections().stream().map(VpnConnectionObservation::vpnGatewayId).filter(Objects::nonNull)
                .filter(id -> model.vpnGateway(id).map(g -> g.attachedVpcIds().contains(fs.vpcId())).orElse(false))
                .findFirst().orElse(null);
        if (vgw != null) {
            hops.add(vgw + " into " + fs.vpcId());
        }
        if (floating) {
            return result(PathVerdict.UNSUPPORTED, null, null, client.name() + " cannot reach floating IP " + address
                    + " over a " + kind + " ending on a virtual private gateway" + (vgw == null ? "" : " (" + vgw + ")")
                    + ": a gateway route table cannot help, since FSx refuses route tables with gateway associations and an"
                    + " FSx-managed table cannot be associated with the VGW; end the " + kind + " on a Transit Gateway");
        }
        if (vgw == null) {
            unverified.add("virtual private gateway of " + fs.vpcId());
            return reachable(client.name() + " reaches ENI address " + address + " over a " + kind);
        }
        PathResult back = returnFromEniSubnet(vgw, true);
        return back != null ? back : reachable(client.name() + " reaches ENI address " + address + " over " + vgw);
    }

    private PathResult lattice() {
        if (client.latticeResourceIp() == null) {
            return unknown("the client declares no latticeResourceIp (the resource configuration's ipResource)");
        }
        hops.add("resource VPC endpoint -> resource gateway -> " + client.latticeResourceIp());
        if (!client.latticeResourceIp().equals(address)) {
            return unreachable("resource configuration", address, client.name() + "'s Lattice resource configuration"
                    + " targets " + client.latticeResourceIp() + ", not " + address);
        }
        return result(PathVerdict.REACHABLE_VIA_LATTICE, null, null, client.name() + " reaches " + address
                + " through a VPC Lattice resource endpoint, no TGW needed (the file system sees the resource gateway's"
                + " addresses; idle TCP sessions are cut after about 350 s)");
    }

    private PathResult nlb() {
        Optional<VpcObservation> vpc = model.vpc(fs.vpcId());
        if (vpc.isEmpty() || fs.endpointIpAddressRange() == null) {
            return unknown(fs.vpcId() + " or the endpoint range has not been observed");
        }
        if (floating && EndpointRangeLint.insideVpc(fs.endpointIpAddressRange(), vpc.get())) {
            return result(PathVerdict.UNSUPPORTED, null, null, client.name() + " cannot reach " + address
                    + " through an NLB: the endpoint range " + fs.endpointIpAddressRange() + " lies inside the VPC CIDR ("
                    + String.join(", ", vpc.get().cidrBlocks()) + "); an NLB works only with the range outside it");
        }
        hops.add("NLB -> " + address);
        // The NLB is declared, not polled: its target group is the operator's to keep, as the README says.
        return reachable(client.name() + " reaches " + address + " through an NLB (endpoint range outside the VPC CIDR;"
                + " its target group is declared, not observed)");
    }

    /**
     * For ordinary ENI addresses: the return route from the ENI's subnet to the client goes via {@code gateway}, a
     * virtual private gateway when {@code propagates} (its routes can reach the table by propagation).
     */
    private PathResult returnFromEniSubnet(String gateway, boolean propagates) {
        Optional<NetworkInterfaceObservation> eni = model.networkInterfaceWithAddress(address);
        if (eni.isEmpty() || client.cidr() == null) {
            unverified.add("return path from the ENI holding " + address);
            return null;
        }
        Optional<RouteTableObservation> table = model.routeTableOfSubnet(eni.get().subnetId(), fs.vpcId());
        if (table.isEmpty()) {
            unverified.add("route table of " + eni.get().subnetId());
            return null;
        }
        tables.add(table.get().routeTableId());
        Optional<Route> back = longestMatch(table.get(), client.cidr());
        if (back.isEmpty() || !gateway.equals(back.get().targetId()) || back.get().isBlackhole()) {
            String missing = client.cidr() + " -> " + gateway + " in " + table.get().routeTableId();
            String fix = propagates
                    ? " (a VPN or Direct Connect on " + gateway + " reaches this table only when route propagation from "
                            + gateway + " is enabled on it, or with a static route)"
                    : "";
            return unreachable(table.get().routeTableId(), missing, client.name() + " cannot reach " + address
                    + ": return path broken, " + table.get().routeTableId() + " (subnet " + eni.get().subnetId()
                    + ") has " + (back.isEmpty() ? "no route for " + client.cidr() : client.cidr() + " -> " + back.get().targetId())
                    + ", needs " + client.cidr() + " -> " + gateway + fix);
        }
        hops.add("return " + table.get().routeTableId() + in(table.get()) + ": " + back.get().destination() + " -> " + gateway);
        return null;
    }

    /**
     * Null when this table sends the address to the file system: its /32 on an active ENI of the file
     * system for a floating IP, the VPC's local route for an ordinary one. Else what is wrong.
     */
    private String deliversToFileSystem(RouteTableObservation table, String subnet) {
        tables.add(table.routeTableId());
        if (!floating) {
            hops.add(subnet + " -> " + table.routeTableId() + ": local");
            return null;
        }
        Optional<Route> r = table.hostRoute(address);
        if (r.isEmpty()) {
            return table.routeTableId() + " (used by " + subnet + ") has no route for " + address + "/32"
                    + (fs.routeTableIds().contains(table.routeTableId()) ? "" : "; it is not in " + fs.fileSystemId()
                            + "'s RouteTableIds, so FSx never writes one there");
        }
        if (r.get().isBlackhole() || !fs.networkInterfaceIds().contains(r.get().targetId())) {
            return table.routeTableId() + " routes " + address + "/32 to " + r.get().targetId()
                    + (r.get().isBlackhole() ? " (blackhole)" : "") + ", not to an ENI of " + fs.fileSystemId();
        }
        if (stalled != null && stalled.leftBehind(table.routeTableId()) && !r.get().targetId().equals(stalled.activeEni())) {
            return table.routeTableId() + " (used by " + subnet + ") was left behind by " + fs.fileSystemId()
                    + "'s stalled move: it still routes " + address + "/32 to " + r.get().targetId() + ", while "
                    + stalled.activeEni() + " serves it; repoint the route to " + stalled.activeEni()
                    + " or open an AWS support case";
        }
        hops.add(subnet + " -> " + table.routeTableId() + in(table) + ": " + address + "/32 -> " + r.get().targetId());
        return null;
    }

    private Optional<TransitGatewayAttachmentObservation> clientAttachment(String tgwId) {
        return model.tgwAttachments().stream()
                .filter(a -> tgwId.equals(a.transitGatewayId()) && available(a))
                .filter(a -> switch (client.via()) {
                    case VPN_TGW -> "vpn".equals(a.resourceType());
                    case DX_TGW -> "direct-connect-gateway".equals(a.resourceType());
                    default -> "vpc".equals(a.resourceType()) && clientVpc() != null
                            && clientVpc().equals(a.attachedResourceId());
                })
                .findFirst();
    }

    private Optional<TransitGatewayRouteTableObservation> associatedTgwTable(TransitGatewayAttachmentObservation a) {
        if (a.associatedRouteTableId() != null) {
            return model.tgwRouteTable(a.associatedRouteTableId());
        }
        return model.tgwRouteTables().stream().filter(t -> t.associatedAttachmentIds().contains(a.attachmentId())).findFirst();
    }

    public static List<TransitGatewayAttachmentObservation> vpcAttachments(RegionModel model, String vpcId) {
        return vpcAttachments(RegionView.alone(model), vpcId);
    }

    public static List<TransitGatewayAttachmentObservation> vpcAttachments(RegionView model, String vpcId) {
        return model.tgwAttachments().stream()
                .filter(a -> "vpc".equals(a.resourceType()) && Objects.equals(vpcId, a.attachedResourceId()) && available(a))
                .toList();
    }

    private static boolean available(TransitGatewayAttachmentObservation a) {
        return a.state() == null || "available".equals(a.state());
    }

    private String clientVpc() {
        if (client.vpcId() != null) {
            return client.vpcId();
        }
        if (client.subnetId() == null) {
            return null;
        }
        return model.subnet(client.subnetId()).map(s -> s.vpcId())
                .orElseGet(() -> model.routeTableOfSubnet(client.subnetId(), null).map(RouteTableObservation::vpcId).orElse(null));
    }

    private boolean outsideVpc() {
        return model.vpc(fs.vpcId()).map(v -> !EndpointRangeLint.insideVpc(fs.endpointIpAddressRange(), v)).orElse(false);
    }

    private static boolean connects(VpcPeeringObservation p, String a, String b) {
        String r = p.requester() == null ? null : p.requester().vpcId();
        String c = p.accepter() == null ? null : p.accepter().vpcId();
        return (Objects.equals(r, a) && (b == null || Objects.equals(c, b))) || (Objects.equals(c, a) && (b == null || Objects.equals(r, b)));
    }

    /** The most specific route of the table covering {@code destination}. */
    static Optional<Route> longestMatch(RouteTableObservation table, String destination) {
        return table.routes().stream().filter(r -> Cidr.contains(r.destination(), destination))
                .max(Comparator.comparingInt(r -> Cidr.parse(r.destination()).map(Cidr::prefix).orElse(-1)));
    }

    /**
     * Reachable as far as every hop was checked; a hop that could not be checked makes it UNVERIFIED, never
     * reachable: on-call must not read a guess as an all-clear.
     */
    private PathResult reachable(String explanation) {
        hops.add(fs.fileSystemId() + " " + address);
        if (!unverified.isEmpty()) {
            return result(PathVerdict.UNVERIFIED, null, null, "cannot prove " + client.name() + " reaches " + address
                    + ": not visible to floatwatch: " + String.join("; ", unverified)
                    + " (every other hop checked out)");
        }
        return result(PathVerdict.REACHABLE, null, null, explanation);
    }

    private PathResult unreachable(String hop, String missing, String explanation) {
        return result(PathVerdict.UNREACHABLE, hop, missing, explanation);
    }

    private PathResult unknown(String why) {
        unverified.add(why);
        return result(PathVerdict.UNVERIFIED, null, null, "cannot prove " + client.name() + " reaches " + address + ": " + why);
    }

    private PathResult result(PathVerdict verdict, String hop, String missing, String explanation) {
        return new PathResult(verdict, hops, hop, missing, explanation, List.copyOf(tables), List.copyOf(tgwTables),
                unverified, List.copyOf(accounts));
    }
}
