package io.floatwatch.collector.vpn;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.VpcAttachment;
import software.amazon.awssdk.services.ec2.model.VpnGateway;

/** Virtual private gateways and the VPCs attached to them (DescribeVpnGateways: not paginated). */
public final class VpnGatewaySource implements Source<List<VpnGateway>> {

    public static final String NAME = "vpn.gateways";
    public static final String OPERATION = "DescribeVpnGateways";

    private final AwsClients clients;

    public VpnGatewaySource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VpnGateway> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeVpnGateways().vpnGateways());
    }

    @Override
    public List<Observation> map(Scope scope, List<VpnGateway> vgws, Instant observedAt) {
        return Sources.mapEach(OPERATION, vgws, VpnGateway::vpnGatewayId, g -> (Observation) new VpnGatewayObservation(scope, observedAt,
                Objects.requireNonNull(g.vpnGatewayId(), "vpnGatewayId"), g.stateAsString(), g.amazonSideAsn(),
                g.vpcAttachments().stream().filter(a -> "attached".equals(a.stateAsString()) || "attaching".equals(a.stateAsString()))
                        .map(VpcAttachment::vpcId).toList()));
    }
}
