package io.floatwatch.collector.ec2;

import io.floatwatch.collector.source.PollAbandoned;
import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.aws.SourceException;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * The route-table inventory: every table of the scope (DescribeRouteTables, 100 per page), every
 * {@code collector.intervals.ec2.route-table-inventory} (10 minutes), as a poll of its own beside the fast loop
 * ({@link RouteTableSource}). At 50,000 tables that is 500 pages, minutes at floatwatch's EC2 share.
 *
 * <ul>
 *   <li><b>Background priority.</b> Each page waits for a token of the scope's EC2 bucket that no
 *       other poll wants ({@link AwsClients#ec2Background}), so the fast loop, and every other
 *       source, keep their cadence while an inventory runs; the inventory gets what they leave of
 *       the budget, which stays one bucket for all of them.</li>
 *   <li><b>Feeds, does not publish.</b> A complete inventory goes into the {@link RouteTableView};
 *       the fast loop publishes from it on its next poll (changes and tombstones, one writer per
 *       table). This poll publishes only its marker, {@code ec2.route-table-inventory}, with the
 *       number of tables listed, so a failing or slow inventory shows as its own stale source while
 *       the fast loop stays fresh.</li>
 *   <li><b>All or nothing, but resumable.</b> Nothing reaches the view before the last page, so a
 *       half-done inventory can drop no table. A failed page fails the poll and keeps the pages read
 *       so far and the failed page's NextToken; the next poll goes on from there (and starts over if
 *       EC2 no longer takes that token).</li>
 *   <li><b>Stops between pages</b> when the collector closes ({@link #stop()}), publishing nothing.</li>
 * </ul>
 */
public final class RouteTableInventorySource implements Source<List<RouteTable>> {

    public static final String NAME = "ec2.route-table-inventory";
    private static final Logger LOG = LoggerFactory.getLogger(RouteTableInventorySource.class);

    /** An inventory under way in one scope: the pages read so far and the token of the next one. */
    private static final class Progress {
        final List<RouteTableView.Answer> pages = new ArrayList<>();
        String nextToken;
        int pagesThisPoll;
    }

    private final AwsClients clients;
    private final RouteTableView view;
    /** Touched only by the scope's poll, which the collector never runs twice at once. */
    private final Map<Scope, Progress> progress = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** @param view shared with the scope's {@link RouteTableSource}, which publishes what this one reads */
    public RouteTableInventorySource(AwsClients clients, RouteTableView view) {
        this.clients = clients;
        this.view = view;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean publishesObservations() {
        return false;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public List<RouteTable> fetch(Scope scope) {
        Progress resumed = progress.get(scope);
        if (resumed != null && !resumed.pages.isEmpty()) {
            try {
                return readFrom(scope, resumed);
            } catch (SourceException e) {
                if (resumed.pagesThisPoll > 0) {
                    throw e;
                }
                // The page the last poll failed on fails again: perhaps EC2 no longer takes its token. Start over.
                LOG.info("route-table inventory of {} cannot resume after {} pages ({}); starting over", scope, resumed.pages.size(),
                        e.getMessage());
            }
        }
        Progress fresh = new Progress();
        progress.put(scope, fresh);
        return readFrom(scope, fresh);
    }

    private List<RouteTable> readFrom(Scope scope, Progress p) {
        p.pagesThisPoll = 0;
        do {
            if (stopped) {
                throw new PollAbandoned("the collector is closing; inventory of " + scope + " left after " + p.pages.size() + " pages");
            }
            AwsRequestOverrideConfiguration paid = backgroundToken(scope);
            String token = p.nextToken;
            long asked = view.tick();
            DescribeRouteTablesResponse page;
            try {
                page = AwsCalls.call(RouteTableSource.OPERATION, () -> clients.ec2(scope).describeRouteTables(r -> r
                        .maxResults(RouteTableSource.PAGE_SIZE).nextToken(token).overrideConfiguration(paid)));
            } catch (SourceException e) {
                if (stopped) {
                    throw new PollAbandoned("the collector is closing; inventory of " + scope + " left after " + p.pages.size() + " pages");
                }
                throw e;
            }
            p.pages.add(new RouteTableView.Answer(page.routeTables(), Set.of(), asked, view.tick()));
            p.nextToken = page.nextToken() == null || page.nextToken().isEmpty() ? null : page.nextToken();
            p.pagesThisPoll++;
        } while (p.nextToken != null);
        progress.remove(scope);
        List<RouteTable> all = new ArrayList<>();
        p.pages.forEach(page -> all.addAll(page.tables()));
        // A table that cannot be mapped fails this poll before it reaches the view, so the fast loop is not stopped by it.
        RouteTableSource.mapAll(scope, all, Instant.EPOCH);
        view.mergeInventory(scope, p.pages);
        return all;
    }

    private AwsRequestOverrideConfiguration backgroundToken(Scope scope) {
        try {
            return clients.ec2Background(scope, () -> !stopped);
        } catch (CancellationException e) {
            throw new PollAbandoned("the collector is closing; inventory of " + scope + " left while waiting for the EC2 rate limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(RouteTableSource.OPERATION, "interrupted while waiting for the EC2 rate limit", e);
        }
    }

    @Override
    public List<Observation> map(Scope scope, List<RouteTable> tables, Instant observedAt) {
        return RouteTableSource.mapAll(scope, tables, observedAt);
    }
}
