package io.floatwatch.collector.ec2;

import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.aws.SourceException;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
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
 * The fast route-table loop (DescribeRouteTables): every poll re-reads, in one call, only the tables
 * FSx writes floating routes into (the RouteTableIds the FSx source last saw) and the declared ones,
 * and publishes every table of the scope: those just read, the others as the
 * {@link RouteTableInventorySource inventory} last read them ({@link RouteTableView}). It is the one
 * source that publishes route tables, so a table's record and its tombstone come from one place.
 *
 * <p>The inventory is a poll of its own, on its own schedule, at the EC2 bucket's background
 * priority: however long it takes, this loop keeps its cadence and its calls go first.
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
    /** EC2's minimum MaxResults: what a poll reads when no table is FSx-managed or declared. */
    static final int PROBE_SIZE = 5;

    private final AwsClients clients;
    private final RouteTableView view;
    private final Sightings sightings;
    private final List<String> declared;
    /** When to poll next; null: at the configured interval. */
    private final RouteTableCadence cadence;
    private final Map<Scope, FailoverSignals> signals = new ConcurrentHashMap<>();
    /** Where each scope's rolling read of the managed tables stands. */
    private final Map<Scope, RollingPass> passes = new ConcurrentHashMap<>();

    /**
     * A pass of the rolling read: the last table id it read (the next page starts after it, so tables that come and go
     * between pages shift nothing), the calls it made so far and when its first page was asked.
     */
    private record RollingPass(String after, int calls, Instant started) {
    }

    /** Reads every table on every poll, with no inventory. */
    public RouteTableSource(AwsClients clients) {
        this(clients, null, null, List.of(), null);
    }

    public RouteTableSource(AwsClients clients, RouteTableView view, Sightings sightings, List<String> declared) {
        this(clients, view, sightings, declared, null);
    }

    /**
     * @param view      shared with the scope's {@link RouteTableInventorySource}
     * @param sightings where the FSx source's RouteTableIds are read
     * @param declared  tables read on every poll besides the FSx-managed ones, e.g. client subnets' tables
     * @param cadence   decides each next interval from the file systems and this loop's own reads; null: the configured one
     */
    public RouteTableSource(AwsClients clients, RouteTableView view, Sightings sightings, List<String> declared,
            RouteTableCadence cadence) {
        this.clients = clients;
        this.view = view;
        this.sightings = sightings;
        this.declared = List.copyOf(declared);
        this.cadence = cadence;
    }

    @Override
    public Duration nextInterval(Scope scope, Duration configured, Instant now) {
        if (cadence == null || sightings == null) {
            return configured;
        }
        return decide(scope, now).interval();
    }

    @Override
    public Duration nominalInterval(Scope scope, Duration configured) {
        if (cadence == null) {
            return configured;
        }
        FailoverSignals s = signals.get(scope);
        if (sightings == null) {
            return cadence.steady(s == null ? 1 : s.calls());
        }
        RouteTableCadence.Knowledge k = knowledge(scope, Instant.now());
        if (s != null && RouteTableCadence.watching(k)) {
            // Where the sentinel runs, a flip is seen at its interval (its polls, rolling pages included, are a few calls);
            // the full read's stretched interval would overstate how long a flip can go unseen.
            return cadence.flipInterval(k);
        }
        // A full read is next: what reading the managed tables takes (100 per page), also when the last read was of fewer
        // (a first poll before the file systems were seen), so a full read at 2,000 tables is not failed at a 2 s poll's deadline.
        int managed = sightings.managedRouteTableIds(scope).size() + declared.size();
        return cadence.steady(Math.max(s == null ? 1 : s.calls(), (managed + PAGE_SIZE - 1) / PAGE_SIZE));
    }

    /** The cadence's decision for the scope now, from the file systems' last poll and this loop's last read. */
    public RouteTableCadence.Decision decide(Scope scope, Instant now) {
        return cadence.next(knowledge(scope, now), now);
    }

    private RouteTableCadence.Knowledge knowledge(Scope scope, Instant now) {
        FailoverSignals s = signals.getOrDefault(scope, FailoverSignals.NONE);
        List<FileSystemObservation> fileSystems = sightings.latest(scope, FileSystemObservation.class);
        return new RouteTableCadence.Knowledge(fileSystems, s.disagree(), s.lastChange(),
                s.calls(), s.movingTables(now, RouteTableCadence.CONVERGING_HOLD), s.lastFull(),
                FlipSentinel.calls(FlipSentinel.watched(fileSystems, s.enisByTable()).size()), s.lastSentinel());
    }

    /** As {@link Source#poll}, with the poll's time as the time a managed route was seen moving. */
    @Override
    public List<Observation> poll(Scope scope, Instant observedAt) {
        return map(scope, fetch(scope, observedAt), observedAt);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RouteTable> fetch(Scope scope) {
        return fetch(scope, Instant.now());
    }

    private List<RouteTable> fetch(Scope scope, Instant now) {
        if (view == null) {
            return read(scope, List.of());
        }
        Set<String> managedIds = new TreeSet<>(sightings.managedRouteTableIds(scope));
        Set<String> fast = new TreeSet<>(managedIds);
        fast.addAll(declared);
        boolean all = cadence == null || cadence.readAll(knowledge(scope, now), now);
        if (!all && cadence.sentinel(knowledge(scope, now), now)) {
            List<RouteTableView.Answer> answers = sentinelAndPages(scope, managedIds, fast, now);
            return view.mergeFast(scope, answers);
        }
        List<RouteTableView.Answer> sentinelAnswers = !all && cadence.sentinelWithFocus(knowledge(scope, now), now)
                ? sentinelAndPages(scope, managedIds, fast, now) : List.of();
        if (!all) {
            // An urgent poll where every table would not fit the cadence: the urgent file systems' and the moving tables.
            fast = new TreeSet<>(cadence.focus(knowledge(scope, now), now));
            fast.retainAll(managedIds);
        }
        List<RouteTableView.Answer> answers = new ArrayList<>(sentinelAnswers);
        int[] calls = {0};
        if (fast.isEmpty()) {
            calls[0]++;
            // Nothing managed here, so nothing to re-read; but "ok" must always mean AWS answered this poll, never a
            // replay of the inventory alone, so ask for the first few tables (one call, whatever the region's size).
            long asked = view.tick();
            List<RouteTable> first = AwsCalls.call(OPERATION, () -> clients.ec2(scope)
                    .describeRouteTables(r -> r.maxResults(PROBE_SIZE)).routeTables());
            answers.add(new RouteTableView.Answer(first, Set.of(), asked, view.tick()));
        }
        List<String> ids = List.copyOf(fast);
        for (int from = 0; from < ids.size(); from += IDS_PER_FILTER) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_FILTER));
            long asked = view.tick();
            // A filter, not RouteTableIds: a table deleted since the FSx poll must not fail the whole poll.
            List<RouteTable> found = read(scope, List.of(Filter.builder().name("route-table-id").values(chunk).build()));
            answers.add(new RouteTableView.Answer(found, Set.copyOf(chunk), asked, view.tick()));
            calls[0] += Math.max(1, (found.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        }
        List<RouteTable> managed = new ArrayList<>();
        answers.stream().skip(sentinelAnswers.size()).filter(a -> !a.askedIds().isEmpty()).forEach(a -> managed.addAll(a.tables()));
        signals.compute(scope, (s, before) -> FailoverSignals.of(before, managed, all, calls[0], now));
        if (all) {
            passes.remove(scope);
        }
        // A fast-loop table that is gone is held as gone: it cannot come back from an older inventory page.
        return view.mergeFast(scope, answers);
    }

    /**
     * The sentinel, first so that a flip is found as early in the poll as it can be, and where the full read rolls, the next
     * page(s) of it.
     */
    private List<RouteTableView.Answer> sentinelAndPages(Scope scope, Set<String> managedIds, Set<String> fast, Instant now) {
        boolean rolling = RouteTableCadence.rolling(knowledge(scope, now));
        int pages = RouteTableCadence.rollingPages(knowledge(scope, now));
        List<RouteTableView.Answer> answers = new ArrayList<>(sentinel(scope, managedIds, now));
        if (rolling) {
            answers.addAll(rollingPages(scope, fast, pages, now));
        }
        return answers;
    }

    /**
     * The next {@code pages} pages of the rolling read of {@code fast} (the managed and declared tables), by id as the full
     * read asks: what they return replaces those tables in the view and the signals, and one they asked for and did not get
     * is held as gone; the tables they did not ask for keep their last read, so no page tombstones another's tables. The
     * page that reaches the last id ends the pass: that is the full read the cadence counts.
     */
    private List<RouteTableView.Answer> rollingPages(Scope scope, Set<String> fast, int pages, Instant now) {
        if (fast.isEmpty()) {
            return List.of();
        }
        TreeSet<String> ids = new TreeSet<>(fast);
        RollingPass pass = passes.get(scope);
        if (pass == null || pass.after() == null || ids.higher(pass.after()) == null) {
            pass = new RollingPass(null, 0, now);
        }
        List<String> page = new ArrayList<>();
        for (String id : pass.after() == null ? ids : ids.tailSet(pass.after(), false)) {
            if (page.size() == pages * PAGE_SIZE) {
                break;
            }
            page.add(id);
        }
        List<RouteTableView.Answer> answers = new ArrayList<>();
        List<RouteTable> read = new ArrayList<>();
        int calls = 0;
        for (int from = 0; from < page.size(); from += IDS_PER_FILTER) {
            List<String> chunk = page.subList(from, Math.min(page.size(), from + IDS_PER_FILTER));
            long asked = view.tick();
            List<RouteTable> found = read(scope, List.of(Filter.builder().name("route-table-id").values(chunk).build()));
            answers.add(new RouteTableView.Answer(found, Set.copyOf(chunk), asked, view.tick()));
            read.addAll(found);
            calls += Math.max(1, (found.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        }
        String last = page.get(page.size() - 1);
        RollingPass next = new RollingPass(last, pass.calls() + calls, pass.started());
        Set<String> asked = Set.copyOf(page);
        signals.compute(scope, (s, prior) -> {
            FailoverSignals after = FailoverSignals.ofPart(prior, read, asked, now);
            return ids.higher(last) == null ? after.passCompleted(ids, next.calls(), next.started()) : after;
        });
        passes.put(scope, next);
        return answers;
    }

    /**
     * A steady poll between full reads: only the managed tables whose routes point at a watched ENI, none while nothing
     * moves. Those it finds are fresh reads, published and fed to the signals as a focus read, so the move that found them
     * turns the loop urgent; the tables it does not find are not asked about and keep their last read.
     */
    private List<RouteTableView.Answer> sentinel(Scope scope, Set<String> managedIds, Instant now) {
        FailoverSignals before = signals.getOrDefault(scope, FailoverSignals.NONE);
        List<String> enis = List.copyOf(FlipSentinel.watched(sightings.latest(scope, FileSystemObservation.class), before.enisByTable()));
        List<RouteTableView.Answer> answers = new ArrayList<>();
        List<RouteTable> moved = new ArrayList<>();
        int calls = 0;
        for (int from = 0; from < enis.size(); from += FlipSentinel.VALUES_PER_CALL) {
            List<String> chunk = enis.subList(from, Math.min(enis.size(), from + FlipSentinel.VALUES_PER_CALL));
            long asked = view.tick();
            List<RouteTable> found = read(scope, List.of(Filter.builder().name("route.network-interface-id").values(chunk).build()))
                    .stream().filter(t -> managedIds.contains(t.routeTableId())).toList();
            calls += Math.max(1, (found.size() + PAGE_SIZE - 1) / PAGE_SIZE);
            Set<String> ids = new TreeSet<>();
            found.forEach(t -> ids.add(t.routeTableId()));
            answers.add(new RouteTableView.Answer(found, ids, asked, view.tick()));
            moved.addAll(found);
        }
        int spent = calls;
        signals.compute(scope, (s, prior) -> FailoverSignals.of(prior, moved, false, spent, now).sentinelAskedAt(now));
        return answers;
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
        return mapAll(scope, tables, observedAt);
    }

    static List<Observation> mapAll(Scope scope, List<RouteTable> tables, Instant observedAt) {
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
