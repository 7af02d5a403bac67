package io.floatwatch.collector.ec2;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.CidrBlock;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionVpcInfo;

/** VPC peering connections (DescribeVpcPeeringConnections, paginated): a path that never carries floating IPs. */
public final class VpcPeeringSource implements Source<List<VpcPeeringConnection>> {

    public static final String NAME = "ec2.vpc-peering";
    public static final String OPERATION = "DescribeVpcPeeringConnections";

    private final AwsClients clients;

    public VpcPeeringSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VpcPeeringConnection> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeVpcPeeringConnectionsPaginator(r -> r.maxResults(1000))
                .vpcPeeringConnections().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<VpcPeeringConnection> peerings, Instant observedAt) {
        return Sources.mapEach(OPERATION, peerings, VpcPeeringConnection::vpcPeeringConnectionId, p -> (Observation) new VpcPeeringObservation(
                scope, observedAt, Objects.requireNonNull(p.vpcPeeringConnectionId(), "vpcPeeringConnectionId"),
                p.status() == null ? null : p.status().codeAsString(), side(p.requesterVpcInfo()), side(p.accepterVpcInfo())));
    }

    private static VpcPeeringObservation.Side side(VpcPeeringConnectionVpcInfo info) {
        if (info == null) {
            return null;
        }
        List<String> cidrs = new ArrayList<>();
        if (info.cidrBlock() != null) {
            cidrs.add(info.cidrBlock());
        }
        info.cidrBlockSet().stream().map(CidrBlock::cidrBlock).filter(c -> c != null && !cidrs.contains(c)).forEach(cidrs::add);
        return new VpcPeeringObservation.Side(info.ownerId(), info.region(), info.vpcId(), cidrs);
    }
}
