package io.floatwatch.collector.ec2;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.VpcObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;

/** VPCs with every associated IPv4 CIDR (DescribeVpcs, paginated): an endpoint range inside one gets FSx-managed routes. */
public final class VpcSource implements Source<List<Vpc>> {

    public static final String NAME = "ec2.vpcs";
    public static final String OPERATION = "DescribeVpcs";

    private final AwsClients clients;

    public VpcSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Vpc> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeVpcsPaginator(r -> r.maxResults(1000)).vpcs().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<Vpc> vpcs, Instant observedAt) {
        return Sources.mapEach(OPERATION, vpcs, Vpc::vpcId, v -> (Observation) map(scope, v, observedAt));
    }

    static VpcObservation map(Scope scope, Vpc vpc, Instant observedAt) {
        Objects.requireNonNull(vpc.vpcId(), "vpcId");
        List<String> cidrs = new ArrayList<>();
        if (vpc.cidrBlock() != null) {
            cidrs.add(vpc.cidrBlock());
        }
        for (VpcCidrBlockAssociation a : vpc.cidrBlockAssociationSet()) {
            // A CIDR being disassociated or that failed to associate routes nothing.
            String state = a.cidrBlockState() == null ? null : a.cidrBlockState().stateAsString();
            if ((state == null || "associated".equals(state)) && a.cidrBlock() != null && !cidrs.contains(a.cidrBlock())) {
                cidrs.add(a.cidrBlock());
            }
        }
        return new VpcObservation(scope, observedAt, vpc.vpcId(), vpc.ownerId(), cidrs);
    }
}
