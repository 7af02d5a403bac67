package io.floatwatch.collector.firewall;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/** Network ACLs (DescribeNetworkAcls, paginated) with their entries and the subnets they guard. */
public final class NetworkAclSource implements Source<List<NetworkAcl>> {

    public static final String NAME = "ec2.network-acls";
    public static final String OPERATION = "DescribeNetworkAcls";

    private final AwsClients clients;

    public NetworkAclSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<NetworkAcl> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeNetworkAclsPaginator(r -> r.maxResults(1000))
                .networkAcls().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<NetworkAcl> acls, Instant observedAt) {
        return Sources.mapEach(OPERATION, acls, NetworkAcl::networkAclId, a -> (Observation) map(scope, a, observedAt));
    }

    static NetworkAclObservation map(Scope scope, NetworkAcl acl, Instant observedAt) {
        Objects.requireNonNull(acl.networkAclId(), "networkAclId");
        List<NetworkAclObservation.Entry> entries = acl.entries().stream()
                .map(NetworkAclSource::entry)
                .sorted(Comparator.comparing(NetworkAclObservation.Entry::egress).thenComparingInt(NetworkAclObservation.Entry::ruleNumber))
                .toList();
        List<String> subnets = acl.associations().stream().map(NetworkAclAssociation::subnetId).filter(Objects::nonNull).sorted().toList();
        return new NetworkAclObservation(scope, observedAt, acl.networkAclId(), acl.vpcId(), Boolean.TRUE.equals(acl.isDefault()),
                entries, subnets);
    }

    private static NetworkAclObservation.Entry entry(NetworkAclEntry e) {
        Integer from = e.portRange() == null ? null : e.portRange().from();
        Integer to = e.portRange() == null ? null : e.portRange().to();
        return new NetworkAclObservation.Entry(Objects.requireNonNull(e.ruleNumber(), "ruleNumber"), Boolean.TRUE.equals(e.egress()),
                e.protocol(), from, to, e.cidrBlock(), e.ruleAction() == RuleAction.ALLOW);
    }
}
