package io.floatwatch.collector.tgw;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;

/**
 * TGW attachments of every type (vpc, vpn, peering, connect, ...) with the route table each is
 * associated with (DescribeTransitGatewayAttachments, paginated). The subnets of VPC attachments
 * would need DescribeTransitGatewayVpcAttachments and are not read yet: subnetIds stays empty.
 */
public final class TransitGatewayAttachmentSource implements Source<List<TransitGatewayAttachment>> {

    public static final String NAME = "tgw.attachments";
    public static final String OPERATION = "DescribeTransitGatewayAttachments";

    private final AwsClients clients;

    public TransitGatewayAttachmentSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TransitGatewayAttachment> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeTransitGatewayAttachmentsPaginator(r -> r.maxResults(1000))
                .transitGatewayAttachments().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<TransitGatewayAttachment> attachments, Instant observedAt) {
        return Sources.mapEach(OPERATION, attachments, TransitGatewayAttachment::transitGatewayAttachmentId,
                a -> (Observation) new TransitGatewayAttachmentObservation(scope, observedAt,
                        Objects.requireNonNull(a.transitGatewayAttachmentId(), "transitGatewayAttachmentId"), a.transitGatewayId(),
                        a.resourceTypeAsString(), a.resourceId(), a.resourceOwnerId(), a.stateAsString(),
                        a.association() == null ? null : a.association().transitGatewayRouteTableId(), List.of()));
    }
}
