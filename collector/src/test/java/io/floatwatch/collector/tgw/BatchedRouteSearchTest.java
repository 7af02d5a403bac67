package io.floatwatch.collector.tgw;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.CollectorSettingsBuilder;
import io.floatwatch.collector.TestSupport;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.aws.SimTransitGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;

class BatchedRouteSearchTest {

    private static final String TABLE = "tgw-rtb-0batch";
    private AwsSimulator simulator;
    private AwsClients clients;
    private final List<String> floating = new ArrayList<>();

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        // The EC2 budget is not under test here; the call count is.
        CollectorSettings settings = CollectorSettingsBuilder.from(TestSupport.settings(simulator, "unused:9092", TOKYO))
                .ec2RateLimit(100, 100).build();
        clients = TestSupport.clients(settings, new SimpleMeterRegistry());
        List<SimTgwRouteTable.Route> routes = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            String ip = "10." + (i / 200) + "." + (i % 200) + ".231/32";
            floating.add(ip);
            routes.add(SimTgwRouteTable.Route.staticTo(ip, "tgw-attach-1"));
        }
        routes.add(new SimTgwRouteTable.Route("10.0.0.0/8", "propagated", "active", List.of("tgw-attach-1")));
        var region = simulator.region(TOKYO.region());
        region.putTransitGateway(new SimTransitGateway("tgw-0batch", "available", 64512, TABLE, TABLE));
        region.putTgwRouteTable(new SimTgwRouteTable(TABLE, "tgw-0batch", List.of(), routes));
    }

    @AfterEach
    void stop() {
        clients.close();
        simulator.close();
    }

    @Test
    void shouldAskAtMost200DestinationsPerCallWhenManyFloatingIpsAreSearched() {
        BatchedRouteSearch search = new BatchedRouteSearch(clients.ec2(TOKYO), TABLE);

        search.byValues(TransitGatewayRouteTableSource.EXACT_MATCH, floating);

        assertThat(search.routes()).extracting(TransitGatewayRoute::destinationCidrBlock).containsExactlyInAnyOrderElementsOf(floating);
        assertThat(search.truncated()).isFalse();
        // 450 destinations: 200 + 200 + 50, instead of 450 calls.
        assertThat(simulator.requestCount(TransitGatewayRouteTableSource.SEARCH)).isEqualTo(3);
    }

    @Test
    void shouldSplitABatchAndFindEveryRouteWhenAnAnswerIsCutOff() {
        simulator.pageSize(64);
        BatchedRouteSearch search = new BatchedRouteSearch(clients.ec2(TOKYO), TABLE);

        search.byValues(TransitGatewayRouteTableSource.EXACT_MATCH, floating);

        assertThat(search.routes()).extracting(TransitGatewayRoute::destinationCidrBlock).containsExactlyInAnyOrderElementsOf(floating);
        assertThat(search.truncated()).isFalse();
        // Each 200-value batch: cut off, its halves of 100 cut off, their halves of 50 fit: 1 + 2 + 4 = 7 calls; the 50 fit at once.
        assertThat(simulator.requestCount(TransitGatewayRouteTableSource.SEARCH)).isEqualTo(7 + 7 + 1);
    }

    @Test
    void shouldMarkTheTableTruncatedOnlyWhenASingleValueIsStillCutOff() {
        simulator.pageSize(5);
        BatchedRouteSearch search = new BatchedRouteSearch(clients.ec2(TOKYO), TABLE);

        search.byValues(TransitGatewayRouteTableSource.LONGEST_PREFIX_MATCH, List.of("10.0.7.231/32", "10.9.9.9/32"));
        assertThat(search.routes()).extracting(TransitGatewayRoute::destinationCidrBlock).containsExactlyInAnyOrder("10.0.7.231/32", "10.0.0.0/8");
        assertThat(search.truncated()).isFalse();

        search.once(software.amazon.awssdk.services.ec2.model.Filter.builder().name("attachment.transit-gateway-attachment-id")
                .values("tgw-attach-1").build());
        assertThat(search.truncated()).isTrue();
    }
}
