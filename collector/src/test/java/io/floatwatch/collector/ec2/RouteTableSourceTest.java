package io.floatwatch.collector.ec2;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.TestSupport;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;
import software.amazon.awssdk.services.ec2.model.Tag;

class RouteTableSourceTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private AwsSimulator simulator;
    private AwsClients clients;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        CollectorSettings settings = TestSupport.settings(simulator, "unused:9092", TOKYO);
        clients = TestSupport.clients(settings, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        clients.close();
        simulator.close();
    }

    @Test
    void shouldReturnEveryTableWhenTheAnswerSpansSeveralPages() {
        OpenZfsFailoverScenario.installBaseline(simulator.region(TOKYO.region()));
        simulator.region(TOKYO.region()).putRouteTable(SimRouteTable.of("rtb-extra1", "vpc-x", List.of(), List.of()));
        simulator.region(TOKYO.region()).putRouteTable(SimRouteTable.of("rtb-extra2", "vpc-x", List.of(), List.of()));
        simulator.pageSize(2);

        List<Observation> observations = new RouteTableSource(clients).poll(TOKYO, NOW);

        assertThat(observations).hasSize(5).allSatisfy(o -> {
            assertThat(o.scope()).isEqualTo(TOKYO);
            assertThat(o.observedAt()).isEqualTo(NOW);
        });
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(3);
        RouteTableObservation a = observations.stream().map(RouteTableObservation.class::cast)
                .filter(t -> t.routeTableId().equals(OpenZfsFailoverScenario.ROUTE_TABLE_A_ID)).findFirst().orElseThrow();
        assertThat(a.hostRoute(OpenZfsFailoverScenario.FLOATING_IP)).get()
                .extracting(Route::targetId).isEqualTo(OpenZfsFailoverScenario.PREFERRED_ENI_ID);
        assertThat(a.associatedSubnetIds()).containsExactly(OpenZfsFailoverScenario.PREFERRED_SUBNET_ID);
        assertThat(a.main()).isFalse();
    }

    @Test
    void shouldSeeABlackholeRouteWhenTheTargetEniIsGone() {
        OpenZfsFailoverScenario.installBaseline(simulator.region(TOKYO.region()));
        simulator.region(TOKYO.region()).blackholeRoute(OpenZfsFailoverScenario.ROUTE_TABLE_B_ID, OpenZfsFailoverScenario.FLOATING_ROUTE);

        RouteTableObservation b = new RouteTableSource(clients).poll(TOKYO, NOW).stream().map(RouteTableObservation.class::cast)
                .filter(t -> t.routeTableId().equals(OpenZfsFailoverScenario.ROUTE_TABLE_B_ID)).findFirst().orElseThrow();

        assertThat(b.hostRoute(OpenZfsFailoverScenario.FLOATING_IP)).get().satisfies(r -> assertThat(r.isBlackhole()).isTrue());
    }

    @Test
    void shouldMapTargetsMainFlagAndTagsWhenGivenARecordedResponse() {
        RouteTable recorded = RouteTable.builder()
                .routeTableId("rtb-1").vpcId("vpc-1")
                .associations(
                        RouteTableAssociation.builder().main(true).build(),
                        RouteTableAssociation.builder().subnetId("subnet-1").main(false).build(),
                        RouteTableAssociation.builder().subnetId("subnet-gone").main(false)
                                .associationState(RouteTableAssociationState.builder().state("disassociated").build()).build())
                .routes(
                        software.amazon.awssdk.services.ec2.model.Route.builder().destinationCidrBlock("10.0.0.0/16").gatewayId("local")
                                .state("active").origin("CreateRouteTable").build(),
                        software.amazon.awssdk.services.ec2.model.Route.builder().destinationCidrBlock("10.0.255.231/32")
                                .instanceId("i-1").networkInterfaceId("eni-1").state("active").origin("CreateRoute").build(),
                        software.amazon.awssdk.services.ec2.model.Route.builder().destinationIpv6CidrBlock("::/0")
                                .egressOnlyInternetGatewayId("eigw-1").state("active").build(),
                        software.amazon.awssdk.services.ec2.model.Route.builder().destinationCidrBlock("192.168.0.0/16")
                                .transitGatewayId("tgw-1").state("blackhole").origin("CreateRoute").build())
                .tags(Tag.builder().key("Name").value("client").build())
                .build();

        RouteTableObservation o = RouteTableSource.map(TOKYO, recorded, NOW);

        assertThat(o.main()).isTrue();
        assertThat(o.associatedSubnetIds()).containsExactly("subnet-1");
        assertThat(o.routes()).containsExactly(
                new Route("10.0.0.0/16", "local", "active", "CreateRouteTable"),
                new Route("10.0.255.231/32", "eni-1", "active", "CreateRoute"),
                new Route("::/0", "eigw-1", "active", null),
                new Route("192.168.0.0/16", "tgw-1", "blackhole", "CreateRoute"));
        assertThat(o.tags()).containsEntry("Name", "client");
    }
}
