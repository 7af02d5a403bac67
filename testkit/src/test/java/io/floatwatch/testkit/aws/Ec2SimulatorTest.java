package io.floatwatch.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;

class Ec2SimulatorTest {

    private static final String REGION = "ap-northeast-1";
    private static AwsSimulator simulator;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start();
        ec2 = SdkClients.ec2(simulator, REGION);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.resetFaultsAndCounts();
        simulator.pageSize(AwsSimulator.DEFAULT_PAGE_SIZE);
        simulator.region(REGION).clear();
        simulator.region("us-east-1").clear();
    }

    @Test
    void shouldReturnEveryTableAcrossPagesWhenThePageSizeIsSmallerThanTheResult() {
        for (int i = 0; i < 7; i++) {
            simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-0" + i, "vpc-1", List.of(), List.of(SimRoute.local("10.0.0.0/16"))));
        }
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-other", "vpc-2", List.of(), List.of()));
        simulator.pageSize(3);

        List<String> ids = ec2.describeRouteTablesPaginator(r -> r.filters(Filter.builder().name("vpc-id").values("vpc-1").build()))
                .routeTables().stream().map(RouteTable::routeTableId).toList();

        assertThat(ids).containsExactly("rtb-00", "rtb-01", "rtb-02", "rtb-03", "rtb-04", "rtb-05", "rtb-06");
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(3);
    }

    @Test
    void shouldCarryRoutesAssociationsVgwsAndTagsWhenTheSdkParsesATable() {
        SimRouteTable table = SimRouteTable.of("rtb-a", "vpc-1", List.of("subnet-1", "subnet-2"), List.of(
                        SimRoute.local("10.0.0.0/16"),
                        SimRoute.to("10.0.255.231/32", "eni-1"),
                        SimRoute.to("192.168.0.0/16", "tgw-1"),
                        SimRoute.to("172.16.0.0/16", "pcx-1").withState(SimRoute.BLACKHOLE)))
                .withMain(true).withPropagatingVgws(List.of("vgw-1")).withTags(Map.of("Name", "client"));
        simulator.region(REGION).putRouteTable(table);

        RouteTable parsed = ec2.describeRouteTables(r -> r.routeTableIds("rtb-a")).routeTables().get(0);

        assertThat(parsed.vpcId()).isEqualTo("vpc-1");
        assertThat(parsed.ownerId()).isEqualTo(AwsSimulator.DEFAULT_ACCOUNT);
        assertThat(parsed.routes()).extracting(Route::destinationCidrBlock)
                .containsExactly("10.0.0.0/16", "10.0.255.231/32", "192.168.0.0/16", "172.16.0.0/16");
        assertThat(parsed.routes().get(0).gatewayId()).isEqualTo("local");
        assertThat(parsed.routes().get(1).networkInterfaceId()).isEqualTo("eni-1");
        assertThat(parsed.routes().get(2).transitGatewayId()).isEqualTo("tgw-1");
        assertThat(parsed.routes().get(3).vpcPeeringConnectionId()).isEqualTo("pcx-1");
        assertThat(parsed.routes().get(3).state()).isEqualTo(RouteState.BLACKHOLE);
        assertThat(parsed.associations()).anyMatch(a -> Boolean.TRUE.equals(a.main()) && a.subnetId() == null);
        assertThat(parsed.associations()).filteredOn(a -> a.subnetId() != null).extracting(a -> a.subnetId())
                .containsExactly("subnet-1", "subnet-2");
        assertThat(parsed.propagatingVgws()).extracting(v -> v.gatewayId()).containsExactly("vgw-1");
        assertThat(parsed.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("Name=client");
    }

    @Test
    void shouldAnswerEachRegionFromItsOwnStateWhenClientsSignForDifferentRegions() {
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-tokyo", "vpc-1", List.of(), List.of()));
        simulator.region("us-east-1").putRouteTable(SimRouteTable.of("rtb-virginia", "vpc-9", List.of(), List.of()));

        try (Ec2Client virginia = SdkClients.ec2(simulator, "us-east-1")) {
            assertThat(virginia.describeRouteTables().routeTables()).extracting(RouteTable::routeTableId).containsExactly("rtb-virginia");
        }
        assertThat(ec2.describeRouteTables().routeTables()).extracting(RouteTable::routeTableId).containsExactly("rtb-tokyo");
    }

    @Test
    void shouldSucceedAfterSdkRetriesWhenThrottledTwice() {
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-a", "vpc-1", List.of(), List.of()));
        simulator.throttleNext("DescribeRouteTables", 2);

        assertThat(ec2.describeRouteTables().routeTables()).hasSize(1);
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(3);
    }

    @Test
    void shouldSurfaceRequestLimitExceededWhenThrottledBeyondTheRetryBudget() {
        simulator.throttleNext("DescribeRouteTables", 10);

        assertThatThrownBy(() -> ec2.describeRouteTables())
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(4);
    }

    @Test
    void shouldRaiseEc2ExceptionWithTheAwsCodeWhenATableIdIsUnknown() {
        assertThatThrownBy(() -> ec2.describeRouteTables(r -> r.routeTableIds("rtb-missing")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRouteTableID.NotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("rtb-missing");
                });
    }

    @Test
    void shouldRaiseTheInjectedCodeWhenAFailureIsQueued() {
        simulator.failNext("DescribeRouteTables", 403, "UnauthorizedOperation");

        assertThatThrownBy(() -> ec2.describeRouteTables())
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
    }

    @Test
    void shouldFailALaterPageWhenCallsArePassedBeforeTheFault() {
        for (int i = 0; i < 4; i++) {
            simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-0" + i, "vpc-1", List.of(), List.of()));
        }
        simulator.pageSize(1);
        simulator.passNext("DescribeRouteTables", 2).failNext("DescribeRouteTables", 403, "UnauthorizedOperation");

        assertThatThrownBy(() -> ec2.describeRouteTablesPaginator().routeTables().stream().toList())
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(3);
        assertThat(ec2.describeRouteTablesPaginator().routeTables().stream().toList()).hasSize(4);
    }

    @Test
    void shouldFailToParseRatherThanReturnNothingWhenTheBodyIsTruncated() {
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-a", "vpc-1", List.of(), List.of(SimRoute.local("10.0.0.0/16"))));
        simulator.malformedNext("DescribeRouteTables");

        assertThatThrownBy(() -> ec2.describeRouteTables()).isInstanceOf(SdkClientException.class);
        assertThat(ec2.describeRouteTables().routeTables()).hasSize(1);
    }

    @Test
    void shouldPageAndFilterNetworkInterfacesWhenAskedByIdFilter() {
        for (int i = 0; i < 6; i++) {
            simulator.region(REGION).putNetworkInterface(new SimNetworkInterface("eni-0" + i, "subnet-" + (i % 2), "vpc-1",
                    "ap-northeast-1" + (i % 2 == 0 ? "a" : "c"), "interface", "ENI for FSx fs-1", List.of("10.0." + i + ".10", "10.0." + i + ".11")));
        }
        simulator.pageSize(2);

        List<NetworkInterface> enis = ec2.describeNetworkInterfacesPaginator(r -> r.filters(
                        Filter.builder().name("network-interface-id").values("eni-00", "eni-01", "eni-02", "eni-05").build()))
                .networkInterfaces().stream().toList();

        assertThat(enis).extracting(NetworkInterface::networkInterfaceId).containsExactly("eni-00", "eni-01", "eni-02", "eni-05");
        assertThat(enis.get(1).subnetId()).isEqualTo("subnet-1");
        assertThat(enis.get(1).availabilityZone()).isEqualTo("ap-northeast-1c");
        assertThat(enis.get(1).interfaceTypeAsString()).isEqualTo("interface");
        assertThat(enis.get(1).privateIpAddresses()).extracting(a -> a.privateIpAddress()).containsExactly("10.0.1.10", "10.0.1.11");
        assertThat(enis.get(1).privateIpAddresses().get(0).primary()).isTrue();
        assertThat(simulator.requestCount("DescribeNetworkInterfaces")).isEqualTo(2);
    }

    @Test
    void shouldReturnOnlyTablesRoutingToAWatchedEniWhenFilteredByRouteNetworkInterfaceAndDestination() {
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-a", "vpc-1", List.of(),
                List.of(SimRoute.local("10.0.0.0/16"), SimRoute.to("10.0.255.231/32", "eni-0a"))));
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-b", "vpc-1", List.of(),
                List.of(SimRoute.local("10.0.0.0/16"), SimRoute.to("10.0.255.231/32", "eni-0c"))));
        simulator.region(REGION).putRouteTable(SimRouteTable.of("rtb-c", "vpc-1", List.of(),
                List.of(SimRoute.local("10.0.0.0/16"), SimRoute.to("10.9.0.0/24", "eni-0c"))));

        List<String> flipped = ec2.describeRouteTablesPaginator(r -> r.maxResults(100).filters(
                        Filter.builder().name("route.network-interface-id").values("eni-0c", "eni-zz").build(),
                        Filter.builder().name("route.destination-cidr-block").values("10.0.255.231/32").build()))
                .routeTables().stream().map(RouteTable::routeTableId).toList();
        List<String> none = ec2.describeRouteTables(r -> r.filters(
                Filter.builder().name("route.network-interface-id").values("eni-zz").build())).routeTables().stream()
                .map(RouteTable::routeTableId).toList();

        assertThat(flipped).as("values of one filter OR, filters AND").containsExactly("rtb-b");
        assertThat(none).isEmpty();
    }

    @Test
    void shouldRejectTheFilterWhenItsNameIsUnknown() {
        assertThatThrownBy(() -> ec2.describeRouteTables(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
    private static final String TGW_RTB = "tgw-rtb-0sim";

    private void putTgwTable(SimTgwRouteTable.Route... routes) {
        simulator.region(REGION).putTransitGateway(new SimTransitGateway("tgw-0sim", "available", 64512, TGW_RTB, TGW_RTB));
        simulator.region(REGION).putTgwRouteTable(new SimTgwRouteTable(TGW_RTB, "tgw-0sim", List.of(), List.of(routes)));
    }

    private static List<String> search(String filter, String... values) {
        return ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(TGW_RTB)
                        .filters(Filter.builder().name(filter).values(values).build()))
                .routes().stream().map(TransitGatewayRoute::destinationCidrBlock).toList();
    }

    @Test
    void shouldOrTheValuesOfOneExactMatchFilterWhenASearchCarriesSeveral() {
        putTgwTable(new SimTgwRouteTable.Route("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-1")),
                SimTgwRouteTable.Route.staticTo("10.0.255.231/32", "tgw-attach-1"),
                SimTgwRouteTable.Route.staticTo("10.1.255.231/32", "tgw-attach-2"));

        assertThat(search("route-search.exact-match", "10.0.255.231/32", "10.1.255.231/32", "10.2.255.231/32"))
                .containsExactly("10.0.255.231/32", "10.1.255.231/32");
        // An exact match compares prefixes, so the host bits of a value do not hide the route.
        assertThat(search("route-search.exact-match", "10.0.7.7/16")).containsExactly("10.0.0.0/16");
    }

    @Test
    void shouldReturnTheCoveringRouteForEachValueWhenSearchingByLongestPrefix() {
        putTgwTable(new SimTgwRouteTable.Route("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-1")),
                SimTgwRouteTable.Route.staticTo("10.0.0.0/8", "tgw-attach-3"),
                SimTgwRouteTable.Route.staticTo("10.1.255.231/32", "tgw-attach-2"),
                SimTgwRouteTable.Route.blackhole("192.168.0.0/16"));

        // 10.0.255.231 has no route of its own: the VPC CIDR carries it, not the wider /8.
        assertThat(search("route-search.longest-prefix-match", "10.0.255.231/32", "10.1.255.231/32", "172.16.0.1/32"))
                .containsExactly("10.0.0.0/16", "10.1.255.231/32");
        assertThat(search("route-search.longest-prefix-match", "10.2.0.1/32")).containsExactly("10.0.0.0/8");
    }

    @Test
    void shouldAndALongestPrefixMatchWithTheOtherFilters() {
        putTgwTable(new SimTgwRouteTable.Route("10.0.0.0/16", "propagated", "active", List.of("tgw-attach-1")),
                SimTgwRouteTable.Route.blackhole("10.0.255.231/32"));

        List<String> activeOnly = ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(TGW_RTB).filters(
                        Filter.builder().name("route-search.longest-prefix-match").values("10.0.255.231/32").build(),
                        Filter.builder().name("state").values("active").build()))
                .routes().stream().map(TransitGatewayRoute::destinationCidrBlock).toList();

        // The blackhole /32 is the longest match; a state filter removes it rather than exposing the /16.
        assertThat(activeOnly).isEmpty();
    }

    @Test
    void shouldFlagAdditionalRoutesWhenAMultiValueSearchMatchesMoreThanOnePage() {
        SimTgwRouteTable.Route[] routes = new SimTgwRouteTable.Route[8];
        String[] values = new String[8];
        for (int i = 0; i < 8; i++) {
            routes[i] = SimTgwRouteTable.Route.staticTo("10.0." + i + ".5/32", "tgw-attach-1");
            values[i] = "10.0." + i + ".5/32";
        }
        putTgwTable(routes);
        simulator.pageSize(5);

        SearchTransitGatewayRoutesResponse response = ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(TGW_RTB)
                .filters(Filter.builder().name("route-search.exact-match").values(values).build()));

        assertThat(response.routes()).hasSize(5);
        assertThat(response.additionalRoutesAvailable()).isTrue();
    }

    @Test
    void shouldRejectASearchWhenOneFilterCarriesMoreThan200Values() {
        putTgwTable(SimTgwRouteTable.Route.blackhole("10.99.0.0/16"));
        String[] values = new String[201];
        for (int i = 0; i < values.length; i++) {
            values[i] = "10.0." + i + ".1/32";
        }

        assertThatThrownBy(() -> search("route-search.exact-match", values))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FilterLimitExceeded"));
    }
}
