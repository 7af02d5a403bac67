package io.floatwatch.collector.tgw;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.TransitGatewayObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.TransitGateway;

/** Transit Gateways (DescribeTransitGateways, paginated) with their default route tables and ASN. */
public final class TransitGatewaySource implements Source<List<TransitGateway>> {

    public static final String NAME = "tgw.transit-gateways";
    public static final String OPERATION = "DescribeTransitGateways";

    private final AwsClients clients;

    public TransitGatewaySource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TransitGateway> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeTransitGatewaysPaginator(r -> r.maxResults(1000))
                .transitGateways().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<TransitGateway> tgws, Instant observedAt) {
        return Sources.mapEach(OPERATION, tgws, TransitGateway::transitGatewayId, t -> (Observation) new TransitGatewayObservation(scope,
                observedAt, Objects.requireNonNull(t.transitGatewayId(), "transitGatewayId"), t.ownerId(), t.stateAsString(),
                t.options() == null ? null : t.options().amazonSideAsn(),
                t.options() == null ? null : t.options().associationDefaultRouteTableId(),
                t.options() == null ? null : t.options().propagationDefaultRouteTableId()));
    }
}
