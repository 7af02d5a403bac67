package io.floatwatch.collector.ec2;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.SubnetObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** Subnets (DescribeSubnets, paginated): an endpoint range overlapping one is not managed by FSx. */
public final class SubnetSource implements Source<List<Subnet>> {

    public static final String NAME = "ec2.subnets";
    public static final String OPERATION = "DescribeSubnets";

    private final AwsClients clients;

    public SubnetSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Subnet> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeSubnetsPaginator(r -> r.maxResults(1000)).subnets().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<Subnet> subnets, Instant observedAt) {
        return Sources.mapEach(OPERATION, subnets, Subnet::subnetId, s -> (Observation) new SubnetObservation(scope, observedAt,
                Objects.requireNonNull(s.subnetId(), "subnetId"), s.vpcId(), s.cidrBlock(), s.availabilityZone(), s.availableIpAddressCount()));
    }
}
