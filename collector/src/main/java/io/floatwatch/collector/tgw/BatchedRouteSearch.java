package io.floatwatch.collector.tgw;

import io.floatwatch.collector.aws.AwsCalls;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;

/**
 * SearchTransitGatewayRoutes for one TGW route table, with many lookups per call: EC2 ORs the values
 * of one filter, so 200 floating destinations cost one call instead of 200. A batch whose answer
 * is cut off (AdditionalRoutesAvailable; at most 1,000 routes per call and no NextToken) is split
 * in halves and asked again, down to a single value; only a single value that is still cut off
 * leaves the table {@link #truncated()}.
 */
final class BatchedRouteSearch {

    /** EC2 accepts at most 200 values per filter. */
    static final int VALUES_PER_CALL = 200;
    static final int MAX_ROUTES = 1000;

    private final Ec2Client ec2;
    private final String tableId;
    private final List<TransitGatewayRoute> routes = new ArrayList<>();
    private boolean truncated;

    BatchedRouteSearch(Ec2Client ec2, String tableId) {
        this.ec2 = ec2;
        this.tableId = tableId;
    }

    /** Looks every value up with {@code filterName}, as few calls as the limits allow. */
    void byValues(String filterName, List<String> values) {
        for (int from = 0; from < values.size(); from += VALUES_PER_CALL) {
            splitWhenCutOff(filterName, values.subList(from, Math.min(values.size(), from + VALUES_PER_CALL)));
        }
    }

    /** One search that cannot be split (e.g. every blackhole route). */
    void once(Filter filter) {
        SearchTransitGatewayRoutesResponse response = call(filter);
        routes.addAll(response.routes());
        truncated |= Boolean.TRUE.equals(response.additionalRoutesAvailable());
    }

    List<TransitGatewayRoute> routes() {
        return routes;
    }

    boolean truncated() {
        return truncated;
    }

    private void splitWhenCutOff(String filterName, List<String> values) {
        SearchTransitGatewayRoutesResponse response = call(Filter.builder().name(filterName).values(values).build());
        boolean cutOff = Boolean.TRUE.equals(response.additionalRoutesAvailable());
        if (!cutOff || values.size() == 1) {
            routes.addAll(response.routes());
            truncated |= cutOff;
            return;
        }
        // The halves return everything this answer held, so it is dropped rather than merged twice.
        int half = values.size() / 2;
        splitWhenCutOff(filterName, values.subList(0, half));
        splitWhenCutOff(filterName, values.subList(half, values.size()));
    }

    private SearchTransitGatewayRoutesResponse call(Filter filter) {
        return AwsCalls.call(TransitGatewayRouteTableSource.SEARCH, () -> ec2.searchTransitGatewayRoutes(
                r -> r.transitGatewayRouteTableId(tableId).filters(filter).maxResults(MAX_ROUTES)));
    }
}
