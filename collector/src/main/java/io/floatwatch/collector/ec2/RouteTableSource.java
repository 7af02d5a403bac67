package io.floatwatch.collector.ec2;

import io.floatwatch.collector.Sightings;
import io.floatwatch.collector.Source;
import io.floatwatch.collector.SourceException;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/**
 * Route tables of a scope (DescribeRouteTables, paginated), in two speeds so the fast loop stays
 * small: every poll re-reads, in one call, only the tables FSx writes floating routes into (the
 * RouteTableIds the FSx source last saw) and the declared ones; every {@code inventory} interval
 * it reads every table. Between inventories the other tables are published as last read, so they
 * are neither re-read nor tombstoned.
 *
 * <p>FSx also tags the tables it manages ({@code AmazonFSx=ManagedByAmazonFSx}); a second call by
 * that tag would find tables of file systems not seen yet, but doubles the fast loop's cost, and
 * the inventory finds them within its interval anyway.
 */
public final class RouteTableSource implements Source<List<RouteTable>> {

    private static final int IDS_PER_FILTER = 200;

    public static final String NAME = "ec2.route-tables";
    public static final String OPERATION = "DescribeRouteTables";
    /** EC2's maximum; without MaxResults EC2 answers everything at once, which times out at 50,000 tables. */
    static final int PAGE_SIZE = 100;

    private record Inventory(Instant readAt, List<RouteTable> tables) {
    }

    private final AwsClients clients;
    private final Sightings sightings;
    private final List<String> declared;
    private final Duration inventoryEvery;
    private final Clock clock;
    private final Map<Scope, Inventory> inventories = new ConcurrentHashMap<>();

    /** Reads every table on every poll. */
    public RouteTableSource(AwsClients clients) {
        this(clients, null, List.of(), Duration.ZERO, Clock.systemUTC());
    }

    /**
     * @param declared       tables read on every poll besides the FSx-managed ones, e.g. client subnets' tables
     * @param inventoryEvery how often every table is read; zero reads all of them every poll
     */
    public RouteTableSource(AwsClients clients, Sightings sightings, List<String> declared, Duration inventoryEvery, Clock clock) {
        this.clients = clients;
        this.sightings = sightings;
        this.declared = List.copyOf(declared);
        this.inventoryEvery = inventoryEvery;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RouteTable> fetch(Scope scope) {
        Instant now = clock.instant();
        Inventory last = inventories.get(scope);
        if (sightings == null || last == null || !now.isBefore(last.readAt().plus(inventoryEvery))) {
            List<RouteTable> all = read(scope, List.of());
            inventories.put(scope, new Inventory(now, all));
            return all;
        }
        Set<String> fast = new TreeSet<>(sightings.managedRouteTableIds(scope));
        fast.addAll(declared);
        if (fast.isEmpty()) {
            // Nothing managed here, so nothing to re-read cheaply; but "ok" must always mean AWS answered
            // this poll, never a replay of the last inventory, so read everything (a region without FSx is small).
            List<RouteTable> all = read(scope, List.of());
            inventories.put(scope, new Inventory(now, all));
            return all;
        }
        Map<String, RouteTable> fresh = new LinkedHashMap<>();
        List<String> ids = List.copyOf(fast);
        for (int from = 0; from < ids.size(); from += IDS_PER_FILTER) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_FILTER));
            // A filter, not RouteTableIds: a table deleted since the FSx poll must not fail the whole poll.
            read(scope, List.of(Filter.builder().name("route-table-id").values(chunk).build()))
                    .forEach(t -> fresh.put(t.routeTableId(), t));
        }
        List<RouteTable> result = new ArrayList<>(fresh.values());
        // A fast-loop table that is gone stays gone: it must not come back from the older inventory.
        last.tables().stream().filter(t -> !fresh.containsKey(t.routeTableId()) && !fast.contains(t.routeTableId())).forEach(result::add);
        return result;
    }

    private List<RouteTable> read(Scope scope, List<Filter> filters) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope)
                .describeRouteTablesPaginator(r -> {
                    r.maxResults(PAGE_SIZE);
                    if (!filters.isEmpty()) {
                        r.filters(filters);
                    }
                })
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
