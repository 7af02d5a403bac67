package io.floatwatch.analyzer.core.lint;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.region.Cidr;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.VpcObservation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FSx manages the floating routes only when the endpoint range lies inside the VPC CIDR and
 * overlaps no subnet. Outside the VPC CIDR, TGW route tables need static routes for the range.
 * Judged only once the VPC (and, for the overlap, its subnets) has been observed.
 */
public final class EndpointRangeLint {

    private EndpointRangeLint() {
    }

    public static void desired(Scope scope, RegionModel model, FileSystemObservation fs, Instant at, Map<String, Finding> out) {
        String range = fs.endpointIpAddressRange();
        if (range == null || Cidr.parse(range).isEmpty()) {
            return;
        }
        Optional<VpcObservation> vpc = model.vpc(fs.vpcId());
        if (vpc.isPresent() && !insideVpc(range, vpc.get())) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("endpoint_ip_address_range", range);
            evidence.put("vpc_id", fs.vpcId());
            evidence.put("vpc_cidrs", String.join(",", vpc.get().cidrBlocks()));
            VpnFindings.put(out, Finding.firing(FindingType.ENDPOINT_RANGE_OUTSIDE_VPC,
                    Subjects.fileSystem(scope, fs.fileSystemId()), Subjects.fileSystemLabels(scope, fs.fileSystemId()),
                    at, at, evidence, fs.fileSystemId() + ": endpoint range " + range + " is outside every CIDR of "
                            + fs.vpcId() + " (" + String.join(", ", vpc.get().cidrBlocks()) + "); Transit Gateway route"
                            + " tables need static routes for " + range + " towards " + fs.vpcId() + "'s attachment"));
        }
        List<SubnetObservation> overlapping = model.subnetsOverlappingRange(fs.fileSystemId());
        if (!overlapping.isEmpty()) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("endpoint_ip_address_range", range);
            evidence.put("subnets", String.join(",", overlapping.stream().map(SubnetObservation::subnetId).toList()));
            evidence.put("subnet_cidrs", String.join(",", overlapping.stream().map(SubnetObservation::cidrBlock).toList()));
            VpnFindings.put(out, Finding.firing(FindingType.ENDPOINT_RANGE_OVERLAPS_SUBNET,
                    Subjects.fileSystem(scope, fs.fileSystemId()), Subjects.fileSystemLabels(scope, fs.fileSystemId()),
                    at, at, evidence, fs.fileSystemId() + ": endpoint range " + range + " overlaps "
                            + String.join(", ", overlapping.stream().map(s -> s.subnetId() + " (" + s.cidrBlock() + ")").toList())
                            + "; FSx will not manage the floating routes"));
        }
    }

    public static boolean insideVpc(String range, VpcObservation vpc) {
        return vpc.cidrBlocks().stream().anyMatch(c -> Cidr.contains(c, range));
    }
}
