package io.floatwatch.collector.tgw;

import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.aws.SourceException;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTablePropagation;

/**
 * TGW route tables with their associations and propagations, and only the routes that matter,
 * found with SearchTransitGatewayRoutes rather than a dump (a dump costs a call per 1,000 routes and
 * is still cut off). Per table:
 * <ul>
 * <li>{@code route-search.exact-match} for every floating destination (each floating IP as a /32,
 *     each endpoint range): proves a static route for it present;</li>
 * <li>{@code route-search.longest-prefix-match} for every floating IP: the route that really carries
 *     the address, usually the propagated VPC CIDR, which no exact match returns; without it a
 *     missing route cannot be told from a covering one;</li>
 * <li>{@code state=blackhole}.</li>
 * </ul>
 * EC2 ORs the values of one filter, so each kind of lookup costs one call per 200 values
 * ({@link BatchedRouteSearch}), not one per value. {@code searchedDestinations} lists the exact
 * lookups as the destination itself and the longest-prefix lookups with the {@value #LPM_PREFIX}
 * prefix, so "no route" is told from "not asked" for each kind.
 *
 * <p>The destinations come from what the FSx source last saw in the same scope; before it has
 * polled, only blackholes are searched, and {@code searchedDestinations} says so.
 */
public final class TransitGatewayRouteTableSource implements Source<TransitGatewayRouteTableSource.Snapshot> {

    public static final String NAME = "tgw.route-tables";
    public static final String DESCRIBE = "DescribeTransitGatewayRouteTables";
    public static final String ASSOCIATIONS = "GetTransitGatewayRouteTableAssociations";
    public static final String PROPAGATIONS = "GetTransitGatewayRouteTablePropagations";
    public static final String SEARCH = "SearchTransitGatewayRoutes";
    static final String EXACT_MATCH = "route-search.exact-match";
    static final String LONGEST_PREFIX_MATCH = "route-search.longest-prefix-match";
    /** Marks a longest-prefix lookup in {@code searchedDestinations}; an exact lookup is the bare destination. */
    public static final String LPM_PREFIX = "lpm:";

    /** The answers for one TGW route table. */
    public record TableRead(TransitGatewayRouteTable table, List<TransitGatewayRouteTableAssociation> associations,
            List<TransitGatewayRouteTablePropagation> propagations, List<TransitGatewayRoute> routes, boolean truncated) {
    }

    /** All answers of one poll and the destinations that were searched. */
    public record Snapshot(List<TableRead> tables, List<String> destinations) {
    }

    private final AwsClients clients;
    private final Sightings sightings;
    private final List<String> clientCidrs;

    public TransitGatewayRouteTableSource(AwsClients clients, Sightings sightings) {
        this(clients, sightings, List.of());
    }

    /** @param clientCidrs declared clients' CIDRs, looked up by longest prefix so the way back is proven either way */
    public TransitGatewayRouteTableSource(AwsClients clients, Sightings sightings, List<String> clientCidrs) {
        this.clients = clients;
        this.sightings = sightings;
        this.clientCidrs = List.copyOf(clientCidrs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Snapshot fetch(Scope scope) {
        Ec2Client ec2 = clients.ec2(scope);
        List<String> destinations = sightings.floatingDestinations(scope);
        List<String> addresses = new ArrayList<>(new java.util.TreeSet<>(sightings.floatingAddresses(scope)));
        clientCidrs.stream().filter(c -> !addresses.contains(c)).forEach(addresses::add);
        List<TransitGatewayRouteTable> tables = AwsCalls.call(DESCRIBE, () -> ec2.describeTransitGatewayRouteTablesPaginator(
                r -> r.maxResults(1000)).transitGatewayRouteTables().stream().toList());
        List<TableRead> reads = new ArrayList<>();
        for (TransitGatewayRouteTable table : tables) {
            String id = table.transitGatewayRouteTableId();
            List<TransitGatewayRouteTableAssociation> associations = AwsCalls.call(ASSOCIATIONS, () -> ec2
                    .getTransitGatewayRouteTableAssociationsPaginator(r -> r.transitGatewayRouteTableId(id).maxResults(1000))
                    .associations().stream().toList());
            List<TransitGatewayRouteTablePropagation> propagations = AwsCalls.call(PROPAGATIONS, () -> ec2
                    .getTransitGatewayRouteTablePropagationsPaginator(r -> r.transitGatewayRouteTableId(id).maxResults(1000))
                    .transitGatewayRouteTablePropagations().stream().toList());
            BatchedRouteSearch search = new BatchedRouteSearch(ec2, id);
            search.byValues(EXACT_MATCH, destinations);
            search.byValues(LONGEST_PREFIX_MATCH, addresses);
            search.once(Filter.builder().name("state").values("blackhole").build());
            reads.add(new TableRead(table, associations, propagations, search.routes(), search.truncated()));
        }
        List<String> searched = new ArrayList<>(destinations);
        addresses.forEach(a -> searched.add(LPM_PREFIX + a));
        return new Snapshot(reads, searched);
    }

    @Override
    public List<Observation> map(Scope scope, Snapshot snapshot, Instant observedAt) {
        List<Observation> out = new ArrayList<>();
        for (TableRead read : snapshot.tables()) {
            try {
                out.add(map(scope, read, snapshot.destinations(), observedAt));
            } catch (RuntimeException e) {
                throw new SourceException(DESCRIBE, "unexpected TGW route table " + read.table().transitGatewayRouteTableId() + ": " + e, e);
            }
        }
        return out;
    }

    static TransitGatewayRouteTableObservation map(Scope scope, TableRead read, List<String> destinations, Instant observedAt) {
        // The same route can come back from several searches (a /32 is its own exact and longest-prefix match).
        Map<String, TgwRoute> routes = new LinkedHashMap<>();
        for (TransitGatewayRoute r : read.routes()) {
            String destination = r.destinationCidrBlock() != null ? r.destinationCidrBlock() : r.prefixListId();
            List<String> attachments = r.transitGatewayAttachments().stream()
                    .map(TransitGatewayRouteAttachment::transitGatewayAttachmentId).toList();
            routes.putIfAbsent(destination, new TgwRoute(destination, r.typeAsString(), r.stateAsString(), attachments));
        }
        return new TransitGatewayRouteTableObservation(scope, observedAt, read.table().transitGatewayRouteTableId(),
                read.table().transitGatewayId(),
                read.associations().stream().map(TransitGatewayRouteTableAssociation::transitGatewayAttachmentId).toList(),
                read.propagations().stream().filter(p -> p.state() == null || "enabled".equals(p.stateAsString()))
                        .map(TransitGatewayRouteTablePropagation::transitGatewayAttachmentId).toList(),
                destinations, List.copyOf(routes.values()), read.truncated());
    }
}
