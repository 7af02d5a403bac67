package io.floatwatch.analyzer.core.lint;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.PathEvaluator;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * CLIENT_SUBNET_NOT_COVERED: a subnet that clients use (a declared client's subnet in the file
 * system's VPC, or a TGW attachment subnet when clients come through the TGW) whose route table
 * FSx does not manage: not in RouteTableIds, or without the {@code AmazonFSx=ManagedByAmazonFSx}
 * tag FSx's service-linked role needs to rewrite it. Such a subnet cannot reach the floating IPs, and
 * a failover will not fix it (a hand-made /32 there breaks at the first failover).
 *
 * <p>Only subnets with clients of the file system count: a table outside RouteTableIds that no
 * client uses, such as an unused main table, is not a problem.
 */
public final class CoverageLint {

    public static final String TAG_KEY = "AmazonFSx";
    public static final String TAG_VALUE = "ManagedByAmazonFSx";

    private CoverageLint() {
    }

    public static void desired(Scope scope, RegionModel model, FileSystemObservation fs, List<DeclaredClient> clients,
            Instant at, Map<String, Finding> out) {
        // subnet -> names of the clients whose traffic leaves or enters through it
        Map<String, TreeSet<String>> clientSubnets = new TreeMap<>();
        boolean tgwClients = false;
        for (DeclaredClient c : clients) {
            if (!c.targets(fs.fileSystemId())) {
                continue;
            }
            if (c.via() == Via.SAME_VPC && c.subnetId() != null && inVpc(model, c, fs.vpcId())) {
                clientSubnets.computeIfAbsent(c.subnetId(), s -> new TreeSet<>()).add(c.name());
            }
            tgwClients |= c.via().viaTransitGateway();
        }
        if (tgwClients) {
            for (TransitGatewayAttachmentObservation a : PathEvaluator.vpcAttachments(model, fs.vpcId())) {
                for (String subnet : a.subnetIds()) {
                    clientSubnets.computeIfAbsent(subnet, s -> new TreeSet<>()).add("tgw:" + a.attachmentId());
                }
            }
        }
        for (Map.Entry<String, TreeSet<String>> e : clientSubnets.entrySet()) {
            Optional<RouteTableObservation> table = model.routeTableOfSubnet(e.getKey(), fs.vpcId());
            if (table.isEmpty()) {
                continue;
            }
            String tableId = table.get().routeTableId();
            String reason;
            String why;
            if (!fs.routeTableIds().contains(tableId)) {
                reason = "not_in_route_table_ids";
                why = tableId + " is not in " + fs.fileSystemId() + "'s RouteTableIds";
            } else if (!TAG_VALUE.equals(table.get().tags().get(TAG_KEY))) {
                reason = "untagged";
                why = tableId + " lacks the tag " + TAG_KEY + "=" + TAG_VALUE + ", so FSx cannot rewrite it at failover";
            } else {
                continue;
            }
            Map<String, String> labels = Subjects.fileSystemLabels(scope, fs.fileSystemId());
            labels.put(Labels.ROUTE_TABLE_ID, tableId);
            List<String> names = new ArrayList<>(e.getValue());
            labels.put(Labels.CLIENT, String.join(",", names));
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("subnet_id", e.getKey());
            evidence.put("route_table_id", tableId);
            evidence.put("reason", reason);
            evidence.put("route_table_ids", String.join(",", fs.routeTableIds()));
            evidence.put("explicit_association", Boolean.toString(model.explicitlyAssociated(e.getKey())));
            VpnFindings.put(out, Finding.firing(FindingType.CLIENT_SUBNET_NOT_COVERED,
                    Subjects.fileSystem(scope, fs.fileSystemId()) + "/" + e.getKey(), labels, at, at, evidence,
                    fs.fileSystemId() + ": clients in " + e.getKey() + " (" + String.join(", ", names) + ") use " + why
                            + "; they cannot reach " + String.join(", ", fs.floatingIps())
                            + " and a failover will not fix their routes"));
        }
    }

    private static boolean inVpc(RegionModel model, DeclaredClient c, String vpcId) {
        if (c.vpcId() != null) {
            return c.vpcId().equals(vpcId);
        }
        return model.subnet(c.subnetId()).map(SubnetObservation::vpcId).map(v -> Objects.equals(v, vpcId)).orElse(false);
    }
}
