package io.floatwatch.app.verdicts;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 5, as a new user runs it: a failover that moves one managed table and stalls. While it
 * converges nothing pages for the clients; past the stall deadline the client behind the table left
 * behind is unreachable with that table as the failing hop, and the one behind the moved table is not.
 */
class StalledFailoverVerdictIT {

    @Test
    void shouldCutOffTheClientBehindTheTableAStalledFailoverLeftBehind(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            OpenZfsFailoverScenario.installBaseline(region);
            String config = FloatwatchYaml.of(broker.bootstrapServers(), aws.endpoint())
                    .account(aws.accountId(), REGION)
                    .analyzer("stallDeadline", "1m")
                    .clients("""
                            - name: left
                              cidr: 10.0.2.0/24
                              via: same-vpc
                              subnetId: %1$s
                              vpcId: %3$s
                            - name: moved
                              cidr: 10.0.1.0/24
                              via: same-vpc
                              subnetId: %2$s
                              vpcId: %3$s
                            """.formatted(STANDBY_SUBNET_ID, PREFERRED_SUBNET_ID, VPC_ID))
                    .render();
            try (RunningFloatwatch floatwatch = RunningFloatwatch.start(dir, config)) {
                floatwatch.awaitMetrics(m -> m.contains("role=\"preferred\"} 1.0"));

                region.setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
                floatwatch.awaitMetrics(m -> m.contains("floatwatch_fsx_failovers_total{") && m.contains("role=\"mixed\"} 1.0"));
                Thread.sleep(10_000);
                assertThat(floatwatch.notifications()).as("normal convergence pages nothing for the clients")
                        .noneMatch(l -> l.contains("ClientPath"));

                String stalled = floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "left", null) == 1);
                assertThat(RunningFloatwatch.active(stalled, "client_path_unreachable", "moved", null)).isZero();
                assertThat(stalled).contains("type=\"fsx_failover_stalled\"");
                assertThat(floatwatch.log()).contains("left behind").contains(ROUTE_TABLE_B_ID);

                region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "left", null) == 0);
            }
        }
    }
}
