package io.floatwatch.collector.ec2;

import io.floatwatch.collector.Source;
import io.floatwatch.collector.SourceException;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/** Every route table of a scope, via the DescribeRouteTables paginator. */
public final class RouteTableSource implements Source<List<RouteTable>> {

    public static final String NAME = "ec2.route-tables";
    public static final String OPERATION = "DescribeRouteTables";
    /** EC2's maximum; without MaxResults EC2 answers everything at once, which times out at 50,000 tables. */
    static final int PAGE_SIZE = 100;

    private final AwsClients clients;

    public RouteTableSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RouteTable> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope)
                .describeRouteTablesPaginator(r -> r.maxResults(PAGE_SIZE))
                .routeTables().stream().toList());
    }

    @Override
    public List<Observation> map(Scope scope, List<RouteTable> tables, Instant observedAt) {
        List<Observation> observations = new ArrayList<>(tables.size());
        for (RouteTable table : tables) {
            try {
                observations.add(map(scope, table, observedAt));
            } catch (RuntimeException e) {
                throw new SourceException(OPERATION, "unexpected route table " + table.routeTableId() + ": " + e, e);
            }
        }
        return observations;
    }

    static RouteTableObservation map(Scope scope, RouteTable table, Instant observedAt) {
        Objects.requireNonNull(table.routeTableId(), "routeTableId");
        boolean main = table.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
        List<String> subnets = table.associations().stream()
                .filter(RouteTableSource::associated)
                .map(RouteTableAssociation::subnetId)
                .filter(Objects::nonNull)
                .toList();
        List<Route> routes = table.routes().stream().map(RouteTableSource::route).toList();
        Map<String, String> tags = new LinkedHashMap<>();
        table.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new RouteTableObservation(scope, observedAt, table.routeTableId(), table.vpcId(), main, subnets, routes, tags);
    }

    /** An association that is being removed or failed no longer routes the subnet's traffic. */
    private static boolean associated(RouteTableAssociation a) {
        return a.associationState() == null || a.associationState().stateAsString() == null
                || "associated".equals(a.associationState().stateAsString()) || "associating".equals(a.associationState().stateAsString());
    }

    static Route route(software.amazon.awssdk.services.ec2.model.Route r) {
        String destination = Stream.of(r.destinationCidrBlock(), r.destinationIpv6CidrBlock(), r.destinationPrefixListId())
                .filter(Objects::nonNull).findFirst().orElse(null);
        // An ENI of an instance is reported with both instanceId and networkInterfaceId; the ENI is what FSx writes.
        String target = Stream.of(r.networkInterfaceId(), r.transitGatewayId(), r.vpcPeeringConnectionId(), r.natGatewayId(),
                        r.gatewayId(), r.instanceId(), r.egressOnlyInternetGatewayId(), r.localGatewayId(), r.carrierGatewayId(),
                        r.coreNetworkArn())
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new Route(destination, target, r.stateAsString(), r.originAsString());
    }
}
